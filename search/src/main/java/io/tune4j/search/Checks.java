package io.tune4j.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Argument validation and quantization shared by the domain records. */
final class Checks {
  private Checks() {}

  static void finite(String primitive, String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          primitive + ": " + name + " must be a finite number, got " + name + "=" + value);
    }
  }

  static void lessThan(String primitive, double lower, double upper) {
    finite(primitive, "lower", lower);
    finite(primitive, "upper", upper);
    if (!(lower < upper)) {
      throw new IllegalArgumentException(
          primitive + ": lower must be < upper, got lower=" + lower + ", upper=" + upper);
    }
  }

  static void positive(String primitive, String name, double value) {
    finite(primitive, name, value);
    if (!(value > 0)) {
      throw new IllegalArgumentException(
          primitive + ": " + name + " must be > 0, got " + name + "=" + value);
    }
  }

  static void logBase(String primitive, double base) {
    positive(primitive, "base", base);
    if (base == 1.0) {
      throw new IllegalArgumentException(primitive + ": base must not be 1, got base=1.0");
    }
  }

  /** Tune 2.x {@code Float.quantized}: finite bounds must be multiples of q (math.isclose). */
  static void divisible(String primitive, String name, double bound, double q) {
    double ratio = bound / q;
    double rounded = Math.rint(ratio);
    if (Math.abs(ratio - rounded) > 1e-9 * Math.max(Math.abs(ratio), Math.abs(rounded))) {
      throw new IllegalArgumentException(
          primitive + ": " + name + "=" + bound + " is not a multiple of q=" + q);
    }
  }

  /** numpy {@code np.round(x / q) * q}: round half to even. */
  static double quantize(double value, double q) {
    return Math.rint(value / q) * q;
  }

  static boolean isMultiple(double value, double q) {
    double ratio = value / q;
    return Math.abs(ratio - Math.rint(ratio)) <= 1e-9 * Math.max(1.0, Math.abs(ratio));
  }

  /** An unmodifiable copy that, unlike List.copyOf, keeps null elements. */
  static List<Object> nonEmptyCopy(String primitive, Collection<?> values) {
    if (values == null || values.isEmpty()) {
      throw new IllegalArgumentException(
          primitive + ": needs at least one value, got " + (values == null ? "null" : "[]"));
    }
    return Collections.unmodifiableList(new ArrayList<Object>(values));
  }

  static double asDouble(Object value) {
    return value instanceof Number ? ((Number) value).doubleValue() : Double.NaN;
  }
}
