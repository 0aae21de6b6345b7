package io.tune4j.rllib.env;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A dictionary of named spaces, as gym's {@code Dict}; keys are kept sorted like gym does for a
 * plain dict, and values are {@code Map<String, Object>} in that key order.
 *
 * <p>{@code new Dict(Map.of("b", new Discrete(3), "a", new Discrete(2)))} prints as {@code
 * "Dict(a:Discrete(2), b:Discrete(3))"}.
 */
public final class Dict implements Space {
  private static final long serialVersionUID = 1L;

  private final Map<String, Space> spaces;

  /**
   * Creates the space.
   *
   * @param spaces named sub-spaces, none null
   */
  public Dict(Map<String, ? extends Space> spaces) {
    TreeMap<String, Space> sorted = new TreeMap<>();
    for (Map.Entry<String, ? extends Space> e : spaces.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException("Dict: null key or space for key '" + e.getKey() + "'");
      }
      sorted.put(e.getKey(), e.getValue());
    }
    this.spaces = Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
  }

  /** Returns the sub-spaces in sorted key order (unmodifiable). */
  public Map<String, Space> spaces() {
    return spaces;
  }

  /**
   * Returns one sub-space.
   *
   * @param key its name
   * @return the space, or null if absent
   */
  public Space get(String key) {
    return spaces.get(key);
  }

  /** Accepts a {@code Map} with exactly these keys whose values lie in their sub-spaces. */
  @Override
  public boolean contains(Object x) {
    if (!(x instanceof Map<?, ?> m) || m.size() != spaces.size()) {
      return false;
    }
    for (Map.Entry<String, Space> e : spaces.entrySet()) {
      if (!m.containsKey(e.getKey()) || !e.getValue().contains(m.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Map<String, Object> sample(Random random) {
    Map<String, Object> x = new LinkedHashMap<>();
    for (Map.Entry<String, Space> e : spaces.entrySet()) {
      x.put(e.getKey(), e.getValue().sample(random));
    }
    return x;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Dict d && d.spaces.equals(spaces);
  }

  @Override
  public int hashCode() {
    return spaces.hashCode() + 13;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Dict(");
    boolean first = true;
    for (Map.Entry<String, Space> e : spaces.entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(e.getKey()).append(':').append(e.getValue());
    }
    return sb.append(')').toString();
  }
}
