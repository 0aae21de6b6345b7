package io.tune4j.tune.logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FlattenTest {

  @Test
  void joinsNestedKeysInOrderAndKeepsListsAsValues() {
    Map<String, Object> kl = new LinkedHashMap<>();
    kl.put("kl", 0.1);
    kl.put("entropy", 0.6);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("a", 1);
    r.put("info", Map.of("learner", Map.of("default_policy", kl)));
    r.put("hist", List.of(1, 2));
    r.put("empty", Map.of());
    r.put("z", 2);
    Map<String, Object> flat = Flatten.flatten(r, "/");
    assertEquals(
        List.of(
            "a",
            "info/learner/default_policy/kl",
            "info/learner/default_policy/entropy",
            "hist",
            "z"),
        List.copyOf(flat.keySet()));
    assertEquals(0.1, flat.get("info/learner/default_policy/kl"));
    assertEquals(List.of(1, 2), flat.get("hist"));
  }

  @Test
  void dropsTopLevelKeysOnly() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("config", Map.of("lr", 1));
    r.put("info", Map.of("config", 3));
    Map<String, Object> flat = Flatten.flatten(r, "/", Set.of("config"));
    assertEquals(Map.of("info/config", 3), flat);
  }

  @Test
  void rejectsCyclesNamingTheKey() {
    Map<String, Object> a = new HashMap<>();
    a.put("self", a);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Flatten.flatten(a, "/"));
    assertTrue(e.getMessage().contains("self/self"), e.getMessage());
  }
}
