package io.tune4j.schedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrialViewTest {
  @Test
  void isAFrozenCopy() {
    Map<String, Object> config = new HashMap<>(Map.of("lr", 0.1));
    Map<String, Object> result = new HashMap<>();
    result.put("reward", null);
    TrialView view = new TrialView("t1", null, TrialStatus.RUNNING, config, result, 1);
    config.put("lr", 0.2);
    result.put("reward", 5);
    assertEquals(Map.of("lr", 0.1), view.config());
    assertEquals(null, view.lastResult().get("reward"));
    assertEquals("t1", view.name());
    assertThrows(UnsupportedOperationException.class, () -> view.config().put("x", 1));
    assertEquals(TrialStatus.PAUSED, view.withStatus(TrialStatus.PAUSED).status());
  }

  @Test
  void nullMapsBecomeEmptyAndBadInputIsRejected() {
    TrialView view = new TrialView("t", "n", TrialStatus.PENDING, null, null, 0);
    assertEquals(Map.of(), view.config());
    assertEquals(Map.of(), view.lastResult());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new TrialView("t", "n", TrialStatus.PENDING, null, null, -1));
    assertEquals("numResults of trial t must be >= 0, got -1", e.getMessage());
    assertThrows(NullPointerException.class, () -> new TrialView("t", "n", null, null, null, 0));
  }
}
