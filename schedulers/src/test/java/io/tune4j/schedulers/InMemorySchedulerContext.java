package io.tune4j.schedulers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain in-memory {@link SchedulerContext} for scheduler tests: trials with a CPU request and a
 * CPU budget, counting how often schedulers query it.
 */
final class InMemorySchedulerContext implements SchedulerContext {
  private final double capacity;
  private double used;
  private final List<String> order = new ArrayList<>();
  private final Map<String, TrialView> views = new HashMap<>();
  private final Map<String, Double> cpus = new HashMap<>();
  private boolean shareResourceKeys = true;
  int trialLookups;
  int trialsCalls;
  int fitChecks;

  InMemorySchedulerContext(double capacity) {
    this.capacity = capacity;
  }

  /** Turns off resource keys, so schedulers must assume every trial's request is different. */
  InMemorySchedulerContext withoutResourceKeys() {
    shareResourceKeys = false;
    return this;
  }

  /** Adds a PENDING trial without telling any scheduler. */
  TrialView add(String id, double cpu) {
    return add(id, cpu, Map.of());
  }

  TrialView add(String id, double cpu, Map<String, Object> config) {
    if (views.containsKey(id)) {
      throw new IllegalArgumentException("duplicate trial " + id);
    }
    TrialView view = new TrialView(id, "trial_" + id, TrialStatus.PENDING, config, Map.of(), 0);
    order.add(id);
    views.put(id, view);
    cpus.put(id, cpu);
    return view;
  }

  /** Changes a trial's status, keeping the CPU accounting of RUNNING trials. */
  TrialView setStatus(String id, TrialStatus status) {
    TrialView old = require(id);
    if (old.status() == TrialStatus.RUNNING) {
      used -= cpus.get(id);
    }
    if (status == TrialStatus.RUNNING) {
      used += cpus.get(id);
    }
    TrialView view = old.withStatus(status);
    views.put(id, view);
    return view;
  }

  /** Records a result of a trial and returns its new snapshot. */
  TrialView report(String id, Map<String, Object> result) {
    TrialView old = require(id);
    TrialView view =
        new TrialView(
            id,
            old.name(),
            old.status(),
            old.config(),
            result,
            old.numResults() + 1,
            old.checkpointIteration());
    views.put(id, view);
    return view;
  }

  /** Marks a completed checkpoint of a trial at an iteration. */
  TrialView setCheckpoint(String id, long iteration) {
    TrialView old = require(id);
    TrialView view =
        new TrialView(
            id, old.name(), old.status(), old.config(), old.lastResult(), old.numResults(), iteration);
    views.put(id, view);
    return view;
  }

  /** Replaces a trial's config (what the runner does on a PBT exploit). */
  TrialView setConfig(String id, Map<String, Object> config) {
    TrialView old = require(id);
    TrialView view =
        new TrialView(
            id,
            old.name(),
            old.status(),
            config,
            old.lastResult(),
            old.numResults(),
            old.checkpointIteration());
    views.put(id, view);
    return view;
  }

  double freeCpus() {
    return capacity - used;
  }

  private TrialView require(String id) {
    TrialView view = views.get(id);
    if (view == null) {
      throw new IllegalArgumentException("unknown trial " + id);
    }
    return view;
  }

  @Override
  public List<TrialView> trials() {
    trialsCalls++;
    List<TrialView> out = new ArrayList<>(order.size());
    for (String id : order) {
      out.add(views.get(id));
    }
    return out;
  }

  @Override
  public boolean hasResourcesFor(String trialId) {
    fitChecks++;
    return used + cpus.get(trialId) <= capacity + 1e-9;
  }

  @Override
  public TrialView trial(String trialId) {
    trialLookups++;
    return views.get(trialId);
  }

  @Override
  public int numTrials() {
    return order.size();
  }

  @Override
  public Object resourceKey(String trialId) {
    return shareResourceKeys ? cpus.get(trialId) : trialId;
  }

  Map<String, TrialStatus> statuses() {
    Map<String, TrialStatus> out = new LinkedHashMap<>();
    for (String id : order) {
      out.put(id, views.get(id).status());
    }
    return out;
  }
}
