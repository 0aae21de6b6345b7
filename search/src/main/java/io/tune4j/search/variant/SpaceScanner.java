package io.tune4j.search.variant;

import io.tune4j.search.Domain;
import io.tune4j.search.GridSearch;
import io.tune4j.search.SearchSpaceException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Finds the unresolved values of a spec tree (Tune's {@code _unresolved_values}). */
final class SpaceScanner {
  private SpaceScanner() {}

  /** One unresolved value and where it sits. */
  record Var(List<Object> path, String dotted, Domain domain) {}

  /**
   * The unresolved values of a tree.
   *
   * @param grids grid searches, sorted by path (the first varies fastest)
   * @param samplers every other domain, in the tree's traversal order (the resolution order)
   */
  record Scan(List<Var> grids, List<Var> samplers) {
    boolean isEmpty() {
      return grids.isEmpty() && samplers.isEmpty();
    }

    /** The number of grid points, saturating at Long.MAX_VALUE. */
    long gridSize() {
      long size = 1;
      for (Var grid : grids) {
        int n = ((GridSearch) grid.domain()).values().size();
        size = size > Long.MAX_VALUE / n ? Long.MAX_VALUE : size * n;
      }
      return size;
    }
  }

  static Scan scan(Map<String, Object> root) {
    List<Var> grids = new ArrayList<>();
    List<Var> samplers = new ArrayList<>();
    walk(root, List.of(), grids, samplers);
    grids.sort((a, b) -> SpecTrees.PATH_ORDER.compare(a.path(), b.path()));
    return new Scan(Collections.unmodifiableList(grids), Collections.unmodifiableList(samplers));
  }

  private static void walk(Object value, List<Object> path, List<Var> grids, List<Var> samplers) {
    if (!path.isEmpty()) {
      Domain domain;
      try {
        domain = Domain.asDomain(value);
      } catch (SearchSpaceException e) {
        throw new SearchSpaceException("At '" + SpecTrees.dotted(path) + "': " + e.getMessage(), e);
      }
      if (domain != null) {
        Var var = new Var(path, SpecTrees.dotted(path), domain);
        (domain.isGrid() ? grids : samplers).add(var);
        return;
      }
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        walk(e.getValue(), SpecTrees.append(path, String.valueOf(e.getKey())), grids, samplers);
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), SpecTrees.append(path, i), grids, samplers);
      }
    }
  }
}
