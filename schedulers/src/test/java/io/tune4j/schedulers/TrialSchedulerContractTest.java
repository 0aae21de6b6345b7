package io.tune4j.schedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TrialScheduler} meets, run over each implementation by a subclass. It
 * drives the scheduler as the trial runner does, through an {@link InMemorySchedulerContext}.
 */
abstract class TrialSchedulerContractTest {
  /** Returns a fresh scheduler under test. */
  protected abstract TrialScheduler createScheduler();

  /** The result a trial reports at an iteration; subclasses may add the metrics they need. */
  protected Map<String, Object> result(String trialId, int iteration) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("training_iteration", iteration);
    result.put("time_total_s", (double) iteration);
    result.put("episode_reward_mean", (double) (iteration * (1 + trialId.hashCode() % 5)));
    return result;
  }

  /** The config a trial starts with; subclasses return what their scheduler explores. */
  protected Map<String, Object> config(String trialId) {
    return Map.of();
  }

  private TrialView addTrial(
      TrialScheduler scheduler, InMemorySchedulerContext ctx, String id, double cpu) {
    TrialView view = ctx.add(id, cpu, config(id));
    scheduler.onTrialAdd(ctx, view);
    return view;
  }

  @Test
  void choosesNothingWithoutTrials() {
    assertNull(createScheduler().chooseTrialToRun(new InMemorySchedulerContext(4)));
  }

  @Test
  void choosesOnlyWaitingTrialsThatFit() {
    for (long seed = 0; seed < 20; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      TrialScheduler scheduler = createScheduler();
      InMemorySchedulerContext ctx = new InMemorySchedulerContext(4);
      TrialStatus[] statuses = TrialStatus.values();
      for (int i = 0; i < 30; i++) {
        String id = "t" + i;
        addTrial(scheduler, ctx, id, 1 + random.nextInt(3));
        TrialStatus status = statuses[random.nextInt(statuses.length)];
        if (status == TrialStatus.RUNNING && ctx.freeCpus() < 3) {
          status = TrialStatus.PAUSED;
        }
        ctx.setStatus(id, status);
      }
      String chosen = scheduler.chooseTrialToRun(ctx);
      if (chosen != null) {
        TrialStatus status = ctx.trial(chosen).status();
        assertTrue(
            status == TrialStatus.PENDING || status == TrialStatus.PAUSED, "chose " + status);
        assertTrue(ctx.hasResourcesFor(chosen), "chose a trial that does not fit: " + chosen);
      }
    }
  }

  @Test
  void chooseIsIdempotent() {
    TrialScheduler scheduler = createScheduler();
    InMemorySchedulerContext ctx = new InMemorySchedulerContext(2);
    for (int i = 0; i < 5; i++) {
      addTrial(scheduler, ctx, "t" + i, 1);
    }
    String first = scheduler.chooseTrialToRun(ctx);
    assertNotNull(first);
    assertEquals(first, scheduler.chooseTrialToRun(ctx));
  }

  @Test
  void neverChoosesFinishedOrRemovedTrials() {
    TrialScheduler scheduler = createScheduler();
    InMemorySchedulerContext ctx = new InMemorySchedulerContext(4);
    addTrial(scheduler, ctx, "done", 1);
    addTrial(scheduler, ctx, "removed", 1);
    addTrial(scheduler, ctx, "failed", 1);
    scheduler.onTrialComplete(ctx, ctx.setStatus("done", TrialStatus.TERMINATED), Map.of());
    scheduler.onTrialRemove(ctx, ctx.setStatus("removed", TrialStatus.TERMINATED));
    ctx.setStatus("failed", TrialStatus.RUNNING);
    scheduler.onTrialError(ctx, ctx.setStatus("failed", TrialStatus.ERROR));
    assertNull(scheduler.chooseTrialToRun(ctx));
    addTrial(scheduler, ctx, "fresh", 1);
    assertEquals("fresh", scheduler.chooseTrialToRun(ctx));
  }

  @Test
  void resultsGetADecisionAndTheDebugStringIsNotBlank() {
    TrialScheduler scheduler = createScheduler();
    InMemorySchedulerContext ctx = new InMemorySchedulerContext(1);
    addTrial(scheduler, ctx, "t0", 1);
    ctx.setStatus("t0", TrialStatus.RUNNING);
    Map<String, Object> result = result("t0", 1);
    assertNotNull(scheduler.onTrialResult(ctx, ctx.report("t0", result), result));
    assertFalse(scheduler.debugString().isBlank());
  }

  private static boolean allFinished(InMemorySchedulerContext ctx) {
    return ctx.statuses().values().stream().allMatch(TrialStatus::isFinished);
  }

  /** Plays the runner: every trial must end TERMINATED within a bounded number of steps. */
  @Test
  void driveToCompletionRunsEveryTrial() {
    TrialScheduler scheduler = createScheduler();
    InMemorySchedulerContext ctx = new InMemorySchedulerContext(3);
    int trials = 12;
    int maxIterations = 10;
    for (int i = 0; i < trials; i++) {
      addTrial(scheduler, ctx, "t" + i, 1);
    }
    Map<String, Integer> iteration = new LinkedHashMap<>();
    for (int step = 0; step < 10_000 && !allFinished(ctx); step++) {
      String next = scheduler.chooseTrialToRun(ctx);
      if (next != null) {
        assertNotEquals(TrialStatus.RUNNING, ctx.trial(next).status());
        ctx.setStatus(next, TrialStatus.RUNNING);
        continue;
      }
      for (Map.Entry<String, TrialStatus> e : ctx.statuses().entrySet()) {
        if (e.getValue() != TrialStatus.RUNNING) {
          continue;
        }
        String id = e.getKey();
        int it = iteration.merge(id, 1, Integer::sum);
        Map<String, Object> result = result(id, it);
        TrialView view = ctx.report(id, result);
        if (it >= maxIterations) {
          scheduler.onTrialComplete(ctx, ctx.setStatus(id, TrialStatus.TERMINATED), result);
          continue;
        }
        Decision decision = scheduler.onTrialResult(ctx, view, result);
        assertNotNull(decision);
        if (decision instanceof Decision.Pause) {
          ctx.setStatus(id, TrialStatus.PAUSED);
        } else if (decision instanceof Decision.Stop) {
          ctx.setStatus(id, TrialStatus.TERMINATED);
        }
      }
    }
    for (Map.Entry<String, TrialStatus> e : ctx.statuses().entrySet()) {
      assertEquals(TrialStatus.TERMINATED, e.getValue(), "trial " + e.getKey());
    }
    assertEquals(trials, ctx.numTrials());
  }

  /**
   * Plays a runner over many seeds, capacities 1..4 and 1..30 trials: it starts whatever the
   * scheduler chooses (checking the choice is a known waiting trial that fits), feeds results with
   * a seeded noisy metric, applies every decision (PAUSE, STOP, checkpoints, Exploit: PAUSED with
   * the new config, restarted at the source's checkpoint iteration) and lets trials finish by
   * themselves. It fails if nothing runs while trials are still waiting (stuck), or if the bound
   * of steps is reached.
   */
  @Test
  void simulatedRunnerTerminatesEveryTrial() {
    for (long seed = 0; seed < 6; seed++) {
      for (int cpus = 1; cpus <= 4; cpus++) {
        SplittableRandom random = new SplittableRandom(seed * 31 + cpus);
        int trials = seed == 0 ? 1 : 1 + random.nextInt(30);
        simulate(seed, cpus, trials, random);
      }
    }
  }

  /** Runs one simulated experiment; returns the trace of decisions and choices. */
  List<String> simulate(long seed, int cpus, int trials, SplittableRandom random) {
    TrialScheduler scheduler = createScheduler();
    return simulate(scheduler, new InMemorySchedulerContext(cpus), trials, random, Long.MAX_VALUE, null);
  }

  /**
   * The runner loop. With {@code switchAfter} steps it calls {@code onSwitch} (for save/restore
   * tests), which may return another scheduler to go on with.
   */
  List<String> simulate(
      TrialScheduler scheduler,
      InMemorySchedulerContext ctx,
      int trials,
      SplittableRandom random,
      long switchAfter,
      java.util.function.UnaryOperator<TrialScheduler> onSwitch) {
    List<String> trace = new ArrayList<>();
    Map<String, Integer> iteration = new LinkedHashMap<>();
    Map<String, Integer> finishAt = new LinkedHashMap<>();
    Map<String, Double> quality = new LinkedHashMap<>();
    for (int i = 0; i < trials; i++) {
      String id = "t" + i;
      addTrial(scheduler, ctx, id, 1);
      iteration.put(id, 0);
      finishAt.put(id, 5 + random.nextInt(40));
      quality.put(id, random.nextDouble());
    }
    int bound = 20_000 + 2_000 * trials;
    for (int step = 0; step < bound; step++) {
      if (step == switchAfter && onSwitch != null) {
        scheduler = onSwitch.apply(scheduler);
      }
      String next = scheduler.chooseTrialToRun(ctx);
      if (next != null) {
        TrialView view = ctx.trial(next);
        assertNotNull(view, "chose an unknown trial " + next);
        assertTrue(
            view.status() == TrialStatus.PENDING || view.status() == TrialStatus.PAUSED,
            "chose " + next + " in status " + view.status());
        assertTrue(ctx.hasResourcesFor(next), "chose " + next + " which does not fit");
        ctx.setStatus(next, TrialStatus.RUNNING);
        trace.add("start " + next);
        continue;
      }
      List<String> running = new ArrayList<>();
      for (Map.Entry<String, TrialStatus> e : ctx.statuses().entrySet()) {
        if (e.getValue() == TrialStatus.RUNNING) {
          running.add(e.getKey());
        }
      }
      if (running.isEmpty()) {
        if (allFinished(ctx)) {
          return trace;
        }
        fail("stuck with free resources: " + ctx.statuses() + "\n" + scheduler.debugString());
      }
      String id = running.get(random.nextInt(running.size()));
      int it = iteration.merge(id, 1, Integer::sum);
      Map<String, Object> result = result(id, it);
      double lr = ctx.trial(id).config().get("lr") instanceof Number n ? n.doubleValue() : 0;
      result.put(
          "episode_reward_mean", it * (quality.get(id) + lr) + 0.3 * random.nextGaussian());
      TrialView view = ctx.report(id, result);
      if (it >= finishAt.get(id)) {
        scheduler.onTrialComplete(ctx, ctx.setStatus(id, TrialStatus.TERMINATED), result);
        trace.add("complete " + id);
        continue;
      }
      Decision decision = scheduler.onTrialResult(ctx, view, result);
      assertNotNull(decision);
      trace.add(id + "@" + it + " " + decision);
      if (decision instanceof Decision.Pause) {
        ctx.setCheckpoint(id, it);
        ctx.setStatus(id, TrialStatus.PAUSED);
      } else if (decision instanceof Decision.Stop) {
        ctx.setStatus(id, TrialStatus.TERMINATED);
      } else if (decision instanceof Decision.Continue c && c.checkpoint()) {
        ctx.setCheckpoint(id, it);
      } else if (decision instanceof Decision.Exploit e) {
        TrialView source = ctx.trial(e.sourceTrialId());
        assertTrue(source.hasCheckpoint(), "exploited " + e.sourceTrialId() + " without checkpoint");
        assertNotEquals(id, e.sourceTrialId());
        ctx.setConfig(id, e.newConfig());
        iteration.put(id, (int) source.checkpointIteration());
        ctx.setCheckpoint(id, source.checkpointIteration());
        ctx.setStatus(id, TrialStatus.PAUSED);
      }
    }
    fail("not finished after " + bound + " steps: " + ctx.statuses());
    return trace;
  }
}
