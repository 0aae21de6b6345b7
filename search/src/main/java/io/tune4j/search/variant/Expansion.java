package io.tune4j.search.variant;

import io.tune4j.search.GridSearch;
import io.tune4j.search.RecursiveDependencyException;
import io.tune4j.search.SampleFrom;
import io.tune4j.search.SearchSpaceException;
import io.tune4j.search.Spec;
import io.tune4j.search.UnresolvedValueException;
import io.tune4j.search.variant.SpaceScanner.Scan;
import io.tune4j.search.variant.SpaceScanner.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.random.RandomGenerator;

/**
 * Lazily expands one spec tree into resolved partial variants (Tune's {@code _generate_variants}):
 * for each grid point (first sorted grid variable fastest), resolve every sampled value to a fixed
 * point, then expand again whatever that exposed (domains inside grid values or returned by {@code
 * sample_from}).
 */
final class Expansion implements Iterator<Expansion.Partial> {
  /** Deepest nesting of domains-producing-domains before giving up. */
  static final int MAX_DEPTH = 20;

  /** A fully resolved spec and the variables chosen for it (unsorted). */
  record Partial(Map<String, Object> spec, Map<List<Object>, Object> vars) {}

  private final Map<String, Object> root;
  private final Scan scan;
  private final int depth;
  private final RandomGenerator random;
  private final long gridSize;
  private long nextGridPoint;
  private Iterator<Partial> inner;
  private Map<List<Object>, Object> outerVars;
  private Partial pending;

  /**
   * Prepares the expansion; nothing is computed until iterated.
   *
   * @param root the spec; never modified (each grid point works on a deep copy)
   * @param scan the unresolved values of {@code root}
   */
  Expansion(Map<String, Object> root, Scan scan, int depth, RandomGenerator random) {
    this.root = root;
    this.scan = scan;
    this.depth = depth;
    this.random = random;
    this.gridSize = scan.gridSize();
  }

  @Override
  public boolean hasNext() {
    while (pending == null) {
      if (inner != null && inner.hasNext()) {
        pending = combine(inner.next());
      } else if (nextGridPoint < gridSize) {
        startGridPoint(nextGridPoint++);
      } else {
        return false;
      }
    }
    return true;
  }

  @Override
  public Partial next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Partial out = pending;
    pending = null;
    return out;
  }

  private void startGridPoint(long point) {
    Map<String, Object> spec = SpecTrees.deepCopyMap(root);
    long rest = point;
    for (Var grid : scan.grids()) {
      List<Object> values = ((GridSearch) grid.domain()).values();
      int index = (int) (rest % values.size());
      rest /= values.size();
      SpecTrees.assign(spec, grid.path(), SpecTrees.deepCopy(values.get(index)));
    }
    outerVars = resolveSamplers(spec, scan.samplers(), random);
    Scan nested = SpaceScanner.scan(spec);
    if (nested.isEmpty()) {
      inner = List.of(new Partial(spec, Map.of())).iterator();
    } else if (depth + 1 >= MAX_DEPTH) {
      throw new SearchSpaceException(
          "Search space nests domains more than "
              + MAX_DEPTH
              + " levels deep; still unresolved: "
              + nested.grids()
              + nested.samplers());
    } else {
      inner = new Expansion(spec, nested, depth + 1, random);
    }
  }

  private Partial combine(Partial sub) {
    Map<List<Object>, Object> vars = new HashMap<>();
    for (List<Object> path : outerVars.keySet()) {
      vars.put(path, SpecTrees.get(sub.spec(), path));
    }
    for (Var grid : scan.grids()) {
      vars.put(grid.path(), SpecTrees.get(sub.spec(), grid.path()));
    }
    vars.putAll(sub.vars());
    return new Partial(sub.spec(), vars);
  }

  /**
   * Resolves sampled values in passes until none is left (Tune's {@code _resolve_lambda_vars}).
   * Tune caps this at 20 passes; we stop when a pass makes no progress, which resolves every
   * acyclic chain and fails exactly on cycles.
   *
   * @return path to the value assigned
   */
  static Map<List<Object>, Object> resolveSamplers(
      Map<String, Object> spec, List<Var> samplers, RandomGenerator random) {
    Map<List<Object>, Object> resolved = new HashMap<>();
    if (samplers.isEmpty()) {
      return resolved;
    }
    Spec view = Spec.of(spec, random);
    List<Var> pendingVars = new ArrayList<>(samplers);
    while (!pendingVars.isEmpty()) {
      Map<Var, String> blocked = new LinkedHashMap<>();
      boolean progress = false;
      for (Iterator<Var> it = pendingVars.iterator(); it.hasNext(); ) {
        Var var = it.next();
        Object value;
        try {
          value = SpecTrees.deepCopy(var.domain().sample(view, random));
        } catch (UnresolvedValueException e) {
          blocked.put(var, e.path());
          continue;
        } catch (RuntimeException e) {
          throw new SearchSpaceException(
              "Failed to evaluate " + describe(var) + ": " + e.getMessage(), e);
        }
        SpecTrees.assign(spec, var.path(), value);
        resolved.put(var.path(), value);
        it.remove();
        progress = true;
      }
      if (!progress) {
        throw dependencyError(blocked);
      }
    }
    return resolved;
  }

  private static String describe(Var var) {
    String what = var.domain() instanceof SampleFrom ? "sample_from" : var.domain().toString();
    return what + " at '" + var.dotted() + "'";
  }

  private static RecursiveDependencyException dependencyError(Map<Var, String> blocked) {
    Map<String, String> reads = new LinkedHashMap<>();
    blocked.forEach((var, path) -> reads.put(var.dotted(), path));
    List<String> cycle = findCycle(reads);
    StringBuilder msg = new StringBuilder();
    if (cycle != null) {
      msg.append("Recursive dependency between sample_from values: ")
          .append(String.join(" -> ", cycle))
          .append(". ");
    } else {
      msg.append(
          "Cannot resolve sample_from values: they read values that are not resolved at"
              + " this stage (values inside a grid_search or choice, or returned by another"
              + " sample_from, are resolved only after their parent). ");
    }
    StringBuilder each = new StringBuilder();
    reads.forEach(
        (path, read) ->
            each.append(each.length() == 0 ? "" : ", ")
                .append(path)
                .append(" reads ")
                .append(read));
    msg.append("Unresolved: ").append(each);
    return new RecursiveDependencyException(msg.toString(), new ArrayList<>(reads.keySet()));
  }

  private static List<String> findCycle(Map<String, String> reads) {
    for (String start : reads.keySet()) {
      List<String> chain = new ArrayList<>();
      String current = start;
      while (current != null && !chain.contains(current)) {
        chain.add(current);
        current = reads.get(current);
      }
      if (current != null) {
        List<String> cycle = new ArrayList<>(chain.subList(chain.indexOf(current), chain.size()));
        cycle.add(current);
        return cycle;
      }
    }
    return null;
  }
}
