package io.tune4j.rllib.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MeanStdFilterTest {

  private static float[][] sequence(int rows, int width, long seed) {
    Random r = new Random(seed);
    float[][] out = new float[rows][width];
    for (float[] row : out) {
      for (int i = 0; i < width; i++) {
        row[i] = (float) (r.nextGaussian() * (i + 1) + 3 * i);
      }
    }
    return out;
  }

  /** Two-pass mean and sample std of column i. */
  private static double[] twoPass(float[][] data, int i) {
    double s = 0;
    for (float[] row : data) {
      s += row[i];
    }
    double mean = s / data.length;
    double ss = 0;
    for (float[] row : data) {
      ss += (row[i] - mean) * (row[i] - mean);
    }
    return new double[] {mean, Math.sqrt(ss / (data.length - 1))};
  }

  @Test
  void runningStatMatchesTwoPass() {
    float[][] data = sequence(1000, 3, 1);
    RunningStat rs = new RunningStat(3);
    for (float[] row : data) {
      rs.push(row, 0);
    }
    assertEquals(1000, rs.count());
    for (int i = 0; i < 3; i++) {
      double[] ms = twoPass(data, i);
      assertEquals(ms[0], rs.mean(i), 1e-9);
      assertEquals(ms[1], rs.std(i), 1e-9);
    }
  }

  @Test
  void filterNormalisesWithStatisticsIncludingTheRow() {
    float[][] data = {{1, 10}, {2, 20}, {6, 0}};
    MeanStdFilter f = new MeanStdFilter(2);
    float[] first = data[0].clone();
    f.apply(first, 0, true);
    // one row: std = |mean| -> (x - x) / (|x| + 1e-8) = 0
    assertArrayEquals(new float[] {0, 0}, first);
    f.apply(data[1].clone(), 0, true);
    float[] third = data[2].clone();
    f.apply(third, 0, true);
    double[] c0 = twoPass(data, 0);
    double[] c1 = twoPass(data, 1);
    assertEquals((6 - c0[0]) / (c0[1] + 1e-8), third[0], 1e-6);
    assertEquals((0 - c1[0]) / (c1[1] + 1e-8), third[1], 1e-6);
    assertEquals(3, f.runningStat().count());
    assertEquals(3, f.buffer().count());
  }

  @Test
  void applyWithoutUpdateLeavesStatisticsAlone() {
    MeanStdFilter f = new MeanStdFilter(1);
    f.apply(new float[] {1}, 0, true);
    f.apply(new float[] {3}, 0, true);
    float[] x = {4};
    f.apply(x, 0, false);
    assertEquals(2, f.runningStat().count());
    assertEquals((4 - 2) / (Math.sqrt(2) + 1e-8), x[0], 1e-6);
  }

  @Test
  void clipLimitsFilteredValues() {
    MeanStdFilter f = new MeanStdFilter(1, true, true, 1.5);
    for (int i = 0; i < 10; i++) {
      f.apply(new float[] {i % 2}, 0, true);
    }
    float[] x = {100};
    f.apply(x, 0, false);
    assertEquals(1.5f, x[0]);
  }

  @Test
  void applyChangesMatchesRllibDocExample() {
    // ray/rllib/utils/filter.py MeanStdFilter.apply_changes docstring.
    MeanStdFilter a = new MeanStdFilter(1);
    a.apply(new float[] {1}, 0, true);
    a.apply(new float[] {2}, 0, true);
    MeanStdFilter b = new MeanStdFilter(1);
    b.apply(new float[] {10}, 0, true);
    a.applyChanges(b);
    assertEquals(3, a.runningStat().count());
    assertEquals(4.333333333333333, a.runningStat().mean(0), 1e-12);
    assertEquals(2, a.buffer().count());
  }

  @Test
  void twoWorkerBuffersAppliedToDriverEqualOneFilterFedAllData() {
    float[][] data = sequence(600, 4, 7);
    MeanStdFilter reference = new MeanStdFilter(4);
    MeanStdFilter driver = new MeanStdFilter(4);
    MeanStdFilter w1 = new MeanStdFilter(4);
    MeanStdFilter w2 = new MeanStdFilter(4);
    // three sync rounds, as a trainer does once per iteration
    for (int round = 0; round < 3; round++) {
      for (int i = round * 200; i < round * 200 + 200; i++) {
        reference.apply(data[i].clone(), 0, true);
        (i % 2 == 0 ? w1 : w2).apply(data[i].clone(), 0, true);
      }
      driver.applyChanges(w1.flushBuffer());
      driver.applyChanges(w2.flushBuffer());
      byte[] state = driver.getState();
      w1.setState(state);
      w2.setState(state);
      assertEquals(0, w1.buffer().count());
    }
    RunningStat want = reference.runningStat();
    for (MeanStdFilter f : new MeanStdFilter[] {driver, w1, w2}) {
      assertEquals(600, f.runningStat().count());
      for (int i = 0; i < 4; i++) {
        assertEquals(want.mean(i), f.runningStat().mean(i), 1e-9);
        assertEquals(want.std(i), f.runningStat().std(i), 1e-9);
      }
    }
    float[] x = {1, 2, 3, 4};
    float[] y = x.clone();
    reference.apply(x, 0, false);
    w2.apply(y, 0, false);
    assertArrayEquals(x, y, 1e-5f);
  }

  @Test
  void syncCopiesStateAndBuffer() {
    MeanStdFilter a = new MeanStdFilter(1);
    a.apply(new float[] {1}, 0, true);
    a.apply(new float[] {2}, 0, true);
    MeanStdFilter b = new MeanStdFilter(1);
    b.apply(new float[] {10}, 0, true);
    a.sync(b);
    assertEquals(1, a.runningStat().count());
    assertEquals(10.0, a.runningStat().mean(0));
    assertEquals(1, a.buffer().count());
    MeanStdFilter c = a.copy();
    c.apply(new float[] {0}, 0, true);
    assertEquals(1, a.runningStat().count(), "copy must be deep");
  }

  @Test
  void stateRoundTripsThroughBytes() {
    MeanStdFilter a = new MeanStdFilter(3, true, false, 5);
    for (float[] row : sequence(50, 3, 3)) {
      a.apply(row, 0, true);
    }
    a.clearBuffer();
    a.apply(new float[] {1, 1, 1}, 0, true);
    ObservationFilter back = ObservationFilters.fromState(a.getState());
    MeanStdFilter m = assertInstanceOf(MeanStdFilter.class, back);
    assertEquals(51, m.runningStat().count());
    assertEquals(1, m.buffer().count());
    assertEquals(a.runningStat().mean(2), m.runningStat().mean(2));
    float[] x = {9, -9, 40};
    float[] y = x.clone();
    a.apply(x, 0, false);
    m.apply(y, 0, false);
    assertArrayEquals(x, y);
    assertEquals(5f, y[2], "clip and destd=false survive the round trip");
  }

  @Test
  void badStatesAndMismatchesNameTheProblem() {
    MeanStdFilter a = new MeanStdFilter(3);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> a.setState(new MeanStdFilter(2).getState()));
    assertTrue(e.getMessage().contains("size 3") && e.getMessage().contains("size 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> a.applyChanges(new NoFilter()));
    assertTrue(e.getMessage().contains("NoFilter"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> a.setState(a.getBufferState()));
    assertTrue(e.getMessage().contains("tag"), e.getMessage());
    byte[] truncated = java.util.Arrays.copyOf(a.getState(), 20);
    assertThrows(IllegalArgumentException.class, () -> a.setState(truncated));
  }

  @Test
  void factoryNamesKeyAndValidValues() {
    assertInstanceOf(NoFilter.class, ObservationFilters.create("NoFilter", 4));
    assertInstanceOf(NoFilter.class, ObservationFilters.create(null, 4));
    ObservationFilter f = ObservationFilters.create("MeanStdFilter", 4);
    assertInstanceOf(MeanStdFilter.class, f);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ObservationFilters.create("Mean", 4));
    assertEquals(
        "Unknown observation_filter 'Mean'; valid values: NoFilter, MeanStdFilter", e.getMessage());
  }

  @Test
  void noFilterIsIdentityAndRoundTrips() {
    NoFilter f = new NoFilter();
    float[] x = {1, -2};
    f.apply(x, 0, true);
    assertArrayEquals(new float[] {1, -2}, x);
    assertInstanceOf(NoFilter.class, ObservationFilters.fromState(f.getState()));
    f.applyChanges(new NoFilter().flushBuffer());
    assertThrows(IllegalArgumentException.class, () -> f.sync(new MeanStdFilter(2)));
  }
}
