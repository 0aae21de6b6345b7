package io.tune4j.schedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MedianStoppingRuleTest {
  private final InMemorySchedulerContext ctx = new InMemorySchedulerContext(8);

  private Decision report(MedianStoppingRule s, String id, double t, double metric) {
    if (ctx.trial(id) == null) {
      s.onTrialAdd(ctx, ctx.add(id, 1));
      ctx.setStatus(id, TrialStatus.RUNNING);
    }
    Map<String, Object> r = Map.of("time_total_s", t, "acc", metric);
    return s.onTrialResult(ctx, ctx.report(id, r), r);
  }

  private void complete(MedianStoppingRule s, String id, double... metrics) {
    if (ctx.trial(id) == null) {
      s.onTrialAdd(ctx, ctx.add(id, 1));
    }
    for (int i = 0; i < metrics.length - 1; i++) {
      report(s, id, 10 * (i + 1), metrics[i]);
    }
    Map<String, Object> last = Map.of("time_total_s", 10.0 * metrics.length, "acc", metrics[metrics.length - 1]);
    s.onTrialComplete(ctx, ctx.setStatus(id, TrialStatus.TERMINATED), last);
  }

  private MedianStoppingRule rule(boolean hardStop) {
    return MedianStoppingRule.builder().metric("acc").mode("max").gracePeriod(15).hardStop(hardStop).build();
  }

  @Test
  void medianOfCompletedRunningMeans() {
    MedianStoppingRule s = rule(true);
    complete(s, "a", 1, 3, 5); // running means at t=10: 1, t=20: 2, t=30: 3
    complete(s, "b", 2, 2, 2); // 2, 2, 2
    assertNull(s.median(20), "two completed trials < min_samples_required 3");
    complete(s, "c", 6, 8, 10); // 6, 7, 8
    assertEquals(2.0, s.median(20)); // median of {2, 2, 7}
    assertEquals(3.0, s.median(35)); // {3, 2, 8}
    complete(s, "d", 0, 0, 0); // its t=20 result was below the median 2: stopped (counted)
    assertEquals(2.0, s.median(20)); // {2, 2, 7, 0}: (2 + 2) / 2
    assertEquals(Decision.CONTINUE, report(s, "x", 10, 0), "t=10 within grace_period 15");
    assertEquals(Decision.CONTINUE, report(s, "x", 20, 2), "best 2 is not < median 2");
    assertEquals(Decision.CONTINUE, report(s, "y", 20, 2.5));
    assertEquals(Decision.STOP, report(s, "z", 20, 1.5), "best 1.5 < median 2");
    assertTrue(s.debugString().startsWith("Using MedianStoppingRule: num_stopped=2.\ncompleted=4"));
  }

  @Test
  void softStopPausesOnceThenContinues() {
    MedianStoppingRule s = rule(false);
    complete(s, "a", 5, 5);
    complete(s, "b", 5, 5);
    complete(s, "c", 5, 5);
    assertEquals(Decision.PAUSE, report(s, "x", 20, 1));
    assertEquals(Decision.CONTINUE, report(s, "x", 30, 1), "paused once, then runs FIFO");
  }

  @Test
  void minModeAndMissingMetric() {
    MedianStoppingRule s = MedianStoppingRule.builder().metric("acc").mode("min").gracePeriod(0).build();
    complete(s, "a", 1);
    complete(s, "b", 2);
    complete(s, "c", 3);
    assertEquals(2.0, s.median(10));
    assertEquals(Decision.STOP, report(s, "x", 10, 2.5), "loss 2.5 worse than median 2");
    assertEquals(Decision.CONTINUE, report(s, "y", 10, 1.5));
    Map<String, Object> bad = Map.of("acc", 1.0);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.onTrialResult(ctx, ctx.trial("y"), bad));
    assertEquals("MedianStoppingRule needs 'time_total_s' in every result, but the result has only [acc]", e.getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> MedianStoppingRule.builder().minSamplesRequired(0).build())
            .getMessage().startsWith("min_samples_required"));
  }

  /** Prefix sums: a completed trial with 10,000 results answers in O(log R). */
  @Test
  void longHistoriesGiveTheSameMedian() {
    MedianStoppingRule s = MedianStoppingRule.builder().metric("acc").mode("max").gracePeriod(0).build();
    for (String id : new String[] {"a", "b", "c"}) {
      s.onTrialAdd(ctx, ctx.add(id, 1));
      for (int i = 1; i <= 10_000; i++) {
        Map<String, Object> r = Map.of("time_total_s", (double) i, "acc", id.equals("b") ? (double) i : 1.0);
        s.onTrialResult(ctx, ctx.trial(id), r);
      }
      s.onTrialComplete(ctx, ctx.setStatus(id, TrialStatus.TERMINATED), Map.of());
    }
    // at t=100: a and c have mean 1, b has mean 50.5 -> median 1
    assertEquals(1.0, s.median(100));
    assertEquals(1.0, s.median(5_000.5));
  }
}
