package io.tune4j.search.variant;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Python's text forms of values, so experiment tags read exactly as Tune's: {@code "{:.5}"} for
 * floats, {@code str()} and {@code repr()} for the rest.
 */
final class PyFormat {
  private PyFormat() {}

  /**
   * Python {@code "{:.5}".format(x)}: 5 significant digits, trailing zeros dropped, at least one
   * digit after a fixed point. CPython's rule for the omitted type with a precision: scientific
   * when the decimal exponent is below -4 or at least precision - 1 (room for the ".0"), so 1234.5
   * stays fixed but 12345.0 prints as 1.2345e+04.
   */
  static String formatG5(double x) {
    return general(x, 5, 4);
  }

  /**
   * Python {@code repr(float)}: the shortest digits that round-trip; scientific outside 1e-4..1e16.
   */
  static String reprFloat(double x) {
    if (!Double.isFinite(x) || x == 0) {
      return special(x);
    }
    for (int p = 1; p < 17; p++) {
      if (new BigDecimal(x).round(new MathContext(p, RoundingMode.HALF_EVEN)).doubleValue() == x) {
        return general(x, p, 16);
      }
    }
    return general(x, 17, 16);
  }

  private static String general(double x, int precision, int sciFrom) {
    if (!Double.isFinite(x) || x == 0) {
      return special(x);
    }
    BigDecimal rounded =
        new BigDecimal(x).round(new MathContext(precision, RoundingMode.HALF_EVEN));
    int exponent = rounded.precision() - rounded.scale() - 1;
    String digits = rounded.unscaledValue().abs().toString().replaceFirst("0+$", "");
    if (digits.isEmpty()) {
      digits = "0";
    }
    StringBuilder out = new StringBuilder(x < 0 ? "-" : "");
    if (exponent < -4 || exponent >= sciFrom) {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      int abs = Math.abs(exponent);
      out.append(exponent < 0 ? "e-" : "e+").append(abs < 10 ? "0" : "").append(abs);
    } else if (exponent >= 0) {
      if (digits.length() <= exponent + 1) {
        out.append(digits).append("0".repeat(exponent + 1 - digits.length())).append(".0");
      } else {
        out.append(digits, 0, exponent + 1).append('.').append(digits.substring(exponent + 1));
      }
    } else {
      out.append("0.").append("0".repeat(-exponent - 1)).append(digits);
    }
    return out.toString();
  }

  private static String special(double x) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    return (1 / x < 0) ? "-0.0" : "0.0";
  }

  /** Python {@code str(value)} for values as they appear in Java config trees. */
  static String str(Object value) {
    if (value instanceof CharSequence) {
      return value.toString();
    }
    return repr(value);
  }

  /** Python {@code repr(value)}: quoted strings, True/False/None, floats as Python prints them. */
  static String repr(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof Double || value instanceof Float) {
      return reprFloat(((Number) value).doubleValue());
    }
    if (value instanceof CharSequence) {
      String s = value.toString();
      return s.contains("'") && !s.contains("\"")
          ? "\"" + s + "\""
          : "'" + s.replace("'", "\\'") + "'";
    }
    if (value instanceof List<?> list) {
      StringBuilder sb = new StringBuilder("[");
      for (Object v : list) {
        sb.append(sb.length() > 1 ? ", " : "").append(repr(v));
      }
      return sb.append(']').toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder sb = new StringBuilder("{");
      for (Map.Entry<?, ?> e : map.entrySet()) {
        sb.append(sb.length() > 1 ? ", " : "");
        sb.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
      }
      return sb.append('}').toString();
    }
    return String.valueOf(value);
  }
}
