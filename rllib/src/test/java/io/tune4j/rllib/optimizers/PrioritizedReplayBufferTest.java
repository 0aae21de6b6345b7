package io.tune4j.rllib.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.policy.SampleBatch;
import org.junit.jupiter.api.Test;

class PrioritizedReplayBufferTest {

  static SampleBatch rows(int from, int n) {
    float[] obs = new float[n * 2];
    float[] r = new float[n];
    long[] id = new long[n];
    for (int i = 0; i < n; i++) {
      obs[2 * i] = from + i;
      obs[2 * i + 1] = -(from + i);
      r[i] = from + i;
      id[i] = from + i;
    }
    return new SampleBatch().putFloats(SampleBatch.OBS, 2, obs).putFloats(SampleBatch.REWARDS, 1, r)
        .putLongs(SampleBatch.EPS_ID, id);
  }

  @Test
  void samplesInProportionToPriorityToTheAlphaWithNormalisedImportanceWeights() {
    PrioritizedReplayBuffer buf = new PrioritizedReplayBuffer(4, 0.5, 7L);
    buf.add(rows(0, 4));
    // priorities 1, 4, 9, 16 -> p^0.5 = 1, 2, 3, 4 -> P = 0.1 .. 0.4
    buf.updatePriorities(new long[] {0, 1, 2, 3}, new float[] {1, 4, 9, 16});
    int[] counts = new int[4];
    int draws = 40_000;
    SampleBatch s = buf.sample(draws, 1.0);
    float[] w = s.floats(PrioritizedReplayBuffer.WEIGHTS);
    long[] idx = s.longs(PrioritizedReplayBuffer.BATCH_INDEXES);
    for (int i = 0; i < draws; i++) {
      counts[(int) idx[i]]++;
      // rows travel together: obs and reward of the slot
      assertEquals(idx[i], (long) s.floats(SampleBatch.REWARDS)[i]);
      assertEquals(-idx[i], (long) s.floats(SampleBatch.OBS)[2 * i + 1]);
      // w = (N P)^-beta / max: with beta 1, P = (k+1)/10, min P = 0.1 -> w = 0.1 / P
      assertEquals(0.1 / ((idx[i] + 1) / 10.0), w[i], 1e-5);
    }
    for (int k = 0; k < 4; k++) {
      assertEquals((k + 1) / 10.0, counts[k] / (double) draws, 0.01, "slot " + k);
    }
  }

  @Test
  void newRowsGetTheHighestPriorityAndTheOldestAreEvicted() {
    PrioritizedReplayBuffer buf = new PrioritizedReplayBuffer(3, 1.0, 1L);
    buf.add(rows(0, 3));
    buf.updatePriorities(new long[] {0, 1, 2}, new float[] {0.5f, 5f, 0.5f});
    buf.add(rows(10, 1)); // overwrites slot 0 (row 0) with priority max = 5
    assertEquals(3, buf.size());
    assertEquals(4, buf.added());
    assertEquals(5.0, buf.weightOf(0), 1e-9);
    SampleBatch s = buf.sample(2000, 0.4);
    for (float r : s.floats(SampleBatch.REWARDS)) {
      assertTrue(r != 0f, "evicted row sampled");
    }
  }

  @Test
  void rejectsBadPrioritiesAndEmptySampling() {
    PrioritizedReplayBuffer buf = new PrioritizedReplayBuffer(3, 0.6, 1L);
    assertThrows(IllegalStateException.class, () -> buf.sample(1, 0.4));
    buf.add(rows(0, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> buf.updatePriorities(new long[] {0}, new float[] {0f}));
    assertTrue(e.getMessage().contains("priority 0.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> buf.updatePriorities(new long[] {2}, new float[] {1f}));
  }
}
