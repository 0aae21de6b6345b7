package io.tune4j.schedulers;

import io.tune4j.search.Mode;
import io.tune4j.search.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds schedulers by name from snake_case settings, as the CLI's {@code --scheduler NAME
 * --scheduler-config JSON} does (Tune 2.x's {@code create_scheduler}). Names are matched ignoring
 * case, {@code _} and {@code -}: {@code FIFO}; {@code MedianStopping} / {@code MedianStoppingRule};
 * {@code HyperBand}; {@code AsyncHyperBand} / {@code ASHA}; {@code PBT} / {@code
 * PopulationBasedTraining}; {@code PB2}. Keys are Tune's constructor arguments. In {@code
 * hyperparam_mutations} a value is a list of candidates, {@code {"uniform": [lo, hi]}}, {@code
 * {"loguniform": [lo, hi]}}, {@code {"randint": [lo, hi]}}, or a nested map of these; PB2's {@code
 * hyperparam_bounds} maps keys to {@code [lo, hi]}.
 *
 * <pre>{@code
 * TrialScheduler s = Schedulers.create("ASHA", Map.of("metric", "loss", "mode", "min", "max_t", 50));
 * }</pre>
 */
public final class Schedulers {
  private static final Map<String, List<String>> KEYS = new LinkedHashMap<>();
  private static final List<String> NAMES =
      List.of("FIFO", "MedianStopping", "HyperBand", "AsyncHyperBand", "ASHA", "PBT", "PB2");

  static {
    KEYS.put("fifo", List.of());
    KEYS.put(
        "medianstopping",
        List.of("time_attr", "metric", "mode", "grace_period", "min_samples_required", "hard_stop"));
    KEYS.put("hyperband", List.of("time_attr", "metric", "mode", "max_t", "reduction_factor"));
    KEYS.put(
        "asynchyperband",
        List.of(
            "time_attr", "metric", "mode", "max_t", "grace_period", "reduction_factor", "brackets",
            "seed"));
    KEYS.put(
        "pbt",
        List.of(
            "time_attr", "metric", "mode", "perturbation_interval", "hyperparam_mutations",
            "quantile_fraction", "resample_probability", "seed"));
    KEYS.put(
        "pb2",
        List.of(
            "time_attr", "metric", "mode", "perturbation_interval", "hyperparam_bounds",
            "quantile_fraction", "seed"));
  }

  private Schedulers() {}

  /**
   * Creates a scheduler.
   *
   * @param name the scheduler name, e.g. {@code "AsyncHyperBand"}
   * @param config snake_case settings; null or empty for the defaults
   * @return the scheduler
   * @throws IllegalArgumentException naming an unknown scheduler (and the valid names), an unknown
   *     key (and the valid keys), or a key whose value has the wrong type or range
   */
  public static TrialScheduler create(String name, Map<String, Object> config) {
    String kind = canonical(name);
    Map<String, Object> c = config == null ? Map.of() : config;
    List<String> valid = KEYS.get(kind);
    for (String key : c.keySet()) {
      if (!valid.contains(key)) {
        throw new IllegalArgumentException(
            "unknown key '" + key + "' for scheduler " + name + "; valid keys: " + valid);
      }
    }
    Reader r = new Reader(c);
    switch (kind) {
      case "fifo":
        return new FifoScheduler();
      case "medianstopping": {
        MedianStoppingRule.Builder b = MedianStoppingRule.builder();
        r.str("time_attr", b::timeAttr);
        r.str("metric", b::metric);
        r.mode(b::mode);
        r.num("grace_period", b::gracePeriod);
        r.integer("min_samples_required", v -> b.minSamplesRequired((int) v));
        r.bool("hard_stop", b::hardStop);
        return b.build();
      }
      case "hyperband": {
        HyperBandScheduler.Builder b = HyperBandScheduler.builder();
        r.str("time_attr", b::timeAttr);
        r.str("metric", b::metric);
        r.mode(b::mode);
        r.num("max_t", b::maxT);
        r.num("reduction_factor", b::reductionFactor);
        return b.build();
      }
      case "asynchyperband": {
        AsyncHyperBandScheduler.Builder b = AsyncHyperBandScheduler.builder();
        r.str("time_attr", b::timeAttr);
        r.str("metric", b::metric);
        r.mode(b::mode);
        r.num("max_t", b::maxT);
        r.num("grace_period", b::gracePeriod);
        r.num("reduction_factor", b::reductionFactor);
        r.integer("brackets", v -> b.brackets((int) v));
        r.integer("seed", b::seed);
        return b.build();
      }
      case "pbt": {
        PopulationBasedTraining.Builder b = PopulationBasedTraining.builder();
        r.str("time_attr", b::timeAttr);
        r.str("metric", b::metric);
        r.mode(b::mode);
        r.num("perturbation_interval", b::perturbationInterval);
        if (c.containsKey("hyperparam_mutations")) {
          b.hyperparamMutations(mutations(c.get("hyperparam_mutations"), "hyperparam_mutations"));
        }
        r.num("quantile_fraction", b::quantileFraction);
        r.num("resample_probability", b::resampleProbability);
        r.integer("seed", b::seed);
        return b.build();
      }
      default: {
        PB2.Builder b = PB2.builder();
        r.str("time_attr", b::timeAttr);
        r.str("metric", b::metric);
        r.mode(b::mode);
        r.num("perturbation_interval", b::perturbationInterval);
        if (c.containsKey("hyperparam_bounds")) {
          b.hyperparamBounds(bounds(c.get("hyperparam_bounds")));
        }
        r.num("quantile_fraction", b::quantileFraction);
        r.integer("seed", b::seed);
        return b.build();
      }
    }
  }

