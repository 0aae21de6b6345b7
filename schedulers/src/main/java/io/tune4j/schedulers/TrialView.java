package io.tune4j.schedulers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A frozen snapshot of a trial, handed to schedulers. The maps are unmodifiable shallow copies
 * taken at construction, so later changes to the runner's trial do not show through.
 *
 * <pre>{@code
 * TrialView view = new TrialView("t1", "PPO_0_lr=0.1", TrialStatus.RUNNING, config, result, 3);
 * }</pre>
 *
 * @param trialId unique id of the trial; not null
 * @param name display name (Tune's {@code str(trial)}); the id when null
 * @param status current status; not null
 * @param config the trial's resolved config; empty when null
 * @param lastResult the last reported result; empty when null or none yet
 * @param numResults how many results the trial reported so far, at least 0
 * @param checkpointIteration the {@code training_iteration} of the trial's latest completed
 *     checkpoint (on disk or in memory), or -1 if it has none
 */
public record TrialView(
    String trialId,
    String name,
    TrialStatus status,
    Map<String, Object> config,
    Map<String, Object> lastResult,
    int numResults,
    long checkpointIteration) {

  /** A snapshot of a trial without a checkpoint. */
  public TrialView(
      String trialId,
      String name,
      TrialStatus status,
      Map<String, Object> config,
      Map<String, Object> lastResult,
      int numResults) {
    this(trialId, name, status, config, lastResult, numResults, -1);
  }

  /** Validates and freezes the snapshot. */
  public TrialView {
    Objects.requireNonNull(trialId, "trialId");
    Objects.requireNonNull(status, () -> "status of trial " + trialId);
    if (numResults < 0) {
      throw new IllegalArgumentException(
          "numResults of trial " + trialId + " must be >= 0, got " + numResults);
    }
    name = name == null ? trialId : name;
    config = freeze(config);
    lastResult = freeze(lastResult);
    checkpointIteration = Math.max(-1, checkpointIteration);
  }

  /**
   * Tells whether the trial has a completed checkpoint that others may copy.
   *
   * @return {@code checkpointIteration() >= 0}
   */
  public boolean hasCheckpoint() {
    return checkpointIteration >= 0;
  }

  private static Map<String, Object> freeze(Map<String, Object> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * Returns the same snapshot with another status.
   *
   * @param newStatus the status
   * @return a new view
   */
  public TrialView withStatus(TrialStatus newStatus) {
    return new TrialView(trialId, name, newStatus, config, lastResult, numResults, checkpointIteration);
  }
}
