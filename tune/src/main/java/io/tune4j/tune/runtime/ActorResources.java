package io.tune4j.tune.runtime;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one actor asks Ray for. Also the shape by which idle actors are reused on a cluster: an
 * actor is handed only to a request of the same shape, since Ray sets resources at creation.
 *
 * @param cpu CPUs
 * @param gpu GPUs
 * @param custom custom resources by name
 */
public record ActorResources(double cpu, double gpu, Map<String, Double> custom) {

  /** Copies {@code custom} in name order. */
  public ActorResources {
    custom = java.util.Collections.unmodifiableMap(new TreeMap<>(custom == null ? Map.of() : custom));
  }

  /** {@code cpu} CPUs, nothing else. */
  public static ActorResources cpus(double cpu) {
    return new ActorResources(cpu, 0, Map.of());
  }

  /**
   * Checks that a Ray cluster can grant these amounts: Ray takes a fractional amount only below 1
   * ({@code 0.5} is fine, {@code 1.5} is not).
   *
   * @param what names the request in the message, e.g. {@code "resources_per_trial"}
   * @throws IllegalArgumentException naming the resource, the amount and the fix
   */
  public void checkForCluster(String what) {
    check(what, "cpu", cpu);
    check(what, "gpu", gpu);
    custom.forEach((k, v) -> check(what, k, v));
  }

  private static void check(String what, String name, double v) {
    if (v > 1 && v != Math.rint(v)) {
      throw new IllegalArgumentException(
          what + " asks for " + v + " " + name + ": a Ray cluster grants fractional amounts only"
              + " below 1; use a whole number (e.g. " + (long) Math.ceil(v) + ") or a fraction < 1");
    }
  }
}
