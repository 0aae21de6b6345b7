package io.tune4j.viewer.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Escaping and number formatting for the pages. */
final class Html {
  private Html() {}

  /** Escapes text for element content and quoted attribute values. */
  static String esc(Object o) {
    String s = String.valueOf(o);
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Encodes one URL path segment or query value. */
  static String url(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A number as a person reads it: integers plainly, others to 4 significant digits; NaN as a dash. */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    double a = Math.abs(v);
    if (a >= 1e6 || a < 1e-3) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    String s = String.format(Locale.ROOT, "%.4g", v);
    if (s.contains(".") && !s.contains("e")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }

  /** A config or result value: numbers via {@link #num}, others as text. */
  static String value(Object v) {
    if (v instanceof Double || v instanceof Float) {
      return num(((Number) v).doubleValue());
    }
    return v == null ? "null" : String.valueOf(v);
  }

  /** The raw value a sortable cell carries in {@code data-v}. */
  static String sortKey(Object v) {
    return v instanceof Number n ? String.valueOf(n.doubleValue()) : v == null ? "" : String.valueOf(v);
  }
}
