package io.tune4j.search;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * {@link Spec} over a map tree. Values still holding a {@link Domain} throw {@link
 * UnresolvedValueException} when reached; maps and lists are returned as read-only guarded views.
 */
final class MapSpec implements Spec {
  private final Map<String, ?> root;
  private final RandomGenerator random;

  MapSpec(Map<String, ?> root, RandomGenerator random) {
    this.root = root;
    this.random = random;
  }

  @Override
  public RandomGenerator random() {
    return random;
  }

  @Override
  public Object get(String dottedPath) {
    return guard(dottedPath, walk(dottedPath, true));
  }

  @Override
  public boolean has(String dottedPath) {
    try {
      walk(dottedPath, false);
      return true;
    } catch (SearchSpaceException | UnresolvedValueException e) {
      return false;
    }
  }

  /** Follows the path; unresolved containers on the way signal "not ready". */
  private Object walk(String dottedPath, boolean strict) {
    Object current = root;
    if (dottedPath == null || dottedPath.isEmpty()) {
      return current;
    }
    String[] parts = dottedPath.split("\\.", -1);
    StringBuilder at = new StringBuilder();
    for (String part : parts) {
      String here = at.length() == 0 ? "the spec root" : "'" + at + "'";
      if (Domain.asDomain(current) != null) {
        throw new UnresolvedValueException(at.toString());
      }
      if (current instanceof Map<?, ?> map) {
        if (!map.containsKey(part)) {
          throw new SearchSpaceException(
              "No value at '"
                  + dottedPath
                  + "': key '"
                  + part
                  + "' not found under "
                  + here
                  + " (keys there: "
                  + map.keySet()
                  + ")");
        }
        current = map.get(part);
      } else if (current instanceof List<?> list) {
        int index;
        try {
          index = Integer.parseInt(part);
        } catch (NumberFormatException e) {
          throw new SearchSpaceException(
              "No value at '"
                  + dottedPath
                  + "': "
                  + here
                  + " is a list, '"
                  + part
                  + "' is not an index");
        }
        if (index < 0 || index >= list.size()) {
          throw new SearchSpaceException(
              "No value at '"
                  + dottedPath
                  + "': index "
                  + index
                  + " out of range for the list of"
                  + " size "
                  + list.size()
                  + " at "
                  + here);
        }
        current = list.get(index);
      } else {
        String type = current == null ? "null" : current.getClass().getSimpleName();
        throw new SearchSpaceException(
            "No value at '"
                + dottedPath
                + "': "
                + here
                + " is "
                + current
                + " ("
                + type
                + "), not a map or list");
      }
      if (at.length() > 0) {
        at.append('.');
      }
      at.append(part);
    }
    if (strict && Domain.asDomain(current) != null) {
      throw new UnresolvedValueException(at.toString());
    }
    return current;
  }

  static Object guard(String path, Object value) {
    if (Domain.asDomain(value) != null) {
      throw new UnresolvedValueException(path);
    }
    if (value instanceof Map<?, ?> map) {
      return new GuardedMap(path, map);
    }
    if (value instanceof List<?> list) {
      return new GuardedList(path, list);
    }
    return value;
  }

  private static String child(String path, Object key) {
    return path.isEmpty() ? String.valueOf(key) : path + "." + key;
  }

  /** Read-only map view whose values are guarded on access. */
  private static final class GuardedMap extends AbstractMap<String, Object> {
    private final String path;
    private final Map<?, ?> map;

    GuardedMap(String path, Map<?, ?> map) {
      this.path = path;
      this.map = map;
    }

    @Override
    public Object get(Object key) {
      return map.containsKey(key) ? guard(child(path, key), map.get(key)) : null;
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          Iterator<? extends Entry<?, ?>> it = map.entrySet().iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return it.hasNext();
            }

            @Override
            public Entry<String, Object> next() {
              Entry<?, ?> e = it.next();
              String key = String.valueOf(e.getKey());
              return new SimpleImmutableEntry<>(key, guard(child(path, key), e.getValue()));
            }
          };
        }

        @Override
        public int size() {
          return map.size();
        }
      };
    }
  }

  /** Read-only list view whose elements are guarded on access. */
  private static final class GuardedList extends AbstractList<Object> {
    private final String path;
    private final List<?> list;

    GuardedList(String path, List<?> list) {
      this.path = path;
      this.list = list;
    }

    @Override
    public Object get(int index) {
      return guard(child(path, index), list.get(index));
    }

    @Override
    public int size() {
      return list.size();
    }
  }
}
