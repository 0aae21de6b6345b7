package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.agents.Callbacks;
import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.env.EnvContext;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.env.VectorEnv;
import io.tune4j.rllib.models.Preprocessors;
import io.tune4j.rllib.policy.ActionOutput;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Prints sampler throughput (env steps per second, one thread) with a uniformly random policy on
 * CartPole-v0 at 1, 8 and 64 envs, the counterpart of RLlib's {@code test_perf.py} (8.5k
 * samples/s). Target: at least 850k steps/s.
 *
 * <p>Usage: {@code java -cp ... io.tune4j.rllib.evaluation.SamplerBenchmark [seconds] [env]}.
 */
public final class SamplerBenchmark {
  private SamplerBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional measuring seconds per setting (default 3) and env id (default
   *     CartPole-v0)
   */
  public static void main(String[] args) {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
    String envId = args.length > 1 ? args[1] : "CartPole-v0";
    System.out.printf("sampler benchmark: %s, random policy, truncate_episodes, NoFilter%n", envId);
    for (int n : new int[] {1, 8, 64}) {
      run(envId, n, seconds);
    }
  }

  private static void run(String envId, int numEnvs, double seconds) {
    VectorEnv env = Envs.makeVector(envId, EnvContext.empty(), numEnvs);
    RandomPolicy policy = new RandomPolicy(env, 1);
    Sampler sampler = new Sampler(env, policy, Preprocessors.get(env.observationSpace()),
        new NoFilter(), Callbacks.NONE, SamplerConfig.defaults().withSeed(1L));
    long rows = 0;
    long warmupEnd = System.nanoTime() + 1_500_000_000L;
    while (System.nanoTime() < warmupEnd) {
      rows += sampler.sample().count();
    }
    sampler.pollMetrics();
    sampler.pollPerf();
    rows = 0;
    long bytes0 = allocatedBytes();
    long t0 = System.nanoTime();
    long end = t0 + (long) (seconds * 1e9);
    long now;
    do {
      rows += sampler.sample().count();
      now = System.nanoTime();
    } while (now < end);
    double secs = (now - t0) / 1e9;
    long bytes = allocatedBytes() - bytes0;
    int episodes = sampler.pollMetrics().size();
    SamplerPerf perf = sampler.pollPerf();
    System.out.printf(
        "envs=%3d  %,12.0f steps/s  (%,d steps, %,d episodes in %.2f s; %.0f bytes allocated"
            + " per step; per vector step: env %.2f us, processing %.2f us, inference %.2f us)%n",
        numEnvs, rows / secs, rows, episodes, secs, bytes < 0 ? Double.NaN : (double) bytes / rows,
        perf.meanEnvWaitMs() * 1e3, perf.meanProcessingMs() * 1e3, perf.meanInferenceMs() * 1e3);
  }

  /** Bytes allocated by this thread so far, or -1 if the JVM cannot tell. */
  private static long allocatedBytes() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    if (mx instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
      return sun.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return -1;
  }

  /** Samples actions uniformly from a Discrete or Box action space; postprocessing is identity. */
  private static final class RandomPolicy implements Policy {
    private final Space obsSpace;
    private final Space actSpace;
    private final int obsSize;
    private final int actSize;
    private final SplittableRandom random;

    RandomPolicy(VectorEnv env, long seed) {
      this.obsSpace = env.observationSpace();
      this.actSpace = env.actionSpace();
      this.obsSize = Preprocessors.get(obsSpace).size();
      this.actSize = env.actionSize();
      this.random = new SplittableRandom(seed);
    }

    @Override
    public ActionOutput computeActions(float[] obs, int n, boolean explore) {
      double[] a = new double[n * actSize];
      if (actSpace instanceof Discrete d) {
        for (int i = 0; i < n; i++) {
          a[i] = random.nextInt(d.n());
        }
      } else if (actSpace instanceof Box b) {
        for (int i = 0, k = 0; i < n; i++) {
          for (int j = 0; j < actSize; j++, k++) {
            a[k] = b.low(j) + random.nextDouble() * (b.high(j) - b.low(j));
          }
        }
      } else {
        throw new IllegalArgumentException("RandomPolicy: unsupported action space " + actSpace);
      }
      return new ActionOutput(a, Map.of());
    }

    @Override
    public SampleBatch postprocessTrajectory(SampleBatch fragment, boolean terminated) {
      return fragment;
    }

    @Override
    public Space observationSpace() {
      return obsSpace;
    }

    @Override
    public Space actionSpace() {
      return actSpace;
    }

    @Override
    public int observationSize() {
      return obsSize;
    }

    @Override
    public int actionSize() {
      return actSize;
    }

    @Override
    public Map<String, Object> learnOnBatch(SampleBatch batch) {
      return Map.of();
    }

    @Override
    public Gradients computeGradients(SampleBatch batch) {
      throw new UnsupportedOperationException("RandomPolicy does not learn");
    }

    @Override
    public void applyGradients(Gradients gradients) {
      throw new UnsupportedOperationException("RandomPolicy does not learn");
    }

    @Override
    public byte[] getWeights() {
      return new byte[0];
    }

    @Override
    public void setWeights(byte[] weights) {}

    @Override
    public byte[] getState() {
      return new byte[0];
    }

    @Override
    public void setState(byte[] state) {}

    @Override
    public void exportModel(Path dir) {
      throw new UnsupportedOperationException("RandomPolicy has no model");
    }
  }
}
