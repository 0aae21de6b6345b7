package io.tune4j.rllib.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints environment steps per second on one thread (a benchmark, not a test): for each
 * classic-control env the object API ({@code Env.step}, which allocates a {@link StepResult} and an
 * observation per step), the raw array fast path ({@link FlatEnv#stepInto}) and {@link VectorEnv}
 * with 1, 8 and 64 copies. Episodes are reset when done; actions follow a fixed pattern.
 *
 * <p>{@code java io.tune4j.rllib.env.EnvBenchmark [millisPerMeasurement] [envId...]}; the default
 * 800 ms per measurement keeps the whole run under a minute. Target: at least 2e7 raw CartPole
 * steps/s.
 */
public final class EnvBenchmark {
  private static final String[] IDS = {
    "CartPole-v0", "MountainCar-v0", "MountainCarContinuous-v0", "Pendulum-v0", "Acrobot-v1",
  };
  private static final int PATTERN = 1024;
  private static volatile double sink;

  private EnvBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional milliseconds per measurement, then optional env ids
   */
  public static void main(String[] args) {
    long millis = 800;
    List<String> ids = new ArrayList<>();
    for (String a : args) {
      if (a.matches("\\d+")) {
        millis = Long.parseLong(a);
      } else {
        ids.add(a);
      }
    }
    if (ids.isEmpty()) {
      ids.addAll(List.of(IDS));
    }
    long budget = millis * 1_000_000L;
    System.out.printf(
        Locale.ROOT,
        "Env steps per second, one thread, %d ms per measurement (java %s)%n",
        millis,
        System.getProperty("java.version"));
    System.out.printf(
        Locale.ROOT,
        "%-26s %14s %14s %14s %14s %14s %12s%n",
        "env",
        "Env.step",
        "raw array",
        "VectorEnv x1",
        "VectorEnv x8",
        "VectorEnv x64",
        "B/step x64");
    for (String id : ids) {
      double objectRate = objectApi(id, budget);
      double flatRate = flatApi(id, budget);
      double v1 = vector(id, 1, budget, new long[1]);
      double v8 = vector(id, 8, budget, new long[1]);
      long before = allocatedBytes();
      long[] steps64 = new long[1];
      double v64 = vector(id, 64, budget, steps64);
      double bytesPerStep = (allocatedBytes() - before) / (double) steps64[0];
      System.out.printf(
          Locale.ROOT,
          "%-26s %14s %14s %14s %14s %14s %12s%n",
          id,
          fmt(objectRate),
          fmt(flatRate),
          fmt(v1),
          fmt(v8),
          fmt(v64),
          before < 0 ? "-" : String.format(Locale.ROOT, "%.4f", bytesPerStep));
    }
  }

  /** Bytes allocated so far by this thread, or -1 if the JVM cannot tell. */
  private static long allocatedBytes() {
    java.lang.management.ThreadMXBean bean =
        java.lang.management.ManagementFactory.getThreadMXBean();
    if (bean instanceof com.sun.management.ThreadMXBean sun) {
      return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return -1;
  }

  private static String fmt(double rate) {
    return Double.isNaN(rate) ? "-" : String.format(Locale.ROOT, "%.3e", rate);
  }

  /** A fixed action pattern in the flat layout: indices for Discrete, a sine for Box. */
  private static double[] pattern(Space actionSpace, int copies) {
    double[] p = new double[PATTERN * copies];
    for (int i = 0; i < p.length; i++) {
      if (actionSpace instanceof Discrete d) {
        p[i] = (i * 7 + i / 3) % d.n();
      } else {
        Box b = (Box) actionSpace;
        p[i] = b.high(0) * Math.sin(i * 0.37);
      }
    }
    return p;
  }

  private static double objectApi(String id, long budget) {
    Env env = Envs.make(id).unwrapped();
    env.seed(0);
    double[] p = pattern(env.actionSpace(), 1);
    Object[] actions = new Object[PATTERN];
    for (int i = 0; i < PATTERN; i++) {
      actions[i] =
          env.actionSpace() instanceof Discrete ? (Object) (int) p[i] : new double[] {p[i]};
    }
    Integer limit = Envs.spec(id).maxEpisodeSteps();
    int max = limit == null ? Integer.MAX_VALUE : limit;
    env.reset();
    Object[] keep = new Object[1]; // the observation escapes, as it would into a sample batch
    long steps = 0;
    double acc = 0;
    int elapsed = 0;
    long start = System.nanoTime();
    long end = start + budget / 4; // warm-up
    boolean measuring = false;
    while (true) {
      for (int k = 0; k < 4096; k++) {
        StepResult r = env.step(actions[(int) (steps & (PATTERN - 1))]);
        acc += r.reward();
        keep[0] = r.observation();
        steps++;
        if (r.done() || ++elapsed >= max) {
          env.reset();
          elapsed = 0;
        }
      }
      long now = System.nanoTime();
      if (now >= end) {
        if (measuring) {
          sink = acc + ((double[]) keep[0])[0];
          return steps / ((now - start) / 1e9);
        }
        measuring = true;
        steps = 0;
        start = now;
        end = now + budget;
      }
    }
  }

  private static double flatApi(String id, long budget) {
    Env env = Envs.make(id).unwrapped();
    if (!(env instanceof FlatEnv flat)) {
      return Double.NaN;
    }
    env.seed(0);
    double[] p = pattern(env.actionSpace(), 1);
    double[] obs = new double[flat.flatObservationSize()];
    Integer limit = Envs.spec(id).maxEpisodeSteps();
    int max = limit == null ? Integer.MAX_VALUE : limit;
    flat.resetInto(obs, 0);
    long steps = 0;
    double acc = 0;
    int elapsed = 0;
    long start = System.nanoTime();
    long end = start + budget / 4;
    boolean measuring = false;
    while (true) {
      for (int k = 0; k < 4096; k++) {
        acc += flat.stepInto(p, (int) (steps & (PATTERN - 1)), obs, 0);
        steps++;
        if (flat.lastDone() || ++elapsed >= max) {
          flat.resetInto(obs, 0);
          elapsed = 0;
        }
      }
      long now = System.nanoTime();
      if (now >= end) {
        if (measuring) {
          sink = acc + obs[0];
          return steps / ((now - start) / 1e9);
        }
        measuring = true;
        steps = 0;
        start = now;
        end = now + budget;
      }
    }
  }

  private static double vector(String id, int n, long budget, long[] totalEnvSteps) {
    VectorEnv v = Envs.makeVector(id, EnvContext.empty(), n);
    for (int i = 0; i < n; i++) {
      v.env(i).seed(i);
    }
    int as = v.actionSize();
    double[] p = pattern(v.actionSpace(), n * as);
    int stride = n * as;
    double[][] actions = new double[16][];
    for (int j = 0; j < actions.length; j++) {
      actions[j] = new double[stride];
      System.arraycopy(p, (j * stride) % (p.length - stride), actions[j], 0, stride);
    }
    v.resetAll();
    long vectorSteps = 0;
    double acc = 0;
    long start = System.nanoTime();
    long end = start + budget / 4;
    boolean measuring = false;
    int batch = Math.max(1, 4096 / n);
    while (true) {
      for (int k = 0; k < batch; k++) {
        v.step(actions[(int) (vectorSteps & 15)]);
        acc += v.rewards()[0];
        vectorSteps++;
        totalEnvSteps[0] += n;
      }
      long now = System.nanoTime();
      if (now >= end) {
        if (measuring) {
          sink = acc;
          return (double) vectorSteps * n / ((now - start) / 1e9);
        }
        measuring = true;
        vectorSteps = 0;
        start = now;
        end = now + budget;
      }
    }
  }
}
