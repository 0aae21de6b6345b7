package io.tune4j.schedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HyperBandSchedulerTest {
  private final InMemorySchedulerContext ctx = new InMemorySchedulerContext(100);

  private static String pairs(List<long[]> schedule) {
    List<String> out = new ArrayList<>();
    for (long[] p : schedule) {
      out.add("(" + p[0] + "," + p[1] + ")");
    }
    return String.join(",", out);
  }

  @Test
  void bracketTableFor81And3() {
    HyperBandScheduler hb = HyperBandScheduler.builder().build();
    assertEquals(5, hb.sMax1());
    long[] n0 = new long[5];
    long[] r0 = new long[5];
    long total = 0;
    for (int s = 0; s < 5; s++) {
      n0[s] = hb.n0(s);
      r0[s] = hb.r0(s);
      total += n0[s];
    }
    assertEquals("[5, 8, 15, 34, 81]", java.util.Arrays.toString(n0));
    assertEquals("[81, 27, 9, 3, 1]", java.util.Arrays.toString(r0));
    assertEquals(143, total, "trials per band (Tune's comment says 117)");
    assertEquals("(81,1),(27,4),(9,13),(3,40),(1,81)", pairs(hb.schedule(4)));
    assertEquals("(34,3),(12,12),(4,39),(2,81)", pairs(hb.schedule(3)));
    assertEquals("(15,9),(5,36),(2,81)", pairs(hb.schedule(2)));
    assertEquals("(8,27),(3,81)", pairs(hb.schedule(1)));
    assertEquals("(5,81)", pairs(hb.schedule(0)));
  }

  @Test
  void sMax1FollowsTune2x() {
    assertEquals(3, HyperBandScheduler.builder().maxT(9).build().sMax1());
    assertEquals(4, HyperBandScheduler.builder().maxT(100).reductionFactor(4).build().sMax1());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> HyperBandScheduler.builder().maxT(0.5).build())
            .getMessage().startsWith("max_t"));
  }

  @Test
  void fillsBracketsInOrderAndStartsANewBand() {
    HyperBandScheduler hb = HyperBandScheduler.builder().metric("m").mode("max").build();
    for (int i = 0; i < 144; i++) {
      hb.onTrialAdd(ctx, ctx.add("t" + i, 1));
    }
    String debug = hb.debugString();
    assertTrue(debug.startsWith("Using HyperBand: num_stopped=0 total_brackets=6\nRound #0:"), debug);
    assertTrue(debug.contains("Bracket(Max Size (n)=5, Milestone (r)=81, completed=0.0%): 5 live of 5"));
    assertTrue(debug.contains("Bracket(Max Size (n)=81, Milestone (r)=1, completed=0.0%): 81 live of 81"));
    assertTrue(debug.contains("Round #1:\n  Bracket(Max Size (n)=5, Milestone (r)=81, completed=0.0%): 1 live of 1"));
    hb.onTrialAdd(ctx, ctx.trial("t3")); // re-announced: no duplicate
    assertTrue(hb.debugString().contains("1 live of 1"));
  }

  private Decision report(HyperBandScheduler hb, String id, double t, double score) {
    ctx.setStatus(id, TrialStatus.RUNNING);
    Map<String, Object> r = Map.of("training_iteration", t, "m", score);
    Decision d = hb.onTrialResult(ctx, ctx.report(id, r), r);
    if (d == Decision.PAUSE) {
      ctx.setStatus(id, TrialStatus.PAUSED);
    } else if (d == Decision.STOP) {
      ctx.setStatus(id, TrialStatus.TERMINATED);
    }
    return d;
  }

  /** max_t 9, eta 3: bracket s=0 takes 3 trials to 9; bracket s=1 takes 5 to 3, keeps 2 to 9. */
  @Test
  void halvesWhenAllLiveTrialsReachTheMilestone() {
    HyperBandScheduler hb = HyperBandScheduler.builder().metric("m").mode("max").maxT(9).build();
    for (int i = 0; i < 8; i++) {
      hb.onTrialAdd(ctx, ctx.add("t" + i, 1));
    }
    for (int i = 0; i < 3; i++) {
      ctx.setStatus("t" + i, TrialStatus.RUNNING); // bracket s=0, busy
    }
    assertEquals("t3", hb.chooseTrialToRun(ctx));
    assertEquals(Decision.CONTINUE, report(hb, "t3", 1, 1));
    assertEquals(Decision.PAUSE, report(hb, "t3", 3, 1));
    assertEquals(Decision.PAUSE, report(hb, "t4", 3, 5));
    assertEquals(Decision.PAUSE, report(hb, "t5", 3, 2));
    assertEquals(Decision.PAUSE, report(hb, "t6", 3, 4));
    // n = ceil(5/3) = 2 keeps t4 (5) and t6 (4); t7 (3) loses and, being the reporter, stops
    assertEquals(Decision.STOP, report(hb, "t7", 3, 3));
    assertTrue(hb.debugString().startsWith("Using HyperBand: num_stopped=3 total_brackets=2"));
    assertTrue(hb.debugString().contains("Bracket(Max Size (n)=2, Milestone (r)=9"), hb.debugString());
  }

  @Test
  void reporterLosingTheHalvingStopsAndWinnersResume() {
    HyperBandScheduler hb = HyperBandScheduler.builder().metric("m").mode("max").maxT(9).build();
    for (int i = 0; i < 8; i++) {
      hb.onTrialAdd(ctx, ctx.add("t" + i, 1));
    }
    for (int i = 0; i < 3; i++) {
      ctx.setStatus("t" + i, TrialStatus.RUNNING);
    }
    report(hb, "t3", 3, 1);
    report(hb, "t4", 3, 5);
    report(hb, "t5", 3, 2);
    report(hb, "t6", 3, 4);
    assertEquals(Decision.STOP, report(hb, "t7", 3, 3));
    assertEquals(Set.of("t3", "t5"), hb.trialsToStop());
    assertEquals("t4", hb.chooseTrialToRun(ctx), "un-paused winner, before the ones to stop");
    assertTrue(hb.debugString().contains("Milestone (r)=9"), hb.debugString());
    assertEquals(Decision.CONTINUE, report(hb, "t4", 4, 5));
    assertEquals(Decision.STOP, report(hb, "t4", 9, 5), "final milestone stops at once");
    ctx.setStatus("t6", TrialStatus.RUNNING);
    ctx.setStatus("t6", TrialStatus.PAUSED);
    assertEquals("t6", hb.chooseTrialToRun(ctx));
    ctx.setStatus("t6", TrialStatus.RUNNING);
    assertEquals("t3", hb.chooseTrialToRun(ctx), "then a loser, to be stopped at its next result");
    assertEquals(Decision.STOP, report(hb, "t3", 4, 0));
    hb.onTrialRemove(ctx, ctx.setStatus("t5", TrialStatus.TERMINATED)); // runner stopped it directly
    assertEquals(Set.of(), hb.trialsToStop());
  }

  @Test
  void underfilledBracketAndLeavingTrialsStillHalve() {
    HyperBandScheduler hb = HyperBandScheduler.builder().metric("m").mode("max").maxT(9).build();
    for (int i = 0; i < 6; i++) {
      hb.onTrialAdd(ctx, ctx.add("t" + i, 1)); // s=0 gets t0..t2, s=1 only t3..t5 of 5
    }
    for (int i = 0; i < 3; i++) {
      ctx.setStatus("t" + i, TrialStatus.RUNNING);
    }
    report(hb, "t3", 3, 1);
    report(hb, "t4", 3, 2);
    ctx.setStatus("t5", TrialStatus.RUNNING);
    hb.onTrialError(ctx, ctx.setStatus("t5", TrialStatus.ERROR)); // the straggler fails
    // both remaining reached 3: halving keeps ceil(5/3) = 2, both un-paused
    assertEquals("t3", hb.chooseTrialToRun(ctx));
    assertEquals(Set.of(), hb.trialsToStop());
  }

  @Test
  void nothingChosenWhenAllWaitAtTheMilestone() {
    HyperBandScheduler hb = HyperBandScheduler.builder().metric("m").mode("max").maxT(9).build();
    for (int i = 0; i < 5; i++) {
      hb.onTrialAdd(ctx, ctx.add("t" + i, 1));
    }
    for (int i = 0; i < 3; i++) {
      ctx.setStatus("t" + i, TrialStatus.RUNNING);
    }
    report(hb, "t3", 3, 1);
    ctx.setStatus("t4", TrialStatus.RUNNING);
    assertNull(hb.chooseTrialToRun(ctx), "t3 waits for t4, which runs");
  }
}
