package io.tune4j.search.algorithms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tune4j.search.Choice;
import io.tune4j.search.Domain;
import io.tune4j.search.Mode;
import io.tune4j.search.QRandInt;
import io.tune4j.search.RandInt;
import io.tune4j.search.SearchSpace;
import io.tune4j.search.Searcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Searcher} must keep (Optuna's {@code test_samplers.py} style): one
 * subclass per implementation.
 */
abstract class SearcherContractTest {
  static final String METRIC = "score";

  /** A mixed space: every searchable domain type, nesting, a list and constants. */
  static Map<String, Object> space() {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("dropout", SearchSpace.uniform(0.0, 0.5));
    model.put("width", SearchSpace.qloguniform(16, 512, 16));
    model.put("name", "mlp");
    model.put("depth", 3);
    Map<String, Object> space = new LinkedHashMap<>();
    space.put("lr", SearchSpace.loguniform(1e-4, 1e-1));
    space.put("momentum", SearchSpace.quniform(0.5, 1.0, 0.05));
    space.put("batch", SearchSpace.qrandint(32, 256, 32));
    space.put("layers", SearchSpace.randint(1, 5));
    space.put("activation", SearchSpace.choice("relu", "tanh", "elu"));
    space.put("noise", SearchSpace.randn(0.0, 0.1));
    space.put("model", model);
    space.put("tags", List.of("a", "b"));
    space.put("seed", 7);
    return space;
  }

  /** A deterministic objective over {@link #space()}, lower is better. */
  static double objective(Map<String, Object> c) {
    @SuppressWarnings("unchecked")
    Map<String, Object> model = (Map<String, Object>) c.get("model");
    double lr = ((Number) c.get("lr")).doubleValue();
    return Math.pow(Math.log10(lr) + 2.5, 2)
        + Math.pow(((Number) c.get("momentum")).doubleValue() - 0.8, 2)
        + 0.1 * ((Number) c.get("layers")).intValue()
        + ("tanh".equals(c.get("activation")) ? 0 : 1)
        + ((Number) model.get("dropout")).doubleValue();
  }

  /**
   * Creates the searcher under test, with no space, metric or mode of its own.
   *
   * @param seed the seed
   */
  abstract Searcher create(long seed);

  /** Creates the searcher with points to evaluate, or returns null if it has no such option. */
  Searcher createWithPoints(long seed, List<Map<String, Object>> points) {
    return null;
  }

  /** Whether the searcher learns from results (the mode test applies). */
  boolean modelBased() {
    return false;
  }

  /** Whether saveState/restoreState must reproduce the search. */
  boolean checkpointable() {
    return true;
  }

  Searcher prepared(long seed) {
    Searcher s = create(seed);
    s.setSearchProperties(METRIC, Mode.MIN, space());
    return s;
  }

  static void complete(Searcher s, String id, Map<String, Object> config) {
    double v = objective(config);
    s.onTrialResult(id, Map.of(METRIC, v + 1.0));
    s.onTrialComplete(id, Map.of(METRIC, v), false);
  }

  static void assertValid(Map<String, Object> config) {
    assertNotNull(config);
    Map<String, Object> space = space();
    assertEquals("mlp", ((Map<?, ?>) config.get("model")).get("name"), "constant model.name");
    assertEquals(3, ((Map<?, ?>) config.get("model")).get("depth"), "constant model.depth");
    assertEquals(List.of("a", "b"), config.get("tags"), "constant list");
    assertEquals(7, config.get("seed"), "constant seed");
    assertEquals(space.keySet(), config.keySet());
    checkLeaves(space, config, "");
  }

  private static void checkLeaves(Map<String, Object> space, Map<String, Object> config, String at) {
    for (Map.Entry<String, Object> e : space.entrySet()) {
      String path = at + e.getKey();
      Object value = config.get(e.getKey());
      Domain d = Domain.asDomain(e.getValue());
      if (d != null) {
        assertTrue(d.isValid(value), path + "=" + value + " not valid for " + d);
        assertTrue(Domain.asDomain(value) == null, path + " left unresolved");
        if (d instanceof RandInt || d instanceof QRandInt) {
          assertInstanceOf(Integer.class, value, path + " must be an Integer");
        } else if (d instanceof Choice c) {
          assertTrue(c.categories().contains(value), path + " not a category: " + value);
        } else {
          assertInstanceOf(Double.class, value, path + " must be a Double");
        }
      } else if (e.getValue() instanceof Map<?, ?>) {
        @SuppressWarnings("unchecked")
        Map<String, Object> sub = (Map<String, Object>) e.getValue();
        @SuppressWarnings("unchecked")
        Map<String, Object> subConfig = (Map<String, Object>) value;
        checkLeaves(sub, subConfig, path + ".");
      }
    }
  }

  @Test
  void suggestionsHoldConstantsAndValidValues() {
    Searcher s = prepared(1);
    for (int i = 0; i < 25; i++) {
      Map<String, Object> config = s.suggest("t" + i);
      assertValid(config);
      complete(s, "t" + i, config);
    }
  }

  @Test
  void sameSeedSameSuggestions() {
    Searcher a = prepared(11);
    Searcher b = prepared(11);
    for (int i = 0; i < 15; i++) {
      Map<String, Object> ca = a.suggest("t" + i);
      assertEquals(ca, b.suggest("t" + i), "suggestion " + i);
      complete(a, "t" + i, ca);
      complete(b, "t" + i, ca);
    }
  }

  @Test
  void unknownTrialIdsAreTolerated() {
    Searcher s = prepared(2);
    assertDoesNotThrow(
        () -> {
          s.onTrialResult("nobody", Map.of(METRIC, 1.0));
          s.onTrialComplete("nobody", Map.of(METRIC, 1.0), false);
          s.onTrialComplete("nobody2", null, true);
        });
    for (int i = 0; i < 12; i++) {
      Map<String, Object> config = s.suggest("t" + i);
      assertValid(config);
      complete(s, "t" + i, config);
      s.onTrialComplete("t" + i, Map.of(METRIC, -1e9), false); // a second completion: ignored
    }
  }

  @Test
  void erroredTrialsAreTolerated() {
    Searcher s = prepared(3);
    for (int i = 0; i < 24; i++) {
      String id = "t" + i;
      Map<String, Object> config = s.suggest(id);
      assertValid(config);
      switch (i % 4) {
        case 0 -> s.onTrialComplete(id, null, true);
        case 1 -> s.onTrialComplete(id, Map.of("other", 1.0), true);
        case 2 -> s.onTrialComplete(id, Map.of(METRIC, "not a number"), false);
        default -> complete(s, id, config);
      }
    }
    assertValid(s.suggest("last"));
  }

  @Test
  void saveStateIsJsonCompatible() {
    Searcher s = prepared(4);
    for (int i = 0; i < 14; i++) {
      Map<String, Object> config = s.suggest("t" + i);
      if (i != 0 && i != 7) {
        complete(s, "t" + i, config);
      }
    }
    assertJson(s.saveState(), "state");
  }

  @Test
  void restoredSearcherContinuesWithTheSameSuggestions() {
    assumeTrue(checkpointable(), "not checkpointable");
    Searcher a = prepared(5);
    List<String> pending = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Map<String, Object> config = a.suggest("t" + i);
      if (i % 4 == 3) {
        pending.add("t" + i);
      } else {
        complete(a, "t" + i, config);
      }
    }
    a.onTrialResult("t3", Map.of(METRIC, 0.25));
    Map<String, Object> state = jsonRoundTrip(a.saveState());
    Searcher b = prepared(987654321L); // the seed must come from the state
    b.restoreState(state);
    for (Searcher s : List.of(a, b)) {
      s.onTrialComplete("t3", null, false); // scored by its last intermediate result
      s.onTrialComplete("t7", Map.of(METRIC, 0.5), false);
    }
    for (int i = 12; i < 20; i++) {
      Map<String, Object> ca = a.suggest("t" + i);
      assertEquals(ca, b.suggest("t" + i), "suggestion " + i + " after restore");
      complete(a, "t" + i, ca);
      complete(b, "t" + i, ca);
    }
  }

  @Test
  void pointsToEvaluateComeFirstInOrder() {
    Map<String, Object> full = new LinkedHashMap<>();
    full.put("lr", 0.01);
    full.put("momentum", 0.9);
    full.put("batch", 64);
    full.put("layers", 2);
    full.put("activation", "tanh");
    full.put("noise", 0.0);
    full.put("model", Map.of("dropout", 0.1, "width", 32.0));
    Map<String, Object> partial = Map.of("lr", 0.001, "model", Map.of("dropout", 0.25));
    Searcher s = createWithPoints(6, List.of(full, partial));
    assumeTrue(s != null, "no points_to_evaluate option");
    s.setSearchProperties(METRIC, Mode.MIN, space());
    Map<String, Object> first = s.suggest("p0");
    assertValid(first);
    for (String key : List.of("lr", "momentum", "batch", "layers", "activation", "noise")) {
      assertEquals(full.get(key), first.get(key), key);
    }
    assertEquals(0.1, ((Map<?, ?>) first.get("model")).get("dropout"));
    assertEquals(32.0, ((Map<?, ?>) first.get("model")).get("width"));
    complete(s, "p0", first);
    Map<String, Object> second = s.suggest("p1");
    assertValid(second);
    assertEquals(0.001, second.get("lr"));
    assertEquals(0.25, ((Map<?, ?>) second.get("model")).get("dropout"));
    complete(s, "p1", second);
    Map<String, Object> third = s.suggest("p2");
    assertValid(third);
    assertTrue(!third.get("lr").equals(0.01) && !third.get("lr").equals(0.001), "points used up");
  }

  /**
   * On a 1-D quadratic the last 10 of 40 suggestions gather at the optimum (median distance
   * below 0.25, where uniform sampling gives 0.5); MIN of f and MAX of -f
   * search identically; on sin(pi x) the MAX run's last suggestions lie on average more than 0.5
   * to the right of the MIN run's (optima 0.5 and -0.5; random search gives 0).
   */
  @Test
  void modeIsRespected() {
    assumeTrue(modelBased(), "not model-based");
    DoubleUnaryOperator quadratic = x -> (x - 0.3) * (x - 0.3);
    double[] min = lastSuggestions(Mode.MIN, quadratic);
    double[] max = lastSuggestions(Mode.MAX, x -> -quadratic.applyAsDouble(x));
    assertArrayEquals(min, max, "MIN of f and MAX of -f must search alike");
    assertTrue(medianDistance(min, 0.3) < 0.25, "MIN should approach 0.3: " + Arrays.toString(min));
    double[] sinMax = lastSuggestions(Mode.MAX, x -> Math.sin(Math.PI * x));
    double[] sinMin = lastSuggestions(Mode.MIN, x -> Math.sin(Math.PI * x));
    double shift = Arrays.stream(sinMax).average().orElseThrow()
        - Arrays.stream(sinMin).average().orElseThrow();
    assertTrue(shift > 0.5, "sin: MAX run should sit right of the MIN run, shift " + shift);
  }

  private double[] lastSuggestions(Mode mode, DoubleUnaryOperator f) {
    Searcher s = create(8);
    s.setSearchProperties("y", mode, Map.of("x", SearchSpace.uniform(-1.0, 1.0)));
    double[] last = new double[10];
    for (int i = 0; i < 40; i++) {
      double x = (Double) s.suggest("t" + i).get("x");
      if (i >= 30) {
        last[i - 30] = x;
      }
      s.onTrialComplete("t" + i, Map.of("y", f.applyAsDouble(x)), false);
    }
    return last;
  }

  private static double medianDistance(double[] xs, double target) {
    double[] d = new double[xs.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.abs(xs[i] - target);
    }
    Arrays.sort(d);
    return (d[d.length / 2 - 1] + d[d.length / 2]) / 2;
  }

  /** Fails unless the value is made of Map(String keys)/List/String/Number/Boolean/null. */
  static void assertJson(Object value, String at) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return;
    }
    if (value instanceof Number n) {
      assertTrue(
          value instanceof Integer
              || value instanceof Long
              || ((value instanceof Double || value instanceof Float)
                  && Double.isFinite(n.doubleValue())),
          at + ": not a JSON number: " + value);
      return;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        assertInstanceOf(String.class, e.getKey(), at + ": map key");
        assertJson(e.getValue(), at + "." + e.getKey());
      }
      return;
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        assertJson(list.get(i), at + "[" + i + "]");
      }
      return;
    }
    fail(at + ": not JSON-compatible: " + value.getClass().getName());
  }

  /** What a JSON write and Jackson read would give back: small integers as Integer, fresh maps. */
  @SuppressWarnings("unchecked")
  static <T> T jsonRoundTrip(T value) {
    assertJson(value, "state");
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new HashMap<>();
      map.forEach((k, v) -> out.put((String) k, jsonRoundTrip(v)));
      return (T) out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(jsonRoundTrip(v)));
      return (T) out;
    }
    if (value instanceof Long l && l == l.intValue()) {
      return (T) Integer.valueOf(l.intValue());
    }
    if (value instanceof Double d) {
      return (T) Double.valueOf(Double.toString(d));
    }
    return value;
  }
}
