package io.tune4j.rllib.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads from an RLlib-style config map ({@code Map<String, Object>} from JSON/YAML), with
 * errors that name the key, the expected type and the value found.
 *
 * <pre>{@code
 * ConfigReader c = new ConfigReader(config, "PPO");
 * double gamma = c.getDouble("gamma");
 * }</pre>
 */
public final class ConfigReader {
  private final Map<String, Object> map;
  private final String where;

  /**
   * @param map the config
   * @param where a prefix for error messages (e.g. {@code "PPO"} or {@code "model"})
   */
  public ConfigReader(Map<String, Object> map, String where) {
    this.map = map;
    this.where = where;
  }

  /** The underlying map. */
  public Map<String, Object> map() {
    return map;
  }

  /** True if the key is present with a non-null value. */
  public boolean has(String key) {
    return map.get(key) != null;
  }

  private Object require(String key) {
    if (!map.containsKey(key)) {
      throw new IllegalArgumentException(where + " config: missing key '" + key + "'");
    }
    return map.get(key);
  }

  private IllegalArgumentException wrong(String key, String type, Object v) {
    return new IllegalArgumentException(
        where
            + " config: '"
            + key
            + "' must be "
            + type
            + ", got "
            + (v == null ? "null" : v.getClass().getSimpleName() + " " + v));
  }

  /** A number (any {@link Number}). */
  public double getDouble(String key) {
    Object v = require(key);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw wrong(key, "a number", v);
  }

  /** A number, or {@code dflt} if the key is absent or null. */
  public double getDouble(String key, double dflt) {
    return has(key) ? getDouble(key) : dflt;
  }

  /** An integer (a {@link Number} without a fractional part). */
  public long getLong(String key) {
    Object v = require(key);
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.longValue();
    }
    throw wrong(key, "an integer", v);
  }

  /** An integer that fits an int. */
  public int getInt(String key) {
    long v = getLong(key);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw wrong(key, "an int", v);
    }
    return (int) v;
  }

  /** A boolean. */
  public boolean getBool(String key) {
    Object v = require(key);
    if (v instanceof Boolean b) {
      return b;
    }
    throw wrong(key, "true or false", v);
  }

  /** A string (null allowed: returns null). */
  public String getString(String key) {
    Object v = require(key);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw wrong(key, "a string", v);
  }

  /** A list of integers. */
  public List<Integer> getIntList(String key) {
    Object v = require(key);
    if (v instanceof List<?> l) {
      List<Integer> out = new ArrayList<>();
      for (Object o : l) {
        if (!(o instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
          throw wrong(key, "a list of integers", v);
        }
        out.add(n.intValue());
      }
      return out;
    }
    if (v instanceof int[] a) {
      List<Integer> out = new ArrayList<>();
      for (int i : a) {
        out.add(i);
      }
      return out;
    }
    throw wrong(key, "a list of integers", v);
  }

  /** A nested map (null → empty). */
  @SuppressWarnings("unchecked")
  public Map<String, Object> getMap(String key) {
    Object v = map.get(key);
    if (v == null) {
      return Map.of();
    }
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw wrong(key, "a map", v);
  }

  /**
   * A piecewise-linear schedule {@code [[t0, v0], [t1, v1], ...]} (RLlib's {@code lr_schedule}), or
   * null if the key is absent or null.
   */
  public double[][] getSchedule(String key) {
    Object v = map.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> l) || l.isEmpty()) {
      throw wrong(key, "a non-empty list of [timestep, value] pairs", v);
    }
    double[][] out = new double[l.size()][];
    for (int i = 0; i < l.size(); i++) {
      if (!(l.get(i) instanceof List<?> p)
          || p.size() != 2
          || !(p.get(0) instanceof Number t)
          || !(p.get(1) instanceof Number x)) {
        throw wrong(key, "a list of [timestep, value] pairs", v);
      }
      out[i] = new double[] {t.doubleValue(), x.doubleValue()};
      if (i > 0 && out[i][0] < out[i - 1][0]) {
        throw wrong(key, "a list of [timestep, value] pairs with increasing timesteps", v);
      }
    }
    return out;
  }

  /**
   * Value of a piecewise-linear schedule at {@code t}: interpolates within {@code [t_i, t_{i+1})}
   * and returns the last point's value anywhere else (RLlib's {@code PiecewiseSchedule} with {@code
   * outside_value = schedule[-1][-1]}, as its {@code LearningRateSchedule} sets it up).
   */
  public static double scheduleValue(double[][] schedule, double t) {
    for (int i = 1; i < schedule.length; i++) {
      if (schedule[i - 1][0] <= t && t < schedule[i][0]) {
        double alpha = (t - schedule[i - 1][0]) / (schedule[i][0] - schedule[i - 1][0]);
        return schedule[i - 1][1] + alpha * (schedule[i][1] - schedule[i - 1][1]);
      }
    }
    return schedule[schedule.length - 1][1];
  }
}
