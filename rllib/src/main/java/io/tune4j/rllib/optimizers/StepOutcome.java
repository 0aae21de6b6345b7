package io.tune4j.rllib.optimizers;

import java.util.Map;

/**
 * What one {@link PolicyOptimizer#step()} did.
 *
 * @param stepsSampled env steps sampled
 * @param stepsTrained env steps trained on
 * @param learnerStats stats of the learner (policy_loss, ...)
 * @param timings optimizer timings in ms (sample_time_ms, learn_time_ms, ...)
 * @param statsByPolicy whether {@code learnerStats} maps policy ids to each policy's stats
 *     (multi-agent) rather than holding one policy's stats
 */
public record StepOutcome(
    long stepsSampled, long stepsTrained, Map<String, Object> learnerStats, Map<String, Object> timings,
    boolean statsByPolicy) {

  /** The outcome of a single-policy step. */
  public StepOutcome(long stepsSampled, long stepsTrained, Map<String, Object> learnerStats,
      Map<String, Object> timings) {
    this(stepsSampled, stepsTrained, learnerStats, timings, false);
  }
}
