package io.tune4j.tune.util;

import java.math.BigDecimal;
import java.math.MathContext;

/** Python's number formatting where Tune's output depends on it ({@code format(x, '.3g')}). */
public final class PyFormat {
  private PyFormat() {}

  /** Python's {@code format(v, '.<p>g')}. */
  public static String g(double v, int p) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return (1 / v < 0) ? "-0" : "0";
    }
    BigDecimal rounded = new BigDecimal(v).round(new MathContext(p));
    int exp = rounded.precision() - rounded.scale() - 1;
    String s;
    if (exp >= -4 && exp < p) {
      s = rounded.setScale(Math.max(0, p - 1 - exp), java.math.RoundingMode.HALF_EVEN).toPlainString();
      s = stripZeros(s);
    } else {
      BigDecimal mant = rounded.movePointLeft(exp);
      String m = stripZeros(mant.setScale(p - 1, java.math.RoundingMode.HALF_EVEN).toPlainString());
      s = m + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    return s;
  }

  private static String stripZeros(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }
}
