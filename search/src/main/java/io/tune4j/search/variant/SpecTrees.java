package io.tune4j.search.variant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Paths into config trees, and copying, reading and writing along them. */
final class SpecTrees {
  private SpecTrees() {}

  /**
   * Tune sorts variables by their path tuples. Components compare as ints when both are list
   * indices, as strings otherwise; Python cannot compare an int with a str, we put ints first. A
   * path that is a prefix of another sorts first.
   */
  static final Comparator<List<Object>> PATH_ORDER =
      (a, b) -> {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
          Object x = a.get(i);
          Object y = b.get(i);
          int c;
          if (x instanceof Integer && y instanceof Integer) {
            c = Integer.compare((Integer) x, (Integer) y);
          } else if (x instanceof Integer) {
            c = -1;
          } else if (y instanceof Integer) {
            c = 1;
          } else {
            c = String.valueOf(x).compareTo(String.valueOf(y));
          }
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.size(), b.size());
      };

  static String dotted(List<Object> path) {
    StringBuilder sb = new StringBuilder();
    for (Object part : path) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(part);
    }
    return sb.toString();
  }

  static List<Object> append(List<Object> path, Object part) {
    List<Object> out = new ArrayList<>(path.size() + 1);
    out.addAll(path);
    out.add(part);
    return List.copyOf(out);
  }

  /** Fresh LinkedHashMaps and ArrayLists all the way down; leaves are shared. */
  static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>(Math.max(4, map.size() * 2));
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(String.valueOf(e.getKey()), deepCopy(e.getValue()));
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object v : list) {
        out.add(deepCopy(v));
      }
      return out;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deepCopyMap(Map<String, ?> map) {
    return (Map<String, Object>) deepCopy(map);
  }

  static Object get(Map<String, Object> root, List<Object> path) {
    Object current = root;
    for (Object part : path) {
      current = step(current, part);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static void assign(Map<String, Object> root, List<Object> path, Object value) {
    Object parent = root;
    for (int i = 0; i < path.size() - 1; i++) {
      parent = step(parent, path.get(i));
    }
    Object last = path.get(path.size() - 1);
    if (parent instanceof Map<?, ?> map) {
      ((Map<Object, Object>) map).put(last, value);
    } else {
      ((List<Object>) parent).set((Integer) last, value);
    }
  }

  private static Object step(Object current, Object part) {
    if (current instanceof Map<?, ?> map) {
      return map.get(part);
    }
    return ((List<?>) current).get((Integer) part);
  }
}
