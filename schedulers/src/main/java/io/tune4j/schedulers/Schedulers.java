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
import java.util.function.BiConsumer;
import java.util.function.DoubleConsumer;
import java.util.function.Function;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.Supplier;

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
  private static final List<String> NAMES =
      List.of("FIFO", "MedianStopping", "HyperBand", "AsyncHyperBand", "ASHA", "PBT", "PB2");
  /** Per canonical name: the keys in reading order and how each sets the builder. */
  private static final Map<String, Kind<?>> KINDS = new LinkedHashMap<>();

  static {
    KINDS.put("fifo", new Kind<Void>(() -> null, b -> new FifoScheduler()));
    KINDS.put(
        "medianstopping",
        metricKind(MedianStoppingRule::builder, MedianStoppingRule.Builder::build)
            .num("grace_period", MedianStoppingRule.Builder::gracePeriod)
            .integer("min_samples_required", (b, v) -> b.minSamplesRequired((int) v))
            .bool("hard_stop", MedianStoppingRule.Builder::hardStop));
    KINDS.put(
        "hyperband",
        metricKind(HyperBandScheduler::builder, HyperBandScheduler.Builder::build)
            .num("max_t", HyperBandScheduler.Builder::maxT)
            .num("reduction_factor", HyperBandScheduler.Builder::reductionFactor));
    KINDS.put(
        "asynchyperband",
        metricKind(AsyncHyperBandScheduler::builder, AsyncHyperBandScheduler.Builder::build)
            .num("max_t", AsyncHyperBandScheduler.Builder::maxT)
            .num("grace_period", AsyncHyperBandScheduler.Builder::gracePeriod)
            .num("reduction_factor", AsyncHyperBandScheduler.Builder::reductionFactor)
            .integer("brackets", (b, v) -> b.brackets((int) v))
            .integer("seed", AsyncHyperBandScheduler.Builder::seed));
    KINDS.put(
        "pbt",
        metricKind(PopulationBasedTraining::builder, PopulationBasedTraining.Builder::build)
            .num("perturbation_interval", PopulationBasedTraining.Builder::perturbationInterval)
            .raw(
                "hyperparam_mutations",
                (b, v) -> b.hyperparamMutations(mutations(v, "hyperparam_mutations")))
            .num("quantile_fraction", PopulationBasedTraining.Builder::quantileFraction)
            .num("resample_probability", PopulationBasedTraining.Builder::resampleProbability)
            .integer("seed", PopulationBasedTraining.Builder::seed));
    KINDS.put(
        "pb2",
        metricKind(PB2::builder, PB2.Builder::build)
            .num("perturbation_interval", PB2.Builder::perturbationInterval)
            .raw("hyperparam_bounds", (b, v) -> b.hyperparamBounds(bounds(v)))
            .num("quantile_fraction", PB2.Builder::quantileFraction)
            .integer("seed", PB2.Builder::seed));
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
    Kind<?> kind = KINDS.get(canonical(name));
    Map<String, Object> c = config == null ? Map.of() : config;
    List<String> valid = List.copyOf(kind.keys.keySet());
    for (String key : c.keySet()) {
      if (!valid.contains(key)) {
        throw new IllegalArgumentException(
            "unknown key '" + key + "' for scheduler " + name + "; valid keys: " + valid);
      }
    }
    return kind.create(new Reader(c));
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

  /** A scheduler whose builder takes {@code time_attr}, {@code metric} and {@code mode}. */
  private static <B extends MetricScheduler.MetricBuilder<B>> Kind<B> metricKind(
      Supplier<B> builder, Function<B, TrialScheduler> build) {
    return new Kind<>(builder, build)
        .key("time_attr", (r, k, b) -> b.timeAttr(r.str(k)))
        .key("metric", (r, k, b) -> b.metric(r.str(k)))
        .key("mode", (r, k, b) -> b.mode(r.mode(k)));
  }

  /** How one key's value is read from the config and given to a builder. */
  private interface Setting<B> {
    void apply(Reader r, String key, B builder);
  }

  /**
   * One scheduler: its builder, its keys in reading order (the order errors are found in) and how
   * each is set.
   *
   * @param <B> the builder type
   */
  private static final class Kind<B> {
    final Supplier<B> builder;
    final Function<B, TrialScheduler> build;
    final Map<String, Setting<B>> keys = new LinkedHashMap<>();

    Kind(Supplier<B> builder, Function<B, TrialScheduler> build) {
      this.builder = builder;
      this.build = build;
    }

    Kind<B> key(String key, Setting<B> setting) {
      keys.put(key, setting);
      return this;
    }

    Kind<B> num(String key, ObjDoubleConsumer<B> set) {
      return key(key, (r, k, b) -> r.num(k, v -> set.accept(b, v)));
    }

    Kind<B> integer(String key, ObjLongConsumer<B> set) {
      return key(key, (r, k, b) -> set.accept(b, r.integer(k)));
    }

    Kind<B> bool(String key, BiConsumer<B, Boolean> set) {
      return key(key, (r, k, b) -> set.accept(b, r.bool(k)));
    }

    Kind<B> raw(String key, BiConsumer<B, Object> set) {
      return key(key, (r, k, b) -> set.accept(b, r.c.get(k)));
    }

    TrialScheduler create(Reader r) {
      B b = builder.get();
      keys.forEach(
          (key, setting) -> {
            if (r.c.containsKey(key)) {
              setting.apply(r, key, b);
            }
          });
      return build.apply(b);
    }
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

    String str(String key) {
      if (!(c.get(key) instanceof String s)) {
        throw wrong(key, "a string");
      }
      return s;
    }

    Mode mode(String key) {
      Object v = c.get(key);
      if (!(v instanceof String s) || !(s.equalsIgnoreCase("max") || s.equalsIgnoreCase("min"))) {
        throw wrong(key, "\"max\" or \"min\"");
      }
      return Mode.of(s);
    }

    void num(String key, DoubleConsumer set) {
      if (!(c.get(key) instanceof Number n) || c.get(key) instanceof Boolean) {
        throw wrong(key, "a number");
      }
      try {
        set.accept(n.doubleValue());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("key '" + key + "': " + e.getMessage(), e);
      }
    }

    long integer(String key) {
      Object v = c.get(key);
      if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
        throw wrong(key, "an integer");
      }
      return n.longValue();
    }

    boolean bool(String key) {
      if (!(c.get(key) instanceof Boolean b)) {
        throw wrong(key, "true or false");
      }
      return b;
    }
  }
}
