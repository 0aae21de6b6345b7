package io.tune4j.rllib.env;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The configuration an {@link EnvCreator} receives: RLlib's {@code env_config} map plus the index
 * of the rollout worker and of the env copy within that worker's vector.
 *
 * <p>Immutable and serializable (config values should be serializable too).
 *
 * <pre>{@code
 * EnvContext ctx = EnvContext.of(Map.of("corridor_length", 5));
 * int len = ctx.getInt("corridor_length", 10);
 * }</pre>
 */
public final class EnvContext implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final EnvContext EMPTY = new EnvContext(Map.of(), 0, 0);

  private final Map<String, Object> config;
  private final int workerIndex;
  private final int vectorIndex;

  /**
   * Creates a context.
   *
   * @param config the {@code env_config} map (copied; null means empty)
   * @param workerIndex index of the rollout worker (0 = the local worker)
   * @param vectorIndex index of the env copy within the worker ({@code 0..num_envs_per_worker-1})
   * @throws IllegalArgumentException if an index is negative
   */
  public EnvContext(Map<String, ?> config, int workerIndex, int vectorIndex) {
    if (workerIndex < 0 || vectorIndex < 0) {
      throw new IllegalArgumentException(
          "EnvContext: worker_index and vector_index must be >= 0, got "
              + workerIndex
              + " and "
              + vectorIndex);
    }
    this.config =
        config == null || config.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(config));
    this.workerIndex = workerIndex;
    this.vectorIndex = vectorIndex;
  }

  /** Returns the context with no config, worker 0, vector index 0. */
  public static EnvContext empty() {
    return EMPTY;
  }

  /**
   * Returns a context for worker 0, vector index 0.
   *
   * @param config the {@code env_config}
   * @return the context
   */
  public static EnvContext of(Map<String, ?> config) {
    return new EnvContext(config, 0, 0);
  }

  /** Returns the {@code env_config} map (unmodifiable). */
  public Map<String, Object> config() {
    return config;
  }

  /**
   * Returns a config value.
   *
   * @param key the key
   * @return the value or null when absent
   */
  public Object get(String key) {
    return config.get(key);
  }

  /**
   * Tells whether the config has a key.
   *
   * @param key the key
   * @return true if present
   */
  public boolean containsKey(String key) {
    return config.containsKey(key);
  }

  /** Returns the rollout worker index (0 = local worker). */
  public int workerIndex() {
    return workerIndex;
  }

  /** Returns the index of this env copy within its worker's vector. */
  public int vectorIndex() {
    return vectorIndex;
  }

  /**
   * Returns a copy with another vector index.
   *
   * @param index the new vector index
   * @return the new context
   */
  public EnvContext withVectorIndex(int index) {
    return new EnvContext(config, workerIndex, index);
  }

  /**
   * Returns a copy with another worker index.
   *
   * @param index the new worker index
   * @return the new context
   */
  public EnvContext withWorkerIndex(int index) {
    return new EnvContext(config, index, vectorIndex);
  }

  /**
   * Returns an integer config value.
   *
   * @param key the key
   * @param defaultValue returned when the key is absent or null
   * @return the value
   * @throws IllegalArgumentException naming key and value if it is not an integer
   */
  public int getInt(String key, int defaultValue) {
    long v = getLong(key, defaultValue);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw bad(key, get(key), "an int");
    }
    return (int) v;
  }

  /**
   * Returns a long config value.
   *
   * @param key the key
   * @param defaultValue returned when the key is absent or null
   * @return the value
   * @throws IllegalArgumentException naming key and value if it is not an integer
   */
  public long getLong(String key, long defaultValue) {
    Object v = config.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return (long) n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw bad(key, v, "an integer");
      }
    }
    throw bad(key, v, "an integer");
  }

  /**
   * Returns a floating-point config value.
   *
   * @param key the key
   * @param defaultValue returned when the key is absent or null
   * @return the value
   * @throws IllegalArgumentException naming key and value if it is not a number
   */
  public double getDouble(String key, double defaultValue) {
    Object v = config.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw bad(key, v, "a number");
      }
    }
    throw bad(key, v, "a number");
  }

  /**
   * Returns a boolean config value.
   *
   * @param key the key
   * @param defaultValue returned when the key is absent or null
   * @return the value
   * @throws IllegalArgumentException naming key and value if it is not a boolean
   */
  public boolean getBoolean(String key, boolean defaultValue) {
    Object v = config.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if ("true".equals(v) || "false".equals(v)) {
      return Boolean.parseBoolean((String) v);
    }
    throw bad(key, v, "a boolean");
  }

  /**
   * Returns a string config value.
   *
   * @param key the key
   * @param defaultValue returned when the key is absent or null
   * @return the value
   * @throws IllegalArgumentException naming key and value if it is not a string
   */
  public String getString(String key, String defaultValue) {
    Object v = config.get(key);
    if (v == null) {
      return defaultValue;
    }
    if (v instanceof String s) {
      return s;
    }
    throw bad(key, v, "a string");
  }

  private static IllegalArgumentException bad(String key, Object v, String expected) {
    String shown = v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    return new IllegalArgumentException(
        "env_config key '"
            + key
            + "': expected "
            + expected
            + ", got "
            + shown
            + " ("
            + v.getClass().getSimpleName()
            + ")");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnvContext c
        && c.workerIndex == workerIndex
        && c.vectorIndex == vectorIndex
        && c.config.equals(config);
  }

  @Override
  public int hashCode() {
    return Objects.hash(config, workerIndex, vectorIndex);
  }

  @Override
  public String toString() {
    return "EnvContext"
        + config
        + "{worker_index="
        + workerIndex
        + ", vector_index="
        + vectorIndex
        + "}";
  }
}
