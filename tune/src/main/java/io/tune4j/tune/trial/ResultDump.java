package io.tune4j.tune.trial;

import java.util.Map;
import java.util.TreeMap;

/** Tune's verbose "Result for {@code <trial>}:" block: sorted keys, nested maps indented, no config. */
public final class ResultDump {
  private ResultDump() {}

  /** Formats {@code result} of trial {@code t} as Tune prints it with verbose 2 and 3. */
  public static String format(Trial t, Map<String, Object> result) {
    StringBuilder sb = new StringBuilder("Result for ").append(t.name()).append(":\n");
    append(sb, result, "  ", true);
    return sb.append('\n').toString();
  }

  /** RLlib's {@code pretty_print}: the result as indented YAML-like text without config. */
  public static String prettyPrint(Map<String, Object> result) {
    StringBuilder sb = new StringBuilder();
    append(sb, result, "", true);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Map<?, ?> m, String indent, boolean top) {
    Map<String, Object> sorted = new TreeMap<>();
    m.forEach((k, v) -> sorted.put(String.valueOf(k), v));
    for (Map.Entry<String, Object> e : sorted.entrySet()) {
      Object v = e.getValue();
      if (v == null || (top && e.getKey().equals("config"))) {
        continue;
      }
      if (v instanceof Map<?, ?> nested) {
        if (nested.isEmpty()) {
          sb.append(indent).append(e.getKey()).append(": {}\n");
        } else {
          sb.append(indent).append(e.getKey()).append(":\n");
          append(sb, nested, indent + "  ", false);
        }
      } else {
        sb.append(indent).append(e.getKey()).append(": ").append(scalar(v)).append('\n');
      }
    }
  }

  private static String scalar(Object v) {
    if (v instanceof Double d) {
      return d.isNaN() ? ".nan" : d.isInfinite() ? (d > 0 ? ".inf" : "-.inf") : d.toString();
    }
    if (v instanceof Boolean b) {
      return b ? "true" : "false";
    }
    return String.valueOf(v);
  }
}