  /**
   * Returns the names {@link #create} accepts (aliases aside).
   *
   * @return the names
   */
  public static List<String> names() {
    return NAMES;
  }

  private static String canonical(String name) {
    String n = name == null ? "" : name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    switch (n) {
      case "fifo":
      case "fifoscheduler":
        return "fifo";
      case "medianstopping":
      case "medianstoppingrule":
        return "medianstopping";
      case "hyperband":
      case "hyperbandscheduler":
        return "hyperband";
      case "asynchyperband":
      case "asynchyperbandscheduler":
      case "asha":
      case "ashascheduler":
        return "asynchyperband";
      case "pbt":
      case "populationbasedtraining":
        return "pbt";
      case "pb2":
        return "pb2";
      default:
        throw new IllegalArgumentException(
            "unknown scheduler '" + name + "'; valid schedulers: " + NAMES);
    }
  }

  private static Map<String, Object> mutations(Object value, String path) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(
          "key '" + path + "' must be a map of hyperparameter mutations, got " + value);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      String at = path + "." + key;
      Object v = e.getValue();
      if (v instanceof List<?> list) {
        if (list.isEmpty()) {
          throw new IllegalArgumentException("key '" + at + "' must be a non-empty list, got []");
        }
        out.put(key, new ArrayList<>(list));
      } else if (v instanceof Map<?, ?> m && m.size() == 1 && domainKeys().contains(String.valueOf(m.keySet().iterator().next()))) {
        String kind = String.valueOf(m.keySet().iterator().next());
        Object args = m.values().iterator().next();
        if (!(args instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Number) || !(l.get(1) instanceof Number)) {
          throw new IllegalArgumentException("key '" + at + "." + kind + "' must be [lo, hi], got " + args);
        }
        double lo = ((Number) l.get(0)).doubleValue();
        double hi = ((Number) l.get(1)).doubleValue();
        try {
          out.put(
              key,
              switch (kind) {
                case "uniform" -> SearchSpace.uniform(lo, hi);
                case "loguniform" -> SearchSpace.loguniform(lo, hi);
                default -> SearchSpace.randint((int) lo, (int) hi);
              });
        } catch (RuntimeException ex) {
          throw new IllegalArgumentException("key '" + at + "': " + ex.getMessage(), ex);
        }
      } else if (v instanceof Map<?, ?>) {
        out.put(key, mutations(v, at));
      } else {
        throw new IllegalArgumentException(
            "key '" + at + "' must be a list of values, {\"uniform\": [lo, hi]},"
                + " {\"loguniform\": [lo, hi]}, {\"randint\": [lo, hi]} or a map, got " + v);
      }
    }
    return out;
  }

  private static Set<String> domainKeys() {
    return new TreeSet<>(List.of("uniform", "loguniform", "randint"));
  }

  private static Map<String, double[]> bounds(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("key 'hyperparam_bounds' must be a map, got " + value);
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object v = e.getValue();
      if (!(v instanceof List<?> l) || l.size() != 2 || !(l.get(0) instanceof Number) || !(l.get(1) instanceof Number)) {
        throw new IllegalArgumentException(
            "key 'hyperparam_bounds." + e.getKey() + "' must be [lo, hi], got " + v);
      }
      out.put(
          String.valueOf(e.getKey()),
          new double[] {((Number) l.get(0)).doubleValue(), ((Number) l.get(1)).doubleValue()});
    }
    return out;
  }

  /** Typed reads of one config map, with errors naming key and value. */
  private static final class Reader {
    private final Map<String, Object> c;

    Reader(Map<String, Object> c) {
      this.c = c;
    }

    private IllegalArgumentException wrong(String key, String expected) {
      Object v = c.get(key);
      String type = v == null ? "null" : v.getClass().getSimpleName();
      return new IllegalArgumentException(
          "key '" + key + "' must be " + expected + ", got " + v + " (" + type + ")");
    }

    void str(String key, java.util.function.Consumer<String> set) {
      if (c.containsKey(key)) {
        if (!(c.get(key) instanceof String s)) {
          throw wrong(key, "a string");
        }
        set.accept(s);
      }
    }

    void mode(java.util.function.Consumer<Mode> set) {
      if (c.containsKey("mode")) {
        Object v = c.get("mode");
        if (!(v instanceof String s) || !(s.equalsIgnoreCase("max") || s.equalsIgnoreCase("min"))) {
          throw wrong("mode", "\"max\" or \"min\"");
        }
        set.accept(Mode.of(s));
      }
    }

    void num(String key, java.util.function.DoubleConsumer set) {
      if (c.containsKey(key)) {
        if (!(c.get(key) instanceof Number n) || c.get(key) instanceof Boolean) {
          throw wrong(key, "a number");
        }
        try {
          set.accept(n.doubleValue());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("key '" + key + "': " + e.getMessage(), e);
        }
      }
    }

    void integer(String key, java.util.function.LongConsumer set) {
      if (c.containsKey(key)) {
        Object v = c.get(key);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
          throw wrong(key, "an integer");
        }
        set.accept(n.longValue());
      }
    }

    void bool(String key, java.util.function.Consumer<Boolean> set) {
      if (c.containsKey(key)) {
        if (!(c.get(key) instanceof Boolean b)) {
          throw wrong(key, "true or false");
        }
        set.accept(b);
      }
    }
  }
}
