package io.tune4j.schedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
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

  private static TrialView addTrial(
      TrialScheduler scheduler, InMemorySchedulerContext ctx, String id, double cpu) {
    TrialView view = ctx.add(id, cpu);
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
        if (decision == Decision.PAUSE) {
          ctx.setStatus(id, TrialStatus.PAUSED);
        } else if (decision == Decision.STOP) {
          ctx.setStatus(id, TrialStatus.TERMINATED);
        }
      }
    }
    for (Map.Entry<String, TrialStatus> e : ctx.statuses().entrySet()) {
      assertEquals(TrialStatus.TERMINATED, e.getValue(), "trial " + e.getKey());
    }
    assertEquals(trials, ctx.numTrials());
  }
}
