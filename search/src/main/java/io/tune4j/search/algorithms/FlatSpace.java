package io.tune4j.search.algorithms;

import io.tune4j.search.Domain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A search space flattened onto the unit cube for {@link ModelSearcher}: the {@link Domain} leaves
 * of a config tree as {@link Dimension}s ordered by path (so results do not depend on the
 * iteration order of the maps), and the conversions between configs, per-dimension values and
 * unit-cube points. The rest of the tree is a template of constants copied into every config.
 */
final class FlatSpace {
  private final Map<String, Object> template;
  final List<Dimension> dims;

  private FlatSpace(Map<String, Object> template, List<Dimension> dims) {
    this.template = template;
    this.dims = dims;
  }

  /**
   * Flattens a config tree.
   *
   * @throws IllegalArgumentException naming the path of a domain no model can search
   */
  static FlatSpace of(Map<String, Object> space, String searcher) {
    List<Object[]> leaves = new ArrayList<>();
    collectDomains(space, List.of(), leaves);
    // Sorted by path, so the model's dimension order (and thus every seeded draw) does not depend
    // on the iteration order of the user's maps.
    leaves.sort((a, b) -> comparePaths((List<?>) a[0], (List<?>) b[0]));
    List<Dimension> out = new ArrayList<>();
    for (Object[] leaf : leaves) {
      @SuppressWarnings("unchecked")
      List<Object> path = (List<Object>) leaf[0];
      out.add(Dimension.of(path, (String) leaf[1], (Domain) leaf[2], searcher));
    }
    return new FlatSpace(deepCopyMap(space), out);
  }

  /** The dotted paths of a config's domain leaves, in traversal order. */
  static List<String> domainPaths(Map<String, Object> config) {
    List<Object[]> leaves = new ArrayList<>();
    collectDomains(config, List.of(), leaves);
    List<String> paths = new ArrayList<>();
    leaves.forEach(leaf -> paths.add((String) leaf[1]));
    return paths;
  }

  /** The dotted paths of the dimensions, in model order. */
  List<String> names() {
    List<String> names = new ArrayList<>();
    dims.forEach(d -> names.add(d.name));
    return names;
  }

  /**
   * The values of a (possibly partial) config for each dimension; missing ones are drawn from
   * {@code random}, or are an error if {@code complete}.
   */
  Object[] pointValues(Map<String, Object> point, SplittableRandom random, boolean complete) {
    Object[] values = new Object[dims.size()];
    for (int i = 0; i < values.length; i++) {
      Dimension d = dims.get(i);
      Object[] found = lookup(point, d);
      if (found == null) {
        if (complete || random == null) {
          throw new IllegalArgumentException(
              "evaluated point " + point + " has no value for '" + d.name + "'");
        }
        values[i] = d.decode(random.nextDouble());
        continue;
      }
      Object value = found[0];
      double u = d.encode(value);
      if (Double.isNaN(u)) {
        throw new IllegalArgumentException(
            "point "
                + point
                + ": '"
                + d.name
                + "'="
                + value
                + " is not a value of "
                + d.domain);
      }
      values[i] = d.discrete() && !d.categorical ? d.decode(u) : value;
    }
    return values;
  }

  /** The values at a unit-cube point. */
  Object[] decode(double[] u) {
    Object[] values = new Object[dims.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = dims.get(i).decode(u[i]);
    }
    return values;
  }

  /** A uniform random point of the unit cube. */
  double[] randomPoint(SplittableRandom random) {
    double[] u = new double[dims.size()];
    for (int i = 0; i < u.length; i++) {
      u[i] = random.nextDouble();
    }
    return u;
  }

  /** The unit-cube point of the values. */
  double[] encode(Object[] values) {
    double[] x = new double[values.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = dims.get(i).encode(values[i]);
    }
    return x;
  }

  /** The config: {@code extraConstants} overlaid with the template holding the values. */
  @SuppressWarnings("unchecked")
  Map<String, Object> buildConfig(Object[] values, Map<String, Object> extraConstants) {
    Map<String, Object> config = deepCopyMap(extraConstants);
    Map<String, Object> own = deepCopyMap(template);
    for (int i = 0; i < values.length; i++) {
      List<Object> path = dims.get(i).path;
      Object parent = own;
      for (int j = 0; j < path.size() - 1; j++) {
        parent =
            parent instanceof Map<?, ?> m
                ? m.get(String.valueOf(path.get(j)))
                : ((List<?>) parent).get((Integer) path.get(j));
      }
      Object last = path.get(path.size() - 1);
      if (parent instanceof Map<?, ?> m) {
        ((Map<String, Object>) m).put(String.valueOf(last), values[i]);
      } else {
        ((List<Object>) parent).set((Integer) last, values[i]);
      }
    }
    merge(config, own);
    return config;
  }

  /** Finds a dimension's value in a nested config, or under its dotted name; null if absent. */
  private static Object[] lookup(Map<String, Object> point, Dimension d) {
    Object current = point;
    boolean found = true;
    for (Object part : d.path) {
      if (current instanceof Map<?, ?> map && map.containsKey(String.valueOf(part))) {
        current = map.get(String.valueOf(part));
      } else if (current instanceof List<?> list
          && part instanceof Integer index
          && index < list.size()) {
        current = list.get(index);
      } else {
        found = false;
        break;
      }
    }
    if (found && Domain.asDomain(current) == null) {
      return new Object[] {current};
    }
    if (point.containsKey(d.name)) {
      return new Object[] {point.get(d.name)};
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> into, Map<String, Object> from) {
    for (Map.Entry<String, Object> e : from.entrySet()) {
      Object existing = into.get(e.getKey());
      if (existing instanceof Map<?, ?> a && e.getValue() instanceof Map<?, ?> b) {
        merge((Map<String, Object>) a, (Map<String, Object>) b);
      } else {
        into.put(e.getKey(), e.getValue());
      }
    }
  }

  /** Collects {path, dotted name, domain} for every domain leaf, in traversal order. */
  private static void collectDomains(Object value, List<Object> path, List<Object[]> out) {
    if (!path.isEmpty()) {
      Domain domain = Domain.asDomain(value);
      if (domain != null) {
        StringBuilder name = new StringBuilder();
        for (Object part : path) {
          name.append(name.length() == 0 ? "" : ".").append(part);
        }
        out.add(new Object[] {path, name.toString(), domain});
        return;
      }
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        collectDomains(e.getValue(), append(path, String.valueOf(e.getKey())), out);
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collectDomains(list.get(i), append(path, i), out);
      }
    }
  }

  /** Tune's path order: list indices numerically and before keys, keys as strings. */
  private static int comparePaths(List<?> a, List<?> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      int c;
      if (x instanceof Integer p && y instanceof Integer q) {
        c = Integer.compare(p, q);
      } else if (x instanceof Integer || y instanceof Integer) {
        c = x instanceof Integer ? -1 : 1;
      } else {
        c = String.valueOf(x).compareTo(String.valueOf(y));
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static List<Object> append(List<Object> path, Object part) {
    List<Object> out = new ArrayList<>(path);
    out.add(part);
    return Collections.unmodifiableList(out);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deepCopyMap(Map<String, ?> map) {
    return (Map<String, Object>) deepCopy(map);
  }

  private static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), deepCopy(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(deepCopy(v)));
      return out;
    }
    return value;
  }
}
