package io.tune4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DomainTest {
  private static final int N = 20_000;
  private final SplittableRandom random = new SplittableRandom(7);
  private final Spec spec = Spec.of(Map.of(), random);

  private void sampleMany(Domain domain, Consumer<Object> check) {
    for (int i = 0; i < N; i++) {
      Object value = domain.sample(spec, random);
      check.accept(value);
      assertTrue(domain.isValid(value), () -> domain + " rejects its own sample " + value);
    }
  }

  @Test
  void uniformStaysInHalfOpenRangeAndCoversIt() {
    double[] minMax = {Double.MAX_VALUE, -Double.MAX_VALUE};
    sampleMany(
        SearchSpace.uniform(-2, 3),
        v -> {
          double d = assertInstanceOf(Double.class, v);
          assertTrue(d >= -2 && d < 3, "out of range: " + d);
          minMax[0] = Math.min(minMax[0], d);
          minMax[1] = Math.max(minMax[1], d);
        });
    assertTrue(minMax[0] < -1.99 && minMax[1] > 2.99, "does not cover the range");
  }

  @Test
  void randintUpperBoundIsExclusive() {
    Set<Object> seen = new HashSet<>();
    sampleMany(SearchSpace.randint(3, 7), v -> seen.add(assertInstanceOf(Integer.class, v)));
    assertEquals(Set.of(3, 4, 5, 6), seen);
    assertFalse(SearchSpace.randint(3, 7).isValid(7));
  }

  @Test
  void qrandintIsInclusiveAndQuantized() {
    Set<Object> seen = new HashSet<>();
    sampleMany(SearchSpace.qrandint(0, 20, 5), v -> seen.add(assertInstanceOf(Integer.class, v)));
    assertEquals(Set.of(0, 5, 10, 15, 20), seen);
  }

  @Test
  void quniformRoundsToMultiplesAndReachesUpperBound() {
    Set<Long> steps = new HashSet<>();
    sampleMany(
        SearchSpace.quniform(0.5, 1.0, 0.1),
        v -> {
          double d = assertInstanceOf(Double.class, v);
          assertTrue(d >= 0.5 - 1e-12 && d <= 1.0 + 1e-12, "out of range: " + d);
          double k = d / 0.1;
          assertEquals(Math.rint(k), k, 1e-9, "not a multiple of 0.1: " + d);
          steps.add(Math.round(k));
        });
    assertEquals(Set.of(5L, 6L, 7L, 8L, 9L, 10L), steps);
  }

  @Test
  void quantizationRoundsHalfToEvenLikeNumpy() {
    // np.round(2.5) == 2.0 and np.round(3.5) == 4.0
    assertEquals(2.0, Checks.quantize(2.5, 1.0));
    assertEquals(4.0, Checks.quantize(3.5, 1.0));
    assertEquals(0.0, Checks.quantize(2.5, 5.0)); // 0.5 -> 0
  }

  @Test
  void loguniformCoversOrdersOfMagnitudeEvenly() {
    int[] perDecade = new int[3];
    sampleMany(
        SearchSpace.loguniform(1e-4, 1e-1),
        v -> {
          double d = assertInstanceOf(Double.class, v);
          assertTrue(d >= 1e-4 && d <= 1e-1, "out of range: " + d);
          perDecade[(int) Math.min(2, Math.floor(Math.log10(d) + 4))]++;
        });
    for (int count : perDecade) {
      assertEquals(N / 3.0, count, N * 0.03, "decades should be equally likely");
    }
  }

  @Test
  void loguniformWithBaseTwo() {
    sampleMany(
        SearchSpace.loguniform(1, 1024, 2),
        v -> assertTrue((Double) v >= 1 && (Double) v <= 1024, "out of range: " + v));
  }

  @Test
  void qloguniformIsQuantized() {
    sampleMany(
        SearchSpace.qloguniform(1e-4, 1e-1, 5e-5),
        v -> {
          double d = (Double) v;
          assertTrue(d >= 1e-4 - 1e-12 && d <= 1e-1 + 1e-12, "out of range: " + d);
          assertEquals(Math.rint(d / 5e-5), d / 5e-5, 1e-6, "not quantized: " + d);
        });
  }

  @Test
  void choiceReturnsEachMemberIncludingNull() {
    Set<Object> seen = new HashSet<>();
    sampleMany(SearchSpace.choice("relu", "tanh", null), seen::add);
    Set<Object> expected = new HashSet<>(java.util.Arrays.asList("relu", "tanh", null));
    assertEquals(expected, seen);
  }

  @Test
  void randnMatchesMeanAndSd() {
    double[] sums = new double[2];
    sampleMany(
        SearchSpace.randn(5.0, 2.0),
        v -> {
          double d = (Double) v;
          sums[0] += d;
          sums[1] += d * d;
        });
    double mean = sums[0] / N;
    double sd = Math.sqrt(sums[1] / N - mean * mean);
    assertEquals(5.0, mean, 0.06);
    assertEquals(2.0, sd, 0.06);
  }

  @Test
  void qrandnIsQuantized() {
    sampleMany(
        SearchSpace.qrandn(0, 1, 0.25),
        v -> assertEquals(0.0, ((Double) v / 0.25) % 1.0, 1e-12, "not quantized: " + v));
  }

  @Test
  void gridSearchCannotBeSampled() {
    GridSearch grid = SearchSpace.gridSearch(1, 2);
    assertTrue(grid.isGrid());
    assertThrows(UnsupportedOperationException.class, () -> grid.sample(spec, random));
  }

  @Test
  void listFactoriesCopyAndKeepOrder() {
    List<Object> values = new java.util.ArrayList<>(List.of(1, 2));
    GridSearch grid = SearchSpace.gridSearch(values);
    values.add(3);
    assertEquals(List.of(1, 2), grid.values());
    assertEquals(List.of("a", "b"), SearchSpace.choice(List.of("a", "b")).categories());
  }

  private static void assertBad(String expectedFragment, Executable make) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make);
    assertTrue(
        e.getMessage().contains(expectedFragment),
        () -> "message '" + e.getMessage() + "' should contain '" + expectedFragment + "'");
  }

  @Test
  void badArgumentsNameThePrimitiveAndValue() {
    assertBad(
        "uniform: lower must be < upper, got lower=1.0, upper=1.0",
        () -> SearchSpace.uniform(1, 1));
    assertBad(
        "uniform: upper must be a finite number, got upper=Infinity",
        () -> SearchSpace.uniform(0, Double.POSITIVE_INFINITY));
    assertBad("quniform: q must be > 0, got q=0.0", () -> SearchSpace.quniform(0, 1, 0));
    assertBad(
        "quniform: upper=1.05 is not a multiple of q=0.1",
        () -> SearchSpace.quniform(0, 1.05, 0.1));
    assertBad("loguniform: lower must be > 0, got lower=0.0", () -> SearchSpace.loguniform(0, 1));
    assertBad(
        "loguniform: base must be > 0, got base=-2.0", () -> SearchSpace.loguniform(1, 2, -2));
    assertBad("loguniform: base must not be 1", () -> SearchSpace.loguniform(1, 2, 1));
    assertBad("qloguniform: q must be > 0, got q=-1.0", () -> SearchSpace.qloguniform(1, 2, -1));
    assertBad(
        "randint: lower must be < upper (upper is exclusive), got lower=5, upper=5",
        () -> SearchSpace.randint(5, 5));
    assertBad("qrandint: q must be > 0, got q=0", () -> SearchSpace.qrandint(0, 10, 0));
    assertBad("qrandint: lower=1 is not a multiple of q=5", () -> SearchSpace.qrandint(1, 10, 5));
    assertBad("randn: sd must be > 0, got sd=0.0", () -> SearchSpace.randn(0, 0));
    assertBad("qrandn: q must be > 0, got q=0.0", () -> SearchSpace.qrandn(0, 1, 0));
    assertBad("choice: needs at least one value, got []", () -> SearchSpace.choice(List.of()));
    assertBad("grid_search: needs at least one value, got []", () -> SearchSpace.gridSearch());
    assertBad("sample_from: fn must not be null", () -> SearchSpace.sampleFrom(null));
  }
}
