package io.tune4j.rllib.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SampleBatchTest {

  /** Row i: obs = [i, 10i], reward = i/2, eps_id = i/3, t = i%3, info {"i": i}. */
  static SampleBatch sample(int n) {
    SampleBatch.Builder b = new SampleBatch.Builder();
    for (int i = 0; i < n; i++) {
      b.addFloats(SampleBatch.OBS, 2, new float[] {i, 10 * i}, 0);
      b.addFloat(SampleBatch.REWARDS, i / 2f);
      b.addLong(SampleBatch.EPS_ID, i / 3);
      b.addLong(SampleBatch.T, i % 3);
      b.addInfo(Map.of("i", i, "TimeLimit.truncated", i % 2 == 0));
    }
    return b.build();
  }

  @Test
  void builderGrowsAndBuildsAllColumnKinds() {
    SampleBatch b = sample(200); // > initial capacity 64 -> growth
    assertEquals(200, b.count());
    assertEquals(2, b.width(SampleBatch.OBS));
    assertEquals(400, b.floats(SampleBatch.OBS).length);
    assertEquals(1990f, b.floats(SampleBatch.OBS)[399]);
    assertEquals(66L, b.longs(SampleBatch.EPS_ID)[199]);
    assertEquals(199, b.infos().get(199).get("i"));
    assertTrue(b.isFloat(SampleBatch.REWARDS));
    assertTrue(b.isLong(SampleBatch.T));
    assertThrows(IllegalArgumentException.class, () -> b.longs(SampleBatch.OBS));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.floats("nope"));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }

  @Test
  void codecRoundTripsEveryColumnKind() {
    SampleBatch b = sample(50);
    byte[] wire = b.encode();
    SampleBatch d = SampleBatch.decode(wire);
    assertEquals(b.columns(), d.columns());
    assertEquals(50, d.count());
    assertArrayEquals(b.floats(SampleBatch.OBS), d.floats(SampleBatch.OBS));
    assertEquals(2, d.width(SampleBatch.OBS));
    assertArrayEquals(b.floats(SampleBatch.REWARDS), d.floats(SampleBatch.REWARDS));
    assertArrayEquals(b.longs(SampleBatch.EPS_ID), d.longs(SampleBatch.EPS_ID));
    assertArrayEquals(b.longs(SampleBatch.T), d.longs(SampleBatch.T));
    assertEquals(b.infos(), d.infos());
    // Empty batch and a batch without infos.
    assertEquals(0, SampleBatch.decode(new SampleBatch().encode()).count());
    SampleBatch noInfo = sample(3).remove(SampleBatch.INFOS);
    assertFalse(SampleBatch.decode(noInfo.encode()).has(SampleBatch.INFOS));
  }

  @Test
  void decodeRejectsGarbageAndTruncation() {
    byte[] wire = sample(5).encode();
    assertThrows(IllegalArgumentException.class, () -> SampleBatch.decode(new byte[] {1, 2, 3, 4}));
    assertThrows(
        IllegalArgumentException.class,
        () -> SampleBatch.decode(Arrays.copyOf(wire, wire.length - 7)));
  }

  @Test
  void mismatchedRowCountsAreRejected() {
    SampleBatch b = new SampleBatch().putFloats(SampleBatch.REWARDS, 1, new float[3]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> b.putLongs(SampleBatch.T, new long[4]));
    assertTrue(e.getMessage().contains("'t'") && e.getMessage().contains("4"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> b.putFloats(SampleBatch.OBS, 2, new float[3]));
  }

  @Test
  void concatSliceAndSplitByEpisode() {
    SampleBatch a = sample(4);
    SampleBatch c = SampleBatch.concat(List.of(a, new SampleBatch(), sample(3)));
    assertEquals(7, c.count());
    assertEquals(3f, c.floats(SampleBatch.OBS)[6]); // row 3 obs[0]
    assertEquals(0f, c.floats(SampleBatch.OBS)[8]); // row 4 = first row of 2nd batch
    assertEquals(7, c.infos().size());
    SampleBatch s = c.slice(2, 5);
    assertEquals(3, s.count());
    assertArrayEquals(new float[] {2, 20, 3, 30, 0, 0}, s.floats(SampleBatch.OBS));
    assertArrayEquals(new long[] {0, 1, 0}, s.longs(SampleBatch.EPS_ID));
    // eps ids of c: 0 0 0 1 | 0 0 0 -> runs [0,3), [3,4), [4,7)
    List<SampleBatch> eps = c.splitByEpisode();
    assertEquals(List.of(3, 1, 3), eps.stream().map(SampleBatch::count).toList());
    SampleBatch other = new SampleBatch().putFloats(SampleBatch.OBS, 3, new float[3]);
    assertThrows(IllegalArgumentException.class, () -> a.concat(other));
  }

  @Test
  void shuffleAppliesOnePermutationToAllColumns() {
    SampleBatch b = sample(100);
    b.shuffle(new Random(7));
    float[] obs = b.floats(SampleBatch.OBS);
    float[] rew = b.floats(SampleBatch.REWARDS);
    long[] t = b.longs(SampleBatch.T);
    boolean moved = false;
    List<Integer> seen = new ArrayList<>();
    for (int r = 0; r < 100; r++) {
      int i = (int) obs[2 * r];
      seen.add(i);
      moved |= i != r;
      assertEquals(10f * i, obs[2 * r + 1]);
      assertEquals(i / 2f, rew[r]);
      assertEquals(i % 3, t[r]);
      assertEquals(i, b.infos().get(r).get("i"));
    }
    assertTrue(moved);
    assertEquals(100, seen.stream().distinct().count());
    // Same seed, same permutation.
    assertArrayEquals(obs, sample(100).shuffle(new Random(7)).floats(SampleBatch.OBS));
    assertNotEquals(
        Arrays.toString(obs),
        Arrays.toString(sample(100).shuffle(new Random(8)).floats(SampleBatch.OBS)));
  }

  @Test
  void minibatchesCoverAllRowsInOrder() {
    List<SampleBatch> mbs = sample(10).minibatches(4);
    assertEquals(List.of(4, 4, 2), mbs.stream().map(SampleBatch::count).toList());
    assertEquals(8f, mbs.get(2).floats(SampleBatch.OBS)[0]);
    assertThrows(IllegalArgumentException.class, () -> sample(3).minibatches(0));
  }

  @Test
  void builderClearReusesBuffers() {
    SampleBatch.Builder b = new SampleBatch.Builder();
    SampleBatchColumns.FloatColumn obs = b.floatColumn(SampleBatch.OBS, 3);
    obs.add(new double[] {1, 2, 3}, 0);
    b.addLong(SampleBatch.T, 0);
    assertEquals(1, b.build().count());
    b.clear();
    assertEquals(0, b.count());
    obs.add(new float[] {4, 5, 6, 7}, 1);
    b.addLong(SampleBatch.T, 1);
    assertArrayEquals(new float[] {5, 6, 7}, b.build().floats(SampleBatch.OBS));
    b.addLong(SampleBatch.T, 2); // now t has 2 rows, obs 1
    assertThrows(IllegalArgumentException.class, b::build);
    assertThrows(IllegalArgumentException.class, () -> b.floatColumn(SampleBatch.OBS, 2));
  }
}
