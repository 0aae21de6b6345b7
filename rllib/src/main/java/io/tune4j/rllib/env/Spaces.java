package io.tune4j.rllib.env;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON (de)serialization of {@link Space}s, used by checkpoints and the PolicyServer.
 *
 * <p>Format: {@code {"type":"Discrete","n":2}}, {@code
 * {"type":"Box","shape":[2],"dtype":"float32","low":[..],"high":[..]}}, {@code
 * {"type":"MultiDiscrete","nvec":[..]}}, {@code {"type":"MultiBinary","n":3}}, {@code
 * {"type":"Tuple","spaces":[..]}}, {@code {"type":"Dict","spaces":{"key":..}}}. Infinite and NaN
 * bounds are written as the strings {@code "Infinity"}, {@code "-Infinity"} and {@code "NaN"}.
 *
 * <p>{@code Space s = Spaces.fromJson(Spaces.toJson(new Discrete(2)));}
 */
public final class Spaces {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Spaces() {}

  /**
   * Writes a space as JSON.
   *
   * @param space the space
   * @return its JSON text
   * @throws IllegalArgumentException for a space type this class does not know
   */
  public static String toJson(Space space) {
    try {
      return MAPPER.writeValueAsString(toMap(space));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + space + " as JSON", e);
    }
  }

  /**
   * Reads a space from JSON written by {@link #toJson(Space)}.
   *
   * @param json the JSON text
   * @return the space
   * @throws IllegalArgumentException if the text is not valid JSON or not a space; the message
   *     names the offending field
   */
  public static Space fromJson(String json) {
    Map<String, Object> map;
    try {
      map = MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "space JSON: not a JSON object: " + e.getOriginalMessage(), e);
    }
    return fromMap(map);
  }

  /**
   * Converts a space to plain maps, lists, strings and numbers (JSON-ready).
   *
   * @param space the space
   * @return a new mutable map
   * @throws IllegalArgumentException for a space type this class does not know
   */
  public static Map<String, Object> toMap(Space space) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (space instanceof Discrete d) {
      m.put("type", "Discrete");
      m.put("n", d.n());
    } else if (space instanceof Box b) {
      m.put("type", "Box");
      m.put("shape", ints(b.shape()));
      m.put("dtype", b.dtype().numpyName());
      m.put("low", doubles(b.low()));
      m.put("high", doubles(b.high()));
    } else if (space instanceof MultiDiscrete md) {
      m.put("type", "MultiDiscrete");
      m.put("nvec", ints(md.nvec()));
    } else if (space instanceof MultiBinary mb) {
      m.put("type", "MultiBinary");
      m.put("n", mb.n());
    } else if (space instanceof Tuple t) {
      m.put("type", "Tuple");
      List<Object> subs = new ArrayList<>();
      for (Space s : t.spaces()) {
        subs.add(toMap(s));
      }
      m.put("spaces", subs);
    } else if (space instanceof Dict d) {
      m.put("type", "Dict");
      Map<String, Object> subs = new LinkedHashMap<>();
      for (Map.Entry<String, Space> e : d.spaces().entrySet()) {
        subs.put(e.getKey(), toMap(e.getValue()));
      }
      m.put("spaces", subs);
    } else {
      throw new IllegalArgumentException(
          "Spaces.toMap: unsupported space type "
              + (space == null ? "null" : space.getClass().getName()));
    }
    return m;
  }

  /**
   * Converts a map produced by {@link #toMap(Space)} (or parsed JSON) back into a space.
   *
   * @param map the map
   * @return the space
   * @throws IllegalArgumentException naming the field path and value when the map is malformed
   */
  public static Space fromMap(Map<String, ?> map) {
    return fromMap(map, "space");
  }

  private static Space fromMap(Object obj, String path) {
    if (!(obj instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(path + ": expected a JSON object, got " + describe(obj));
    }
    Object type = map.get("type");
    if (!(type instanceof String t)) {
      throw new IllegalArgumentException(
          path + ".type: expected a space type name, got " + describe(type));
    }
    switch (t) {
      case "Discrete":
        return new Discrete(intValue(map.get("n"), path + ".n"));
      case "MultiBinary":
        return new MultiBinary(intValue(map.get("n"), path + ".n"));
      case "MultiDiscrete":
        return new MultiDiscrete(intArray(map.get("nvec"), path + ".nvec"));
      case "Box":
        {
          Object dt = map.get("dtype");
          Box.Dtype dtype =
              dt == null ? Box.Dtype.FLOAT32 : Box.Dtype.fromNumpyName(String.valueOf(dt));
          double[] low = doubleArray(map.get("low"), path + ".low");
          double[] high = doubleArray(map.get("high"), path + ".high");
          int[] shape =
              map.containsKey("shape") ? intArray(map.get("shape"), path + ".shape") : new int[0];
          try {
            return new Box(low, high, dtype, shape);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
          }
        }
      case "Tuple":
        {
          if (!(map.get("spaces") instanceof List<?> list)) {
            throw new IllegalArgumentException(
                path + ".spaces: expected a list of spaces, got " + describe(map.get("spaces")));
          }
          List<Space> subs = new ArrayList<>();
          for (int i = 0; i < list.size(); i++) {
            subs.add(fromMap(list.get(i), path + ".spaces[" + i + "]"));
          }
          return new Tuple(subs);
        }
      case "Dict":
        {
          if (!(map.get("spaces") instanceof Map<?, ?> subMap)) {
            throw new IllegalArgumentException(
                path + ".spaces: expected an object of spaces, got " + describe(map.get("spaces")));
          }
          Map<String, Space> subs = new LinkedHashMap<>();
          for (Map.Entry<?, ?> e : subMap.entrySet()) {
            String key = String.valueOf(e.getKey());
            subs.put(key, fromMap(e.getValue(), path + ".spaces." + key));
          }
          return new Dict(subs);
        }
      default:
        throw new IllegalArgumentException(
            path
                + ".type: unknown space type \""
                + t
                + "\" (expected Discrete, Box, MultiDiscrete, MultiBinary, Tuple or Dict)");
    }
  }

  private static List<Object> ints(int[] a) {
    List<Object> l = new ArrayList<>(a.length);
    for (int v : a) {
      l.add(v);
    }
    return l;
  }

  private static List<Object> doubles(double[] a) {
    List<Object> l = new ArrayList<>(a.length);
    for (double v : a) {
      if (Double.isNaN(v)) {
        l.add("NaN");
      } else if (Double.isInfinite(v)) {
        l.add(v > 0 ? "Infinity" : "-Infinity");
      } else {
        l.add(v);
      }
    }
    return l;
  }

  private static int intValue(Object v, String path) {
    if (v instanceof Number n
        && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    throw new IllegalArgumentException(path + ": expected an integer, got " + describe(v));
  }

  private static int[] intArray(Object v, String path) {
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException(
          path + ": expected a list of integers, got " + describe(v));
    }
    int[] a = new int[list.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = intValue(list.get(i), path + "[" + i + "]");
    }
    return a;
  }

  private static double[] doubleArray(Object v, String path) {
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException(path + ": expected a list of numbers, got " + describe(v));
    }
    double[] a = new double[list.size()];
    for (int i = 0; i < a.length; i++) {
      Object e = list.get(i);
      if (e instanceof Number n) {
        a[i] = n.doubleValue();
      } else if ("Infinity".equals(e) || "inf".equals(e)) {
        a[i] = Double.POSITIVE_INFINITY;
      } else if ("-Infinity".equals(e) || "-inf".equals(e)) {
        a[i] = Double.NEGATIVE_INFINITY;
      } else if ("NaN".equals(e)) {
        a[i] = Double.NaN;
      } else {
        throw new IllegalArgumentException(
            path + "[" + i + "]: expected a number, got " + describe(e));
      }
    }
    return a;
  }

  private static String describe(Object v) {
    if (v == null) {
      return "null";
    }
    String s = v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
    if (s.length() > 80) {
      s = s.substring(0, 77) + "...";
    }
    return s + " (" + v.getClass().getSimpleName() + ")";
  }
}
