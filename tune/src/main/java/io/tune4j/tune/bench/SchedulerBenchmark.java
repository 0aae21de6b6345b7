package io.tune4j.tune.bench;

import io.tune4j.schedulers.AsyncHyperBandScheduler;
import io.tune4j.schedulers.FifoScheduler;
import io.tune4j.schedulers.MedianStoppingRule;
import io.tune4j.schedulers.PopulationBasedTraining;
import io.tune4j.schedulers.SchedulerContext;
import io.tune4j.schedulers.TrialScheduler;
import io.tune4j.schedulers.TrialStatus;
import io.tune4j.schedulers.TrialView;
import io.tune4j.search.Mode;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import io.tune4j.tune.trainable.Trainable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Part 3 of {@code bin/tune4j bench tune} (alone: {@code bin/tune4j bench tune --schedulers}):
 * what Tune4j's schedulers and experiment checkpoints cost.
 *
 * <ol>
 *   <li>A scheduler's decision per result, measured on the decider alone at the 10th, 1,000th and
 *       10,000th result of each of 8 trials (after 3 completed trials of 10,000 results, which the
 *       median rule compares with). It must stay flat; Optuna 3.1 on this machine grows from 26 µs
 *       to 1.6 ms per report and prune at 10,000 steps.
 *   <li>ASHA over 1,000 trivial trials through the whole runner (loggers off): wall time, per
 *       result, how many trials it stopped early.
 *   <li>The experiment-state writes of 1,000 trials of 10 ms each with no minimum period (only
 *       the 5 % rule): writes, seconds, share of the wall time.
 *   <li>PBT's cost per exploit: 8 checkpointing trials, perturbation every iteration, against the
 *       same run under FIFO.
 * </ol>
 */
public final class SchedulerBenchmark {
  private static final int TRIALS = 8;
  private static final int[] MARKS = {10, 1_000, 10_000};

  private SchedulerBenchmark() {}

  /** Runs part 3 in {@code dir}. */
  static void run(Path dir) throws IOException {
    decisionTable();
    ashaSweep(dir);
    stateShare(dir);
    pbtExploits(dir);
  }

