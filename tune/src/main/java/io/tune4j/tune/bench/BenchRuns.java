package io.tune4j.tune.bench;

import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import io.tune4j.tune.logger.Loggers;
import io.tune4j.tune.logger.ResultLoggerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** The measured runs of {@link TuneBenchmark}: one {@code Tune.run} each, timed on the driver. */
final class BenchRuns {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private int runs;

  /**
   * One measured run: wall, driver CPU and driver user-mode CPU nanoseconds, how many units
   * (results or trials) and how many trials did not end TERMINATED.
   */
  record Sample(long wallNanos, long cpuNanos, long userNanos, long units, int errors) {
    double wallUs() {
      return wallNanos / 1e3 / units;
    }

    double cpuUs() {
      return cpuNanos / 1e3 / units;
    }

    double userUs() {
      return userNanos / 1e3 / units;
    }

    String errorNote() {
      return errors == 0 ? "" : "  (" + errors + " trials errored)";
    }
  }

  /** {@code concurrent} trials of {@link BenchTrainables.Spin} giving {@code total} results. */
  Sample results(Path root, boolean logs, int buffer, int concurrent, int total) {
    int perTrial = Math.max(1, total / concurrent);
    RunOptions o =
        options(root, BenchTrainables.Spin.class, logs, concurrent)
            .numSamples(concurrent)
            .resultBufferLength(buffer)
            .stop(Map.of("training_iteration", perTrial));
    return timed(o, (long) perTrial * concurrent);
  }

  /** {@code n} one-result trials (a grid of n values) with actor reuse. */
  Sample trials(Path root, Object trainable, boolean logs, int n, int cpus) {
    List<Integer> grid = IntStream.range(0, n).boxed().toList();
    RunOptions o =
        options(root, trainable, logs, cpus)
            .config(Map.of("i", Tune.gridSearch(grid)))
            .reuseActors(true);
    return timed(o, n);
  }

  /**
   * The file system's own cost of what Tune writes per trial: a directory with four small files
   * (one written to a temporary name and renamed, as {@code params.json} is), in microseconds per
   * trial, for {@code n} trials under {@code root}.
   */
  static double fileSystemFloorUs(Path root, int n) {
    Path dir = root.resolve("floor");
    byte[] line = "{\"score\": 1.0, \"training_iteration\": 1}\n".getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(dir);
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        Path t = Files.createDirectory(dir.resolve("func_" + i + "_i=" + i + "_2026-01-01_00-00-00abcdefgh"));
        Files.write(t.resolve("params.json.tmp"), line);
        Files.move(t.resolve("params.json.tmp"), t.resolve("params.json"));
        Files.write(t.resolve("result.json"), line);
        Files.write(t.resolve("progress.csv"), line);
        Files.write(t.resolve("events.out.tfevents.1700000000.host"), line);
      }
      double us = (System.nanoTime() - t0) / 1e3 / n;
      deleteTree(dir);
      return us;
    } catch (IOException e) {
      throw new UncheckedIOException("file-system floor under " + dir, e);
    }
  }

  private RunOptions options(Path root, Object trainable, boolean logs, int cpus) {
    List<ResultLoggerFactory> loggers = logs ? Loggers.defaults() : List.of();
    return RunOptions.of(trainable)
        .name("run" + runs++)
        .localDir(root)
        .verbose(0)
        .rayNumCpus(cpus)
        .loggers(loggers)
        .raiseOnFailedTrial(false);
  }

  private static Sample timed(RunOptions o, long units) {
    System.gc();
    long cpu0 = THREADS.getCurrentThreadCpuTime();
    long user0 = THREADS.getCurrentThreadUserTime();
    long t0 = System.nanoTime();
    ExperimentAnalysis a = Tune.run(o);
    long wall = System.nanoTime() - t0;
    long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
    long user = THREADS.getCurrentThreadUserTime() - user0;
    int errors = 0;
    for (TrialResult t : a.trials()) {
      if (!"TERMINATED".equals(t.status()) && errors++ == 0) {
        System.out.println("  (trial " + t.name() + " ended " + t.status() + ": " + t.errorMessage() + ")");
      }
    }
    deleteTree(a.experimentDir());
    return new Sample(wall, cpu, user, units, errors);
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(s.toList());
      all.sort(Comparator.reverseOrder());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
