package io.tune4j.tune.trial;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The driver's account of resources (Tune's {@code RayTrialExecutor} bookkeeping): the cluster's
 * total, what RUNNING trials hold, whether a trial fits now, and whether it can ever fit. In the
 * embedded mode a CPU-only trial larger than the whole budget is let run alone (its actors are
 * threads); on a cluster it is refused.
 *
 * <pre>{@code
 * ResourceLedger ledger = new ResourceLedger(Resources.of(2, 0), true);
 * if (ledger.fits(trial)) { ledger.commit(trial.resources()); ... ledger.release(trial.resources()); }
 * }</pre>
 */
final class ResourceLedger {
  private static final double EPS = 1e-9;
  private final Resources total;
  private final boolean embedded;
  private double usedCpu;
  private double usedGpu;
  private final Map<String, Double> usedCustom = new HashMap<>();
  private int running;
  private final Set<String> oversized = new HashSet<>();

  ResourceLedger(Resources total, boolean embedded) {
    this.total = total;
    this.embedded = embedded;
  }

  Resources total() {
    return total;
  }

  int running() {
    return running;
  }

  /** Takes a starting trial's resources. */
  void commit(Resources r) {
    add(r, +1);
    running++;
  }

  /** Gives a stopped trial's resources back. */
  void release(Resources r) {
    add(r, -1);
    running--;
  }

  private void add(Resources r, int sign) {
    usedCpu += sign * r.totalCpu();
    usedGpu += sign * r.totalGpu();
    if (!r.customResources().isEmpty() || !r.extraCustomResources().isEmpty()) {
      r.totalCustom().forEach((k, v) -> usedCustom.merge(k, sign * v, Double::sum));
    }
  }

  /**
   * Classifies a new trial: null when it can fit some day, else why not. An embedded CPU-only
   * trial over the budget is marked to run alone and gets a notice instead ({@code
   * notice[0]}).
   */
  String admit(Trial t, String[] notice) {
    Resources r = t.resources();
    String problem = neverFits(r);
    if (problem == null) {
      return null;
    }
    if (embedded && r.totalGpu() <= total.gpu() && neverFitsCustom(r) == null) {
      oversized.add(t.trialId());
      notice[0] = "Notice: trial " + t + " asks for " + Resources.fmt(r.totalCpu()) + " CPUs but Tune has "
          + Resources.fmt(total.cpu()) + " (--ray-num-cpus); in the embedded mode its actors are threads,"
          + " so it runs anyway, alone. On a Ray cluster this is an error.";
      return null;
    }
    return "Insufficient cluster resources to launch trial " + t + ": " + problem
        + " (lower num_workers or the trial's resources, or give Tune more CPUs: --ray-num-cpus"
        + " in the embedded mode, more nodes on a cluster)";
  }

  private String neverFits(Resources r) {
    if (r.totalCpu() > total.cpu() || r.totalGpu() > total.gpu()) {
      return "it requested " + r + " but the cluster has " + Resources.fmt(total.cpu()) + " CPUs, "
          + Resources.fmt(total.gpu()) + " GPUs";
    }
    return neverFitsCustom(r);
  }

  private String neverFitsCustom(Resources r) {
    for (Map.Entry<String, Double> e : r.totalCustom().entrySet()) {
      if (e.getValue() > total.customResources().getOrDefault(e.getKey(), 0.0)) {
        return "it requested " + Resources.fmt(e.getValue()) + " of custom resource '" + e.getKey()
            + "' but the cluster has " + Resources.fmt(total.customResources().getOrDefault(e.getKey(), 0.0));
      }
    }
    return null;
  }

  /** Whether the trial's request fits what is free now. */
  boolean fits(Trial t) {
    if (oversized.contains(t.trialId())) {
      return running == 0;
    }
    return fits(t.resources());
  }

  /** Whether a request of this shape fits what is free now. */
  boolean fits(Resources r) {
    if (usedCpu + r.totalCpu() > total.cpu() + EPS || usedGpu + r.totalGpu() > total.gpu() + EPS) {
      return false;
    }
    if (r.customResources().isEmpty() && r.extraCustomResources().isEmpty()) {
      return true;
    }
    for (Map.Entry<String, Double> e : r.totalCustom().entrySet()) {
      double have = total.customResources().getOrDefault(e.getKey(), 0.0);
      if (usedCustom.getOrDefault(e.getKey(), 0.0) + e.getValue() > have + EPS) {
        return false;
      }
    }
    return true;
  }

  /** What running trials hold now, for the status table. */
  Resources used() {
    Map<String, Double> custom = new HashMap<>();
    usedCustom.forEach((k, v) -> custom.put(k, Math.max(0, v)));
    return new Resources(Math.max(0, usedCpu), Math.max(0, usedGpu), 0, 0, custom, Map.of());
  }
}
