package io.tune4j.tune.logger;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Formats {@code progress.csv} cells the way Python's {@code csv} module writes Tune's values (RFC
 * 4180 quoting, {@code nan}, {@code True}/{@code False}) and parses a header line back.
 */
final class CsvCells {

  private CsvCells() {}

  /** Appends {@code value} as one cell, quoted when needed. */
  static void append(StringBuilder sb, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof Double d) {
      appendDouble(sb, d);
    } else if (value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof Byte) {
      sb.append(((Number) value).longValue());
    } else if (value instanceof Float f) {
      if (Float.isFinite(f)) {
        sb.append(NumberOutput.toString(f, true));
      } else {
        appendDouble(sb, f.doubleValue());
      }
    } else if (value instanceof Boolean b) {
      sb.append(b ? "True" : "False");
    } else if (value instanceof String s) {
      appendText(sb, s);
    } else if (value instanceof Iterable<?>
        || value instanceof Map<?, ?>
        || value.getClass().isArray() && !(value instanceof char[])) {
      appendText(sb, JsonText.toJson(value));
    } else if (value instanceof char[] cs) {
      appendText(sb, new String(cs));
    } else if (value instanceof Number n
        && !(value instanceof java.math.BigDecimal)
        && !(value instanceof java.math.BigInteger)) {
      appendDouble(sb, n.doubleValue());
    } else {
      appendText(sb, JsonText.safeToString(value));
    }
  }

  private static void appendDouble(StringBuilder sb, double d) {
    if (Double.isNaN(d)) {
      sb.append("nan");
    } else if (Double.isInfinite(d)) {
      sb.append(d > 0 ? "inf" : "-inf");
    } else {
      sb.append(NumberOutput.toString(d, true));
    }
  }

  /** Appends {@code s}, in double quotes with quotes doubled when it holds , " CR or LF. */
  static void appendText(StringBuilder sb, String s) {
    boolean quote = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      sb.append(s);
      return;
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        sb.append('"');
      }
      sb.append(c);
    }
    sb.append('"');
  }

  /**
   * Parses the first record of {@code text} (RFC 4180; fields may hold quoted line breaks).
   *
   * @return the fields, or null when the text holds no complete record
   */
  static List<String> parseFirstRecord(CharSequence text) {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(cur.toString());
        cur.setLength(0);
      } else if (c == '\r' || c == '\n') {
        fields.add(cur.toString());
        return fields;
      } else {
        cur.append(c);
      }
    }
    return null;
  }
}