  /** Runs part 3 alone, in a temporary directory. */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("tune4j-bench-sched");
    int exit = 0;
    try {
      run(dir);
    } catch (RuntimeException | Error e) {
      e.printStackTrace();
      exit = 1;
    } finally {
      BenchRuns.deleteTree(dir);
    }
    System.exit(exit);
  }

  private static void decisionTable() {
    System.out.printf("%nPart 3a: scheduler decision per result (the decider alone, %d trials)%n", TRIALS);
    System.out.println("target: flat from 10 to 10,000 results per trial (Optuna 3.1: 26 us -> 1.6 ms)");
    System.out.printf("%-16s %12s %12s %12s%n", "scheduler", "us @10", "us @1,000", "us @10,000");
    Map<String, Supplier<TrialScheduler>> all = new LinkedHashMap<>();
    all.put("FIFO", FifoScheduler::new);
    all.put("MedianStopping", () -> MedianStoppingRule.builder().timeAttr("training_iteration").metric("score")
        .mode(Mode.MAX).gracePeriod(0).build());
    all.put("AsyncHyperBand", () -> AsyncHyperBandScheduler.builder().timeAttr("training_iteration").metric("score")
        .mode(Mode.MAX).maxT(1_000_000).gracePeriod(1).reductionFactor(4).build());
    all.put("PBT", () -> PopulationBasedTraining.builder().timeAttr("training_iteration").metric("score")
        .mode(Mode.MAX).perturbationInterval(100).hyperparamMutations(Map.of("lr", List.of(0.1, 0.2, 0.3))).build());
    for (Map.Entry<String, Supplier<TrialScheduler>> e : all.entrySet()) {
      double[] us = decisions(e.getValue().get());
      System.out.printf("%-16s %12.2f %12.2f %12.2f%n", e.getKey(), us[0], us[1], us[2]);
    }
  }

  /** Average microseconds per onTrialResult over each mark's window, for each mark. */
  private static double[] decisions(TrialScheduler s) {
    Context ctx = new Context();
    for (int c = 0; c < 3; c++) {
      TrialView v = ctx.add("done" + c);
      s.onTrialAdd(ctx, v);
      ctx.set(v.trialId(), TrialStatus.RUNNING);
      for (int i = 1; i <= 10_000; i++) {
        s.onTrialResult(ctx, ctx.result(v.trialId(), i, (c + 1) * 0.5), ctx.lastResult);
      }
      s.onTrialComplete(ctx, ctx.trial(v.trialId()), ctx.lastResult);
      ctx.set(v.trialId(), TrialStatus.TERMINATED);
    }
    for (int t = 0; t < TRIALS; t++) {
      TrialView v = ctx.add("t" + t);
      s.onTrialAdd(ctx, v);
      ctx.set(v.trialId(), TrialStatus.RUNNING);
    }
    double[] out = new double[MARKS.length];
    int mark = 0;
    long windowNanos = 0;
    int windowCalls = 0;
    for (int i = 1; i <= MARKS[MARKS.length - 1]; i++) {
      boolean measured = i > MARKS[mark] - 10 && i <= MARKS[mark];
      for (int t = 0; t < TRIALS; t++) {
        String id = "t" + t;
        TrialView view = ctx.result(id, i, 1 + t * 0.1);
        long start = System.nanoTime();
        s.onTrialResult(ctx, view, ctx.lastResult);
        if (measured) {
          windowNanos += System.nanoTime() - start;
          windowCalls++;
        }
        ctx.set(id, TrialStatus.RUNNING); // whatever it decided, keep the trial reporting
      }
      if (i == MARKS[mark]) {
        out[mark++] = windowNanos / 1e3 / windowCalls;
        windowNanos = 0;
        windowCalls = 0;
      }
    }
    return out;
  }

  /** A context of trials that all fit; views carry a checkpoint so PBT can exploit. */
  private static final class Context implements SchedulerContext {
    private final Map<String, TrialView> views = new LinkedHashMap<>();
    Map<String, Object> lastResult;

    TrialView add(String id) {
      TrialView v = new TrialView(id, id, TrialStatus.PENDING, Map.of("lr", 0.1), Map.of(), 0, 0);
      views.put(id, v);
      return v;
    }

    void set(String id, TrialStatus status) {
      views.put(id, views.get(id).withStatus(status));
    }

    TrialView result(String id, int iteration, double slope) {
      TrialView old = views.get(id);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("training_iteration", iteration);
      r.put("time_total_s", iteration * 0.01);
      r.put("score", slope * iteration);
      lastResult = r;
      TrialView v = new TrialView(id, id, TrialStatus.RUNNING, old.config(), r, iteration, iteration);
      views.put(id, v);
      return v;
    }

    @Override
    public List<TrialView> trials() {
      return new ArrayList<>(views.values());
    }

    @Override
    public TrialView trial(String trialId) {
      return views.get(trialId);
    }

    @Override
    public boolean hasResourcesFor(String trialId) {
      return true;
    }
  }

  /** Reports {@code q * i} a hundred times as fast as it can. */
  public static final class Rising extends Trainable {
    /** Ray and Tune create it reflectively. */
    public Rising() {}

    @Override
    protected Map<String, Object> step() {
      return Map.of("score", ((Number) config().get("q")).doubleValue() * (iteration() + 1));
    }

    @Override
    protected Path saveCheckpoint(Path d) throws Exception {
      return Files.writeString(d.resolve("i"), Long.toString(iteration()));
    }

    @Override
    protected void loadCheckpoint(Path p) {}
  }

  /** One result after 10 ms. */
  public static final class TenMs extends Trainable {
    /** Ray and Tune create it reflectively. */
    public TenMs() {}

    @Override
    protected Map<String, Object> step() throws InterruptedException {
      Thread.sleep(10);
      return Map.of("score", 1.0, "done", true);
    }

    @Override
    public boolean resetConfig(Map<String, Object> newConfig) {
      return true;
    }
  }

  private static void ashaSweep(Path dir) {
    System.out.printf("%nPart 3b: ASHA over 1,000 trivial trials (max_t 100, grace 1, rf 4; loggers off, 2 CPUs;"
        + " the second of two runs)%n");
    asha(dir, "asha_warmup");
    asha(dir, "asha");
  }

  private static void asha(Path dir, String name) {
    long start = System.nanoTime();
    ExperimentAnalysis a = Tune.run(RunOptions.of(Rising.class).name(name).localDir(dir).verbose(0).rayNumCpus(2)
        .loggers(List.of()).reuseActors(true).numSamples(1_000).seed(1)
        .config(Map.of("q", Tune.uniform(0, 1))).stop(Map.of("training_iteration", 100))
        .scheduler(AsyncHyperBandScheduler.builder().timeAttr("training_iteration").maxT(100).gracePeriod(1)
            .reductionFactor(4).seed(1).build())
        .metric("score").mode(Mode.MAX));
    double wall = (System.nanoTime() - start) / 1e9;
    long results = 0;
    int early = 0;
    for (TrialResult t : a.trials()) {
      long it = ((Number) t.lastResult().get("training_iteration")).longValue();
      results += it;
      early += it < 100 ? 1 : 0;
    }
    if (!name.endsWith("warmup")) {
      System.out.printf("wall %.2f s, %d results (%.1f us each), %d of %d trials stopped before max_t%n",
          wall, results, wall * 1e6 / results, early, a.trials().size());
    }
  }

  private static void stateShare(Path dir) {
    System.out.printf("%nPart 3c: experiment-state writes, 1,000 one-result trials of 10 ms, no minimum period%n");
    ExperimentAnalysis a = null;
    for (String name : List.of("state_warmup", "state")) {
      a = Tune.run(RunOptions.of(TenMs.class).name(name).localDir(dir).verbose(0)
          .rayNumCpus(2).loggers(List.of()).reuseActors(true).numSamples(1_000).globalCheckpointPeriodS(0));
    }
    double wall = ((Number) a.stats().get("wall_s")).doubleValue();
    double writes = ((Number) a.stats().get("state_write_s")).doubleValue();
    int n = ((Number) a.stats().get("state_writes")).intValue();
    System.out.printf("target: <= 5 %% of wall time%n%d writes, %.1f ms each, %.3f s of %.2f s wall = %.1f %%%n",
        n, writes * 1e3 / n, writes, wall, 100 * writes / wall);
  }

  private static void pbtExploits(Path dir) throws IOException {
    System.out.printf("%nPart 3d: PBT per exploit (8 checkpointing trials x 200 iterations, perturbation every iteration)%n");
    RunOptions fifo = RunOptions.of(Rising.class).name("fifo").localDir(dir).verbose(0).rayNumCpus(8)
        .loggers(List.of()).config(Map.of("q", Tune.gridSearch(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)))
        .stop(Map.of("training_iteration", 200));
    Tune.run(fifo.name("fifo_warmup"));
    long start = System.nanoTime();
    Tune.run(fifo.name("fifo"));
    double fifoWall = (System.nanoTime() - start) / 1e9;
    RunOptions pbt = RunOptions.of(Rising.class).name("pbt").localDir(dir).verbose(0).rayNumCpus(8)
        .loggers(List.of()).config(Map.of("q", Tune.gridSearch(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)))
        .stop(Map.of("training_iteration", 200)).metric("score").mode(Mode.MAX)
        .scheduler(PopulationBasedTraining.builder().timeAttr("training_iteration").perturbationInterval(1)
            .hyperparamMutations(Map.of("q", List.of(0.1, 0.3, 0.5, 0.7, 0.9))).seed(1).build());
    start = System.nanoTime();
    Tune.run(pbt);
    double pbtWall = (System.nanoTime() - start) / 1e9;
    Path log = dir.resolve("pbt/pbt_global.txt");
    int exploits = Files.exists(log) ? Files.readAllLines(log).size() : 0;
    System.out.printf("FIFO %.2f s, PBT %.2f s, %d exploits: %.2f ms per exploit%n",
        fifoWall, pbtWall, exploits, exploits == 0 ? 0 : (pbtWall - fifoWall) * 1e3 / exploits);
  }
}
