package io.tune4j.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpecTest {
  private final Map<String, Object> root =
      Map.of(
          "config",
          Map.of(
              "lr",
              0.1,
              "workers",
              4.0,
              "name",
              "ppo",
              "flag",
              true,
              "layers",
              List.of(Map.of("size", 64), Map.of("size", SearchSpace.randint(1, 9))),
              "pending",
              SearchSpace.uniform(0, 1)),
          "resources_per_trial",
          Map.of("cpu", 1));
  private final Spec spec = Spec.of(root, new SplittableRandom(1));

  @Test
  void readsDottedPathsAndListIndices() {
    assertEquals(0.1, spec.config("lr"));
    assertEquals(64, spec.get("config.layers.0.size"));
    assertEquals(1, spec.get("resources_per_trial.cpu"));
    assertEquals(4, spec.configInt("workers"));
    assertEquals(0.1, spec.configDouble("lr"));
    assertEquals("ppo", spec.configString("name"));
    assertTrue(spec.configBoolean("flag"));
    assertTrue(spec.has("config.layers.1.size"));
    assertFalse(spec.has("config.nope"));
  }

  @Test
  void unresolvedValuesSignalNotReadyWithTheirPath() {
    UnresolvedValueException e =
        assertThrows(UnresolvedValueException.class, () -> spec.config("pending"));
    assertEquals("config.pending", e.path());
    @SuppressWarnings("unchecked")
    List<Object> layers = (List<Object>) spec.config("layers");
    @SuppressWarnings("unchecked")
    Map<String, Object> second = (Map<String, Object>) layers.get(1);
    e = assertThrows(UnresolvedValueException.class, () -> second.get("size"));
    assertEquals("config.layers.1.size", e.path());
    e = assertThrows(UnresolvedValueException.class, () -> spec.config("pending.deeper"));
    assertEquals("config.pending", e.path());
  }

  @Test
  void viewsAreReadOnly() {
    @SuppressWarnings("unchecked")
    Map<String, Object> resources = (Map<String, Object>) spec.get("resources_per_trial");
    assertThrows(UnsupportedOperationException.class, () -> resources.put("gpu", 1));
    assertEquals(Map.of("cpu", 1), resources);
  }

  @Test
  void missingKeysAndWrongTypesNameThePath() {
    SearchSpaceException e = assertThrows(SearchSpaceException.class, () -> spec.config("lrr"));
    assertTrue(
        e.getMessage().contains("No value at 'config.lrr': key 'lrr' not found under 'config'"),
        e.getMessage());
    e = assertThrows(SearchSpaceException.class, () -> spec.get("config.layers.5"));
    assertTrue(e.getMessage().contains("index 5 out of range"), e.getMessage());
    e = assertThrows(SearchSpaceException.class, () -> spec.get("config.lr.x"));
    assertTrue(
        e.getMessage().contains("'config.lr' is 0.1 (Double), not a map or list"), e.getMessage());
    e = assertThrows(SearchSpaceException.class, () -> spec.configInt("lr"));
    assertEquals("'config.lr' should be an integer, got 0.1 (Double)", e.getMessage());
    e = assertThrows(SearchSpaceException.class, () -> spec.configString("workers"));
    assertEquals("'config.workers' should be a string, got 4.0 (Double)", e.getMessage());
  }
}
