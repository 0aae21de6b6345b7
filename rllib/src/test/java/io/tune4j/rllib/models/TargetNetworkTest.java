package io.tune4j.rllib.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TargetNetworkTest {
  @Test
  void hardSyncFollowsTheUpdateFrequency() {
    float[] online = {1, 2};
    TargetNetwork t = new TargetNetwork(online, 500);
    online[0] = 5;
    assertFalse(t.maybeHardSync(online, 499));
    assertArrayEquals(new float[] {1, 2}, t.params(), "copied at construction, not aliased");
    assertTrue(t.maybeHardSync(online, 500));
    assertArrayEquals(new float[] {5, 2}, t.params());
    online[1] = 7;
    assertFalse(t.maybeHardSync(online, 999));
    assertTrue(t.maybeHardSync(online, 1000));
    assertArrayEquals(new float[] {5, 7}, t.params());
    assertEquals(2, t.numUpdates());
  }

  @Test
  void softUpdateIsPolyakAveraging() {
    TargetNetwork t = new TargetNetwork(new float[] {0, 10}, 0);
    t.softUpdate(new float[] {1, 0}, 0.1);
    assertArrayEquals(new float[] {0.1f, 9f}, t.params(), 1e-6f);
    for (int i = 0; i < 200; i++) {
      t.softUpdate(new float[] {1, 0}, 0.1);
    }
    assertArrayEquals(new float[] {1f, 0f}, t.params(), 1e-6f); // (1 - 0.1)^201 * 10 ~ 6e-9
    assertThrows(IllegalArgumentException.class, () -> t.softUpdate(new float[] {1}, 0.1));
    assertThrows(IllegalArgumentException.class, () -> t.softUpdate(new float[] {1, 0}, 1.5));
  }
}
