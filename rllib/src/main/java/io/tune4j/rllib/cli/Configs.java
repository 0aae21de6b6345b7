package io.tune4j.rllib.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** Config map helpers for the CLI. */
final class Configs {
  private Configs() {}

  /**
   * RLlib's {@code merge_dicts}: a copy of {@code base} with {@code overrides} applied key by key,
   * recursing where both sides hold a map.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> overrides) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    for (Map.Entry<String, Object> e : overrides.entrySet()) {
      Object old = out.get(e.getKey());
      if (old instanceof Map<?, ?> a && e.getValue() instanceof Map<?, ?> b) {
        out.put(e.getKey(), deepMerge((Map<String, Object>) a, (Map<String, Object>) b));
      } else {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }
}
