package io.tune4j.search.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.search.Mode;
import io.tune4j.search.SearchSpace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest {
  private static ConcurrencyLimiter limiter(int max) {
    ConcurrencyLimiter limiter =
        new ConcurrencyLimiter(RandomSearcher.builder().seed(1L).build(), max);
    assertTrue(
        limiter.setSearchProperties("loss", Mode.MIN, Map.of("x", SearchSpace.uniform(0, 1))));
    return limiter;
  }

  @Test
  void blocksAtTheLimitAndReleasesOnCompletion() {
    ConcurrencyLimiter limiter = limiter(2);
    assertNotNull(limiter.suggest("a"));
    assertNotNull(limiter.suggest("b"));
    assertNull(limiter.suggest("c"), "at the limit");
    assertEquals(2, limiter.liveTrials());
    limiter.onTrialResult("a", Map.of("loss", 1.0));
    assertNull(limiter.suggest("c"), "a result does not free a slot");
    limiter.onTrialComplete("unknown", Map.of("loss", 1.0), false);
    assertNull(limiter.suggest("c"), "an unknown trial does not free a slot");
    limiter.onTrialComplete("a", Map.of("loss", 1.0), false);
    assertNotNull(limiter.suggest("c"));
    assertNull(limiter.suggest("d"));
    limiter.onTrialComplete("b", null, true);
    assertNotNull(limiter.suggest("d"), "an errored trial frees its slot");
  }

  @Test
  void restoresItsLiveTrials() {
    ConcurrencyLimiter limiter = limiter(2);
    limiter.suggest("a");
    limiter.suggest("b");
    Map<String, Object> state = SearcherContractTest.jsonRoundTrip(limiter.saveState());
    assertEquals(List.of("a", "b"), state.get("live"));
    ConcurrencyLimiter restored = limiter(2);
    restored.restoreState(state);
    assertNull(restored.suggest("c"));
    restored.onTrialComplete("a", Map.of("loss", 0.5), false);
    limiter.onTrialComplete("a", Map.of("loss", 0.5), false);
    assertEquals(limiter.suggest("c"), restored.suggest("c"));
  }

  @Test
  void rejectsALimitBelowOne() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ConcurrencyLimiter(RandomSearcher.builder().build(), 0));
    assertTrue(e.getMessage().contains("max_concurrent"), e.getMessage());
  }
}
