package io.tune4j.tune.bench;

import io.tune4j.tune.bench.BenchRuns.Sample;
import io.tune4j.tune.runtime.Actor;
import io.tune4j.tune.runtime.ActorResources;
import io.tune4j.tune.runtime.ActorRuntime;
import io.tune4j.tune.runtime.LocalRayCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code bin/tune4j bench runtime}: what the actor runtime costs, embedded (Ray LOCAL mode) or on a
 * Ray cluster ({@code --ray-num-nodes N} starts a local one and stops it; {@code -Dray.address}
 * connects to a running one). Prints actor creation plus a first call, the round trip of an empty
 * call (median of 1,000), of a 1 MB {@code byte[]} each way (median of 50), and Tune's wall time per
 * trial (200 one-result function trials, actor reuse on) and per result (one trial, 2,000 results,
 * loggers on). {@code bin/tune4j bench runtime} runs the embedded JVM and then, when a {@code ray}
 * command is on the PATH, a cluster JVM.
 */
public final class RuntimeBenchmark {
  private RuntimeBenchmark() {}

  /** A host that echoes. */
  public static final class Echo {
    /** Echoes {@code b}. */
    public byte[] echo(byte[] b) {
      return b;
    }

    /** Does nothing. */
    public Integer ping() {
      return 1;
    }
  }

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    LocalRayCluster cluster = null;
    if (args.length == 2 && args[0].equals("--ray-num-nodes")) {
      cluster = LocalRayCluster.start(Integer.parseInt(args[1]), 2);
      System.setProperty("ray.address", cluster.address());
    } else if (args.length > 0) {
      System.err.println("Usage: bin/tune4j bench runtime [--ray-num-nodes N]; got " + Arrays.toString(args));
      System.exit(2);
    }
    int exit = 0;
    try {
      run();
    } catch (RuntimeException | Error e) {
      e.printStackTrace();
      exit = 1;
    } finally {
      if (cluster != null) {
        ActorRuntime.shutdown();
        cluster.close();
      }
    }
    System.exit(exit);
  }

  private static void run() throws Exception {
    ActorRuntime rt = ActorRuntime.get();
    String mode = rt.embedded() ? "embedded (Ray LOCAL mode)" : "cluster (" + System.getProperty("ray.address") + ")";
    System.out.printf("Actor runtime benchmark: %s, %d cores%n", mode, Runtime.getRuntime().availableProcessors());
    double[] create = new double[rt.embedded() ? 20 : 3];
    java.util.List<Actor<Echo>> held = new java.util.ArrayList<>();
    for (int i = 0; i < create.length; i++) {
      long t = System.nanoTime();
      Actor<Echo> a = rt.create(Echo::new, ActorResources.cpus(rt.embedded() ? 1 : 0.5), "echo " + i);
      a.call(Echo::ping).get();
      create[i] = (System.nanoTime() - t) / 1e6;
      if (i == create.length - 1) {
        roundTrips(a);
      }
      // Held, not released, so the next one is a new actor (the embedded pool would hand it back).
      held.add(a);
    }
    held.forEach(a -> a.release(false, null));
    System.out.printf("actor creation + first call     %10.2f ms (median of %d; first %.1f ms)%n",
        median(create), create.length, create[0]);
    Path dir = Files.createTempDirectory("tune4j-bench-runtime");
    try {
      BenchRuns runs = new BenchRuns();
      runs.trials(dir, BenchTrainables.ONE_RESULT, true, 10, 2); // warm-up
      Sample trials = runs.trials(dir, BenchTrainables.ONE_RESULT, true, 200, 2);
      System.out.printf("Tune wall time per trial        %10.2f ms (200 one-result function trials, 2 at once,"
          + " actors started by the run included)%n", trials.wallUs() / 1e3);
      Sample results = runs.results(dir, true, 1, 1, 2_000);
      System.out.printf("Tune wall time per result       %10.3f ms (one trial, 2,000 results, loggers on)%n",
          results.wallUs() / 1e3);
    } finally {
      BenchRuns.deleteTree(dir);
    }
  }

  private static void roundTrips(Actor<Echo> a) {
    for (int i = 0; i < 200; i++) {
      a.call(Echo::ping).get();
    }
    double[] ping = new double[1000];
    for (int i = 0; i < ping.length; i++) {
      long t = System.nanoTime();
      a.call(Echo::ping).get();
      ping[i] = (System.nanoTime() - t) / 1e3;
    }
    System.out.printf("empty call round trip           %10.1f us (median of 1,000)%n", median(ping));
    byte[] mb = new byte[1 << 20];
    double[] big = new double[50];
    for (int i = 0; i < big.length; i++) {
      long t = System.nanoTime();
      byte[] back = a.call(Echo::echo, mb).get();
      big[i] = (System.nanoTime() - t) / 1e6;
      if (back.length != mb.length) {
        throw new IllegalStateException("1 MB echo came back with " + back.length + " bytes");
      }
    }
    System.out.printf("1 MB byte[] round trip          %10.2f ms (median of 50)%n", median(big));
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
