package io.tune4j.tune.bench;

import io.tune4j.tune.bench.BenchRuns.Sample;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code bin/tune4j bench tune}: what Tune's driver costs (DESIGN.md targets: at most 0.1 ms per
 * logged result, at most 0.5 ms per trial with every file written, flat from 1,000 to 10,000
 * trials; Ray Tune spends about 1.3 ms and 9 ms, Optuna 3.1 0.78 ms per trial with its journal
 * file).
 *
 * <p>Part 1 runs trivial class trainables that report as fast as they can, with loggers on and
 * off, result buffering 1 and 16, and 1, 2 and 4 concurrent trials. Part 2 runs 1,000 and 10,000
 * one-result trials (function and class trainables, actor reuse on) with every file written and
 * with loggers off. Columns: wall time, the driver thread's CPU time and its user-mode part ({@code
 * ThreadMXBean}; the driver is the thread that calls {@code Tune.run} and runs the whole event
 * loop, loggers included; the rest of its CPU time is the kernel's, mostly creating files), per
 * result or per trial. Part 2 also prints the file system's own cost of one trial's files (a
 * directory and four small files, measured just before), because on a busy disk that floor, not
 * Tune, sets the pace; rows on tmpfs ({@code /dev/shm}, when present) show Tune's cost without it.
 * Ray runs in LOCAL mode, {@code verbose=0}; everything is written under temporary directories
 * deleted at the end.
 *
 * <p>Arguments: {@code --results N} results per part-1 row (default 20000), {@code --trials N,M}
 * trial counts of part 2 (default 1000,10000), {@code --cpus N} CPUs budgeted in part 2 (default
 * 2), {@code --dir PATH} where the disk rows write (default the system temporary directory).
 * Part 3 ({@link SchedulerBenchmark}) measures schedulers, experiment-state writes and PBT's
 * exploits; {@code --schedulers} runs only part 3.
 */
public final class TuneBenchmark {
  private final BenchRuns runs = new BenchRuns();

  private TuneBenchmark() {}

  /** Runs both parts and prints their tables. */
  public static void main(String[] args) throws IOException {
    int results = 20_000;
    int[] trialCounts = {1_000, 10_000};
    int cpus = 2;
    Path base = null;
    boolean onlySchedulers = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--schedulers")) {
        onlySchedulers = true;
        continue;
      }
      if (i + 1 >= args.length || !a.startsWith("--")) {
        usage(a);
      }
      switch (a) {
        case "--results" -> results = Integer.parseInt(args[++i]);
        case "--trials" ->
            trialCounts = Stream.of(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        case "--cpus" -> cpus = Integer.parseInt(args[++i]);
        case "--dir" -> base = Path.of(args[++i]);
        default -> usage(a);
      }
    }
    Path disk = base == null ? Files.createTempDirectory("tune4j-bench") : Files.createTempDirectory(base, "tune4j-bench");
    Path shm = Path.of("/dev/shm");
    Path tmpfs = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "tune4j-bench") : null;
    long t0 = System.nanoTime();
    int exit = 0;
    try {
      TuneBenchmark b = new TuneBenchmark();
      System.out.printf(
          "Tune4j driver benchmark: Ray LOCAL mode, %d cores, verbose=0, JDK %s, disk rows in %s%n",
          Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), disk);
      if (!onlySchedulers) {
        b.warmUp(tmpfs != null ? tmpfs : disk);
        b.perResultTable(disk, results);
        b.perTrialTable(disk, tmpfs, trialCounts, cpus);
      }
      SchedulerBenchmark.run(disk);
    } catch (RuntimeException | Error e) {
      e.printStackTrace();
      exit = 1;
    } finally {
      BenchRuns.deleteTree(disk);
      if (tmpfs != null) {
        BenchRuns.deleteTree(tmpfs);
      }
    }
    System.out.printf("%nTotal benchmark time %.0f s%n", (System.nanoTime() - t0) / 1e9);
    // Ray's LOCAL-mode executor threads are not daemons; end the JVM explicitly.
    System.exit(exit);
  }

  private static void usage(String bad) {
    System.err.println(
        "Usage: bin/tune4j bench tune [--results N] [--trials N,M] [--cpus N] [--dir PATH] [--schedulers]; got '"
            + bad + "'");
    System.exit(2);
  }

  /** Lets the JIT compile the runner, executor and loggers before anything is measured. */
  private void warmUp(Path dir) {
    for (int round = 0; round < 2; round++) {
      for (boolean logs : new boolean[] {true, false}) {
        runs.results(dir, logs, 1, 2, 10_000);
        runs.results(dir, logs, 16, 2, 10_000);
        runs.trials(dir, BenchTrainables.ONE_RESULT, logs, 2_000, 2);
        runs.trials(dir, BenchTrainables.OneShot.class, logs, 2_000, 2);
      }
    }
  }

  private void perResultTable(Path dir, int results) {
    System.out.printf(
        "%nPart 1: driver cost per result (trivial class trainable, %d results per row)%n", results);
    System.out.println("target: <= 100 us of driver time per logged result (Ray Tune ~1300 us)");
    System.out.printf(
        "%-8s %-7s %-11s %12s %13s %14s %12s%n",
        "loggers", "buffer", "concurrent", "wall us/res", "driver CPU us", "of which user", "results/s");
    for (boolean logs : new boolean[] {true, false}) {
      for (int buffer : new int[] {1, 16}) {
        for (int concurrent : new int[] {1, 2, 4}) {
          Sample s = runs.results(dir, logs, buffer, concurrent, results);
          System.out.printf(
              "%-8s %-7d %-11d %12.1f %13.1f %14.1f %12.0f%s%n",
              logs ? "on" : "off", buffer, concurrent, s.wallUs(), s.cpuUs(), s.userUs(),
              1e6 / s.wallUs(), s.errorNote());
        }
      }
    }
  }

  private void perTrialTable(Path disk, Path tmpfs, int[] counts, int cpus) {
    System.out.printf(
        "%nPart 2: bookkeeping per one-result trial (%d CPUs budgeted, reuse_actors on)%n", cpus);
    System.out.println(
        "target: <= 500 us per trial with every file written, flat from 1,000 to 10,000 trials"
            + " (Ray Tune ~9000 us, Optuna 3.1 journal 780 us)");
    System.out.printf(
        "%-9s %-12s %7s %13s %13s %14s %14s%n",
        "trainable", "files", "trials", "wall us/trial", "driver CPU us", "of which user",
        "fs floor us");
    List<Object[]> where = new ArrayList<>();
    where.add(new Object[] {"disk", disk, true});
    where.add(new Object[] {"none", disk, false});
    if (tmpfs != null) {
      where.add(new Object[] {"tmpfs", tmpfs, true});
    }
    Object[][] kinds = {
      {"function", BenchTrainables.ONE_RESULT}, {"class", BenchTrainables.OneShot.class}
    };
    for (Object[] kind : kinds) {
      for (Object[] w : where) {
        boolean logs = (Boolean) w[2];
        for (int n : counts) {
          String floor = logs ? String.format("%14.1f", BenchRuns.fileSystemFloorUs((Path) w[1], Math.min(n, 2_000))) : String.format("%14s", "-");
          Sample s = runs.trials((Path) w[1], kind[1], logs, n, cpus);
          System.out.printf(
              "%-9s %-12s %7d %13.1f %13.1f %14.1f %s%s%n",
              kind[0], logs ? "all, " + w[0] : "none", n, s.wallUs(), s.cpuUs(), s.userUs(), floor,
              s.errorNote());
        }
      }
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    System.out.printf("heap in use after the last run: %d MB%n", heap);
  }
}
