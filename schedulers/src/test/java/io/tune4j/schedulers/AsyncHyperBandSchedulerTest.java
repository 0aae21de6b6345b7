package io.tune4j.schedulers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.search.Mode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AsyncHyperBandSchedulerTest {
  private final InMemorySchedulerContext ctx = new InMemorySchedulerContext(8);

  private static Map<String, Object> result(double t, double metric) {
    return Map.of("training_iteration", t, "loss", metric);
  }

  private Decision report(AsyncHyperBandScheduler s, String id, double t, double metric) {
    if (ctx.trial(id) == null) {
      s.onTrialAdd(ctx, ctx.add(id, 1));
      ctx.setStatus(id, TrialStatus.RUNNING);
    }
    Map<String, Object> r = result(t, metric);
    return s.onTrialResult(ctx, ctx.report(id, r), r);
  }

  @Test
  void rungsMatchTunesFloatArithmetic() {
    assertArrayEquals(new double[] {40, 10}, AsyncHyperBandScheduler.rungMilestones(10, 100, 4, 0));
    assertArrayEquals(
        new double[] {64, 16, 4, 1}, AsyncHyperBandScheduler.rungMilestones(1, 100, 4, 0));
    // log(1000)/log(10) = 2.9999999999999996: no 1000 rung
    assertArrayEquals(new double[] {100, 10, 1}, AsyncHyperBandScheduler.rungMilestones(1, 1000, 10, 0));
    // log(125)/log(5) = 3.0000000000000004
    assertArrayEquals(
        new double[] {125, 25, 5, 1}, AsyncHyperBandScheduler.rungMilestones(1, 125, 5, 0));
    assertArrayEquals(new double[] {64, 16, 4}, AsyncHyperBandScheduler.rungMilestones(1, 100, 4, 1));
    AsyncHyperBandScheduler defaults = AsyncHyperBandScheduler.builder().build();
    assertArrayEquals(new double[] {64, 16, 4, 1}, defaults.rungs().get(0));
  }

  @Test
  void numpyLinearPercentile() {
    // np.percentile([1, 2, 4], 50): position 0.5 * 2 = 1 -> 2.0
    assertEquals(2.0, AsyncHyperBandScheduler.percentile(new double[] {1, 2, 4}, 3, 50));
    // np.percentile([1, 2, 3, 4, 5], 75): position 0.75 * 4 = 3 -> 4.0
    assertEquals(4.0, AsyncHyperBandScheduler.percentile(new double[] {1, 2, 3, 4, 5}, 5, 75));
    // np.percentile([1, 2, 4, 8], 75): position 2.25 -> 4 + 0.25 * (8 - 4) = 5.0
    assertEquals(5.0, AsyncHyperBandScheduler.percentile(new double[] {1, 2, 4, 8}, 4, 75));
  }

  /** Tune's _Bracket docstring example: grace 1, max_t 10, rf 2, so the cutoff is the median. */
  @Test
  void cutoffIsStrictAndScoresAreRecordedEvenWhenStopping() {
    AsyncHyperBandScheduler s =
        AsyncHyperBandScheduler.builder().metric("loss").mode(Mode.MAX).maxT(10).reductionFactor(2).build();
    assertArrayEquals(new double[] {8, 4, 2, 1}, s.rungs().get(0));
    assertEquals(Decision.CONTINUE, report(s, "a", 1, 2)); // first at the rung: no cutoff
    assertEquals(Decision.CONTINUE, report(s, "b", 1, 4));
    assertEquals(3.0, s.cutoff(0, 3)); // median of [2, 4]
    assertEquals(Decision.STOP, report(s, "c", 1, 1)); // 1 < 3
    assertEquals(2.0, s.cutoff(0, 3)); // [1, 2, 4]: recorded though stopped
    assertEquals(Decision.CONTINUE, report(s, "d", 1, 3)); // [1, 2, 3, 4] -> 2.5
    assertEquals(Decision.CONTINUE, report(s, "e", 1, 2.5), "equal to the cutoff continues");
    assertEquals(Decision.CONTINUE, report(s, "a", 1.5, -100), "already recorded at rung 1");
    assertTrue(s.debugString().startsWith("Using AsyncHyperBand: num_stopped=1\nBracket 0:"));
    assertTrue(s.debugString().contains("Iter 1.000: 2.500 (5)"), s.debugString());
  }

  @Test
  void judgesTheHighestUnrecordedRungThenSkippedLowerOnes() {
    AsyncHyperBandScheduler s =
        AsyncHyperBandScheduler.builder().metric("loss").mode("max").maxT(10).reductionFactor(2).build();
    report(s, "x", 4, 10); // rung 4
    report(s, "y", 2, 10); // rung 2
    assertEquals(Decision.STOP, report(s, "z", 5, 1), "judged at rung 4 against x");
    assertNull(s.cutoff(0, 3), "rung 1 untouched");
    assertEquals(Decision.STOP, report(s, "z", 6, 1), "next result judged at the skipped rung 2");
    assertEquals(Decision.CONTINUE, report(s, "z", 7, 1), "then rung 1, empty: continue");
    assertEquals(Decision.STOP, report(s, "y", 10, 50), "max_t stops");
  }

  @Test
  void minModeNegatesScores() {
    AsyncHyperBandScheduler s =
        AsyncHyperBandScheduler.builder().metric("loss").mode("min").maxT(10).reductionFactor(2).build();
    report(s, "a", 1, 1.0);
    report(s, "b", 1, 3.0);
    assertEquals(2.0, s.cutoff(0, 3));
    assertEquals(Decision.STOP, report(s, "c", 1, 2.5), "loss 2.5 is worse than the cutoff 2");
    assertEquals(Decision.CONTINUE, report(s, "d", 1, 1.5));
  }

  @Test
  void completionRecordsTheFinalResult() {
    AsyncHyperBandScheduler s =
        AsyncHyperBandScheduler.builder().metric("loss").mode("max").maxT(10).reductionFactor(2).build();
    s.onTrialAdd(ctx, ctx.add("a", 1));
    s.onTrialComplete(ctx, ctx.setStatus("a", TrialStatus.TERMINATED), result(2, 7));
    assertEquals(7.0, s.cutoff(0, 2));
    assertEquals(-1, s.bracketOf("a"));
  }

  @Test
  void bracketChoiceIsSeededAndFavoursMoreRungs() {
    int[] counts = new int[3];
    AsyncHyperBandScheduler a = AsyncHyperBandScheduler.builder().metric("m").mode("max").brackets(3).seed(9).build();
    AsyncHyperBandScheduler b = AsyncHyperBandScheduler.builder().metric("m").mode("max").brackets(3).seed(9).build();
    InMemorySchedulerContext other = new InMemorySchedulerContext(1);
    for (int i = 0; i < 3000; i++) {
      a.onTrialAdd(ctx, ctx.add("t" + i, 1));
      b.onTrialAdd(other, other.add("t" + i, 1));
      assertEquals(a.bracketOf("t" + i), b.bracketOf("t" + i));
      counts[a.bracketOf("t" + i)]++;
    }
    // rungs 4, 3, 2: p = e^0, e^-1, e^-2 normalised = 0.665, 0.245, 0.090
    assertEquals(0.665, counts[0] / 3000.0, 0.03);
    assertEquals(0.245, counts[1] / 3000.0, 0.03);
  }

  @Test
  void validatesArgumentsAndResults() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> AsyncHyperBandScheduler.builder().gracePeriod(200).build())
            .getMessage().contains("grace_period"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> AsyncHyperBandScheduler.builder().reductionFactor(1).build())
            .getMessage().startsWith("reduction_factor"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> AsyncHyperBandScheduler.builder().brackets(0).build())
            .getMessage().startsWith("brackets"));
    AsyncHyperBandScheduler s = AsyncHyperBandScheduler.builder().metric("loss").mode("max").build();
    s.onTrialAdd(ctx, ctx.add("a", 1));
    Map<String, Object> bad = Map.of("training_iteration", 1, "acc", 0.5);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.onTrialResult(ctx, ctx.report("a", bad), bad));
    assertEquals(
        "AsyncHyperBandScheduler needs 'loss' in every result, but the result has only [acc, training_iteration]",
        e.getMessage());
  }

  @Test
  void searchPropertiesAdoptOrConflict() {
    AsyncHyperBandScheduler s = AsyncHyperBandScheduler.builder().build();
    IllegalStateException missing =
        assertThrows(IllegalStateException.class, () -> s.onTrialAdd(ctx, ctx.add("a", 1)));
    assertEquals(
        "AsyncHyperBandScheduler needs a metric: pass metric=... to the scheduler or Tune.run",
        missing.getMessage());
    assertFalse(s.setSearchProperties("loss", null));
    assertTrue(s.setSearchProperties(null, Mode.MIN));
    assertEquals("loss", s.metric());
    assertEquals(Mode.MIN, s.mode());
    assertTrue(s.setSearchProperties("loss", Mode.MIN));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.setSearchProperties("acc", null));
    assertTrue(e.getMessage().contains("metric='loss'") && e.getMessage().contains("metric='acc'"));
    assertThrows(IllegalArgumentException.class, () -> s.setSearchProperties(null, Mode.MAX));
  }
}
