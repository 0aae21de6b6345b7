package io.tune4j.rllib.optimizers;

import java.util.Map;

/**
 * What one {@link PolicyOptimizer#step()} did.
 *
 * @param stepsSampled env steps sampled
 * @param stepsTrained env steps trained on
 * @param learnerStats stats of the learner (policy_loss, ...)
 * @param timings optimizer timings in ms (sample_time_ms, learn_time_ms, ...)
 */
public record StepOutcome(
    long stepsSampled, long stepsTrained, Map<String, Object> learnerStats, Map<String, Object> timings) {}
