package io.tune4j.search;

/** Typed conversions behind the {@link Spec} helpers; errors name the path and the value. */
final class SpecValues {
  private SpecValues() {}

  static double toDouble(String path, Object value) {
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    throw wrongType(path, value, "a number");
  }

  static int toInt(String path, Object value) {
    if (value instanceof Number) {
      double d = ((Number) value).doubleValue();
      if (d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) {
        return (int) d;
      }
    }
    throw wrongType(path, value, "an integer");
  }

  static String toStr(String path, Object value) {
    if (value instanceof CharSequence) {
      return value.toString();
    }
    throw wrongType(path, value, "a string");
  }

  static boolean toBoolean(String path, Object value) {
    if (value instanceof Boolean) {
      return (Boolean) value;
    }
    throw wrongType(path, value, "a boolean");
  }

  private static SearchSpaceException wrongType(String path, Object value, String expected) {
    String type = value == null ? "null" : value.getClass().getSimpleName();
    return new SearchSpaceException(
        "'" + path + "' should be " + expected + ", got " + value + " (" + type + ")");
  }
}
