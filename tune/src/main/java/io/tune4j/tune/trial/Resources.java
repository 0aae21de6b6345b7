package io.tune4j.tune.trial;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one trial needs: CPUs and GPUs for the trainable itself plus {@code extra_*} for the
 * actors it starts (e.g. RLlib's rollout workers), and custom resources (Tune's {@code
 * resources_per_trial}).
 */
public record Resources(
    double cpu,
    double gpu,
    double extraCpu,
    double extraGpu,
    Map<String, Double> customResources,
    Map<String, Double> extraCustomResources)
    implements Serializable {

  private static final Set<String> KEYS =
      Set.of("cpu", "gpu", "extra_cpu", "extra_gpu", "custom_resources", "extra_custom_resources");

  /** Validates the amounts. */
  public Resources {
    check("cpu", cpu);
    check("gpu", gpu);
    check("extra_cpu", extraCpu);
    check("extra_gpu", extraGpu);
    customResources = Map.copyOf(customResources == null ? Map.of() : customResources);
    extraCustomResources = Map.copyOf(extraCustomResources == null ? Map.of() : extraCustomResources);
    customResources.forEach((k, v) -> check("custom_resources." + k, v));
    extraCustomResources.forEach((k, v) -> check("extra_custom_resources." + k, v));
  }

  /** Tune's default: one CPU, no GPU. */
  public static Resources defaults() {
    return of(1, 0);
  }

  /** {@code cpu} CPUs and {@code gpu} GPUs, nothing extra. */
  public static Resources of(double cpu, double gpu) {
    return new Resources(cpu, gpu, 0, 0, Map.of(), Map.of());
  }

  /** CPUs including extras. */
  public double totalCpu() {
    return cpu + extraCpu;
  }

  /** GPUs including extras. */
  public double totalGpu() {
    return gpu + extraGpu;
  }

  /** Custom resources including extras. */
  public Map<String, Double> totalCustom() {
    Map<String, Double> m = new TreeMap<>(customResources);
    extraCustomResources.forEach((k, v) -> m.merge(k, v, Double::sum));
    return m;
  }

  /**
   * Parses a resolved {@code resources_per_trial} map. {@code where} names the trial for errors.
   *
   * @throws IllegalArgumentException naming the key and value for unknown keys, non-numeric or
   *     negative amounts
   */
  public static Resources parse(Map<String, ?> spec, String where) {
    if (spec == null || spec.isEmpty()) {
      return defaults();
    }
    for (String k : spec.keySet()) {
      if (!KEYS.contains(k)) {
        throw new IllegalArgumentException(
            where + ": unknown key 'resources_per_trial." + k + "'; valid keys are " + new java.util.TreeSet<>(KEYS));
      }
    }
    return new Resources(
        num(spec, "cpu", 1, where),
        num(spec, "gpu", 0, where),
        num(spec, "extra_cpu", 0, where),
        num(spec, "extra_gpu", 0, where),
        custom(spec, "custom_resources", where),
        custom(spec, "extra_custom_resources", where));
  }

  private static double num(Map<String, ?> spec, String key, double dflt, String where) {
    Object v = spec.get(key);
    if (v == null) {
      return dflt;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(
          where + ": resources_per_trial." + key + " must be a number, got '" + v + "'");
    }
    if (n.doubleValue() < 0 || Double.isNaN(n.doubleValue())) {
      throw new IllegalArgumentException(
          where + ": resources_per_trial." + key + " must be >= 0, got " + v);
    }
    return n.doubleValue();
  }

  private static Map<String, Double> custom(Map<String, ?> spec, String key, String where) {
    Object v = spec.get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(
          where + ": resources_per_trial." + key + " must be a map of name to amount, got '" + v + "'");
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Map<String, Object> one = Map.of(String.valueOf(e.getKey()), e.getValue());
      out.put(String.valueOf(e.getKey()), num(one, String.valueOf(e.getKey()), 0, where + " (" + key + ")"));
    }
    return out;
  }

  private static void check(String key, double v) {
    if (v < 0 || Double.isNaN(v)) {
      throw new IllegalArgumentException("resources_per_trial." + key + " must be >= 0, got " + v);
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(fmt(totalCpu())).append(" CPUs, ").append(fmt(totalGpu())).append(" GPUs");
    totalCustom().forEach((k, v) -> sb.append(", ").append(fmt(v)).append(' ').append(k));
    return sb.toString();
  }

  /** Formats an amount as Tune does: integers without a decimal point. */
  public static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
