package io.tune4j.rllib.serving;

import com.fasterxml.jackson.databind.JsonNode;
import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Dict;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.env.MultiBinary;
import io.tune4j.rllib.env.MultiDiscrete;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.env.Tuple;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Observations and actions in JSON: a Discrete value is an integer, a Box value an array of
 * numbers (nested arrays are flattened row-major), MultiDiscrete and MultiBinary values arrays of
 * integers, a Tuple value an array of its components, a Dict value an object.
 */
public final class JsonValues {
  private JsonValues() {}

  /** A bad value, blamed on a request field. */
  public static final class BadValue extends IllegalArgumentException {
    private final String field;

    BadValue(String field, String message) {
      super(message);
      this.field = field;
    }

    /** The request field. */
    public String field() {
      return field;
    }
  }

  /**
   * The space value {@code node} stands for.
   *
   * @param field the request field, named in errors (e.g. {@code observation})
   * @throws BadValue when the JSON has the wrong type or shape for the space
   */
  public static Object read(Space space, JsonNode node, String field) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      throw new BadValue(field, "missing field '" + field + "'");
    }
    if (space instanceof Discrete) {
      if (!node.isIntegralNumber()) {
        throw new BadValue(field, "'" + field + "' must be an integer for " + space + ", got " + node);
      }
      return node.intValue();
    }
    if (space instanceof Box box) {
      List<Double> flat = new ArrayList<>();
      flatten(node, flat, field, space);
      double[] out = new double[flat.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = flat.get(i);
      }
      if (out.length != box.flatSize()) {
        throw new BadValue(field, "'" + field + "' has " + out.length + " numbers; " + space + " needs "
            + box.flatSize());
      }
      return out;
    }
    if (space instanceof MultiDiscrete || space instanceof MultiBinary) {
      if (!node.isArray()) {
        throw new BadValue(field, "'" + field + "' must be an array of integers for " + space + ", got " + node);
      }
      int[] out = new int[node.size()];
      for (int i = 0; i < out.length; i++) {
        if (!node.get(i).isIntegralNumber()) {
          throw new BadValue(field, "'" + field + "[" + i + "]' must be an integer, got " + node.get(i));
        }
        out[i] = node.get(i).intValue();
      }
      return out;
    }
    if (space instanceof Tuple t) {
      if (!node.isArray() || node.size() != t.spaces().size()) {
        throw new BadValue(field, "'" + field + "' must be an array of " + t.spaces().size() + " values for "
            + space + ", got " + node);
      }
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        out.add(read(t.spaces().get(i), node.get(i), field + "[" + i + "]"));
      }
      return out;
    }
    if (space instanceof Dict d) {
      if (!node.isObject()) {
        throw new BadValue(field, "'" + field + "' must be an object for " + space + ", got " + node);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<String, Space> e : d.spaces().entrySet()) {
        out.put(e.getKey(), read(e.getValue(), node.get(e.getKey()), field + "." + e.getKey()));
      }
      return out;
    }
    throw new BadValue(field, "unsupported space " + space);
  }

  private static void flatten(JsonNode node, List<Double> out, String field, Space space) {
    if (node.isNumber()) {
      out.add(node.doubleValue());
    } else if (node.isArray()) {
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        JsonNode n = it.next();
        if (!n.isNumber() && !n.isArray()) {
          throw new BadValue(field, "'" + field + "' must hold only numbers for " + space + ", got " + n);
        }
        flatten(n, out, field, space);
      }
    } else {
      throw new BadValue(field, "'" + field + "' must be an array of numbers for " + space + ", got " + node);
    }
  }
}
