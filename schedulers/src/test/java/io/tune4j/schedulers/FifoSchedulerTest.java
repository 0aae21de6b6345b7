package io.tune4j.schedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FifoSchedulerTest {
  private final FifoScheduler fifo = new FifoScheduler();

  private TrialView add(InMemorySchedulerContext ctx, String id, double cpu) {
    TrialView view = ctx.add(id, cpu);
    fifo.onTrialAdd(ctx, view);
    return view;
  }

  @Test
  void alwaysContinuesAndDescribesItself() {
    InMemorySchedulerContext ctx = new InMemorySchedulerContext(1);
    TrialView t = add(ctx, "t0", 1);
    assertEquals(Decision.CONTINUE, fifo.onTrialResult(ctx, t, Map.of("done", false)));
    assertEquals("Using FIFO scheduling algorithm.", fifo.debugString());
  }

  @Test
  void firstPendingInAddOrderThenFirstPaused() {
    InMemorySchedulerContext ctx = new InMemorySchedulerContext(3);
    for (int i = 0; i < 4; i++) {
      add(ctx, "t" + i, 1);
    }
    ctx.setStatus("t0", TrialStatus.RUNNING);
    ctx.setStatus("t1", TrialStatus.PAUSED);
    assertEquals("t2", fifo.chooseTrialToRun(ctx));
    ctx.setStatus("t2", TrialStatus.RUNNING);
    assertEquals("t3", fifo.chooseTrialToRun(ctx));
    ctx.setStatus("t3", TrialStatus.PAUSED);
    assertEquals("t1", fifo.chooseTrialToRun(ctx), "no pending left: first paused that fits");
    ctx.setStatus("t1", TrialStatus.RUNNING);
    assertNull(fifo.chooseTrialToRun(ctx), "t3 is paused but nothing is free");
  }

  @Test
  void skipsTrialsThatDoNotFit() {
    InMemorySchedulerContext ctx = new InMemorySchedulerContext(2);
    add(ctx, "big", 3);
    add(ctx, "medium", 2);
    add(ctx, "small", 1);
    assertEquals("medium", fifo.chooseTrialToRun(ctx));
    ctx.setStatus("small", TrialStatus.RUNNING);
    assertNull(fifo.chooseTrialToRun(ctx), "1 cpu free: big and medium do not fit");
    ctx.setStatus("small", TrialStatus.TERMINATED);
    assertEquals("medium", fifo.chooseTrialToRun(ctx));
  }

  @Test
  void sameAnswersWithoutResourceKeys() {
    InMemorySchedulerContext ctx = new InMemorySchedulerContext(2).withoutResourceKeys();
    add(ctx, "a", 2);
    add(ctx, "b", 2);
    add(ctx, "c", 1);
    ctx.setStatus("a", TrialStatus.RUNNING);
    assertNull(fifo.chooseTrialToRun(ctx));
    ctx.setStatus("a", TrialStatus.PAUSED);
    assertEquals("b", fifo.chooseTrialToRun(ctx));
  }

  @Test
  void statusChangesWithoutCallbacksAreSeen() {
    InMemorySchedulerContext ctx = new InMemorySchedulerContext(1);
    add(ctx, "t0", 1);
    add(ctx, "t1", 1);
    assertEquals("t0", fifo.chooseTrialToRun(ctx));
    ctx.setStatus("t0", TrialStatus.TERMINATED); // no onTrialComplete
    assertEquals("t1", fifo.chooseTrialToRun(ctx));
  }

  @Test
  void requeuedTrialKeepsItsPlace() {
    InMemorySchedulerContext ctx = new InMemorySchedulerContext(1);
    add(ctx, "t0", 1);
    add(ctx, "t1", 1);
    ctx.setStatus("t0", TrialStatus.RUNNING);
    fifo.onTrialError(ctx, ctx.setStatus("t0", TrialStatus.ERROR));
    assertEquals("t1", fifo.chooseTrialToRun(ctx));
    // the runner re-queues the failed trial as Tune's _requeue_trial does
    fifo.onTrialAdd(ctx, ctx.setStatus("t0", TrialStatus.PENDING));
    assertEquals("t0", fifo.chooseTrialToRun(ctx));
  }

  @Test
  void findsTrialsItWasNeverToldAbout() {
    InMemorySchedulerContext ctx = new InMemorySchedulerContext(1);
    ctx.add("a", 1);
    ctx.add("b", 1);
    ctx.setStatus("a", TrialStatus.TERMINATED);
    assertEquals("b", fifo.chooseTrialToRun(ctx));
    assertEquals(1, ctx.trialsCalls, "rebuilt once from the context");
    assertEquals("b", fifo.chooseTrialToRun(ctx));
    assertEquals(1, ctx.trialsCalls, "and not again");
  }

  /**
   * A 10,000-trial sweep on 4 slots must cost O(slots) context queries per decision, not O(n): two
   * choices per completed trial, each passing at most the 4 running trials and one waiting trial.
   */
  @Test
  void largeSweepCostsConstantQueriesPerTrial() {
    int n = 10_000;
    InMemorySchedulerContext ctx = new InMemorySchedulerContext(4);
    for (int i = 0; i < n; i++) {
      add(ctx, "t" + i, 1);
    }
    Deque<String> running = new ArrayDeque<>();
    int started = 0;
    while (started < n || !running.isEmpty()) {
      String next;
      while ((next = fifo.chooseTrialToRun(ctx)) != null) {
        assertEquals("t" + started, next, "FIFO order");
        ctx.setStatus(next, TrialStatus.RUNNING);
        running.add(next);
        started++;
      }
      String done = running.poll();
      fifo.onTrialComplete(ctx, ctx.setStatus(done, TrialStatus.TERMINATED), Map.of());
    }
    assertTrue(ctx.trialLookups <= 2 * (4 + 1) * n, "trial lookups: " + ctx.trialLookups);
    assertTrue(ctx.fitChecks < 3 * n, "fit checks: " + ctx.fitChecks);
    assertEquals(0, ctx.trialsCalls, "never scanned the whole trial list");
  }
}
