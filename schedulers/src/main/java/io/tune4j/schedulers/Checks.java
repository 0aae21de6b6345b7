package io.tune4j.schedulers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Argument checks and JSON-state helpers shared by the schedulers. */
final class Checks {
  private Checks() {}

  static String notBlank(String param, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(param + " must be a non-empty string, got " + quote(value));
    }
    return value;
  }

  static double positive(String param, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(param + " must be > 0, got " + value);
    }
    return value;
  }

  static double nonNegative(String param, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(param + " must be >= 0, got " + value);
    }
    return value;
  }

  static double probability(String param, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(param + " must be in [0, 1], got " + value);
    }
    return value;
  }

  private static String quote(String value) {
    return value == null ? "null" : "'" + value + "'";
  }

  /** A double for JSON: non-finite values become strings ("NaN", "Infinity", "-Infinity"). */
  static Object encode(double value) {
    return Double.isFinite(value) ? (Object) value : Double.toString(value);
  }

  /** A nullable double for JSON. */
  static Object encode(Double value) {
    return value == null ? null : encode(value.doubleValue());
  }

  /** Reads a double written by {@link #encode(double)}. */
  static double decode(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof String s) {
      return Double.parseDouble(s);
    }
    throw new IllegalArgumentException("scheduler state: expected a number, got " + value);
  }

  static Double decodeNullable(Object value) {
    return value == null ? null : decode(value);
  }

  static long decodeLong(Object value) {
    return (long) decode(value);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value, String what) {
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalArgumentException("scheduler state: '" + what + "' must be a map, got " + value);
  }

  static List<?> list(Object value, String what) {
    if (value instanceof List<?> l) {
      return l;
    }
    throw new IllegalArgumentException("scheduler state: '" + what + "' must be a list, got " + value);
  }

  /** Deep copy of a config tree (maps and lists copied, leaves shared). */
  @SuppressWarnings("unchecked")
  static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(String.valueOf(e.getKey()), deepCopy(e.getValue()));
      }
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(deepCopy(o));
      }
      return out;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> copyConfig(Map<String, Object> config) {
    return (Map<String, Object>) deepCopy(config);
  }

  /** A seeded stream for the n-th random decision, so that saved state reproduces choices. */
  static java.util.SplittableRandom stream(long seed, long counter) {
    return new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L + counter * 0xBF58476D1CE4E5B9L + counter);
  }
}
