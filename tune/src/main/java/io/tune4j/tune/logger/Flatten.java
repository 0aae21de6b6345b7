package io.tune4j.tune.logger;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Flattens nested result maps into one level, joining keys with a separator, as Tune's {@code
 * flatten_dict} does: {@code {"info": {"learner": {"kl": 0.1}}}} becomes {@code {"info/learner/kl":
 * 0.1}}.
 *
 * <p>Key order follows the input's iteration order (depth first). A nested empty map contributes no
 * key. Lists and arrays are kept as values, not flattened.
 */
public final class Flatten {

  /** Nesting deeper than this is taken for a cycle and rejected. */
  public static final int MAX_DEPTH = 64;

  private Flatten() {}

  /**
   * Flattens {@code map}.
   *
   * @param map the nested map; keys of nested maps are turned into strings with {@code
   *     String.valueOf}
   * @param sep the separator, usually {@code "/"}
   * @return a new insertion-ordered map from joined keys to leaf values
   * @throws IllegalArgumentException if the map nests deeper than {@link #MAX_DEPTH} (a cycle)
   */
  public static LinkedHashMap<String, Object> flatten(Map<String, ?> map, String sep) {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>(Math.max(16, map.size() * 2));
    flattenInto(map, null, sep, out, 0);
    return out;
  }

  /**
   * Flattens {@code map} without the top-level keys in {@code drop} (Tune drops {@code config}
   * before flattening).
   *
   * @param map the nested map
   * @param sep the separator
   * @param drop top-level keys to leave out
   * @return a new insertion-ordered map from joined keys to leaf values
   * @throws IllegalArgumentException if the map nests deeper than {@link #MAX_DEPTH} (a cycle)
   */
  public static LinkedHashMap<String, Object> flatten(
      Map<String, ?> map, String sep, Set<String> drop) {
    LinkedHashMap<String, Object> out = new LinkedHashMap<>(Math.max(16, map.size() * 2));
    for (Map.Entry<String, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (drop.contains(key)) {
        continue;
      }
      if (e.getValue() instanceof Map<?, ?> nested) {
        flattenInto(nested, key, sep, out, 1);
      } else {
        out.put(key, e.getValue());
      }
    }
    return out;
  }

  /**
   * Flattens {@code map} into {@code out}, prefixing every key with {@code prefix + sep} when the
   * prefix is not null.
   *
   * @param map the nested map
   * @param prefix the key path of {@code map}, or null at the top
   * @param sep the separator
   * @param out receives the flattened entries
   */
  public static void flattenInto(
      Map<?, ?> map, String prefix, String sep, Map<String, Object> out) {
    flattenInto(map, prefix, sep, out, 0);
  }

  private static void flattenInto(
      Map<?, ?> map, String prefix, String sep, Map<String, Object> out, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException(
          "result nests deeper than " + MAX_DEPTH + " levels (a cycle?) at key '" + prefix + "'");
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      String path = prefix == null ? key : prefix + sep + key;
      Object value = e.getValue();
      if (value instanceof Map<?, ?> nested) {
        flattenInto(nested, path, sep, out, depth + 1);
      } else {
        out.put(path, value);
      }
    }
  }
}
