package io.tune4j.rllib.evaluation;

import java.io.Serializable;
import java.util.Map;

/**
 * What a finished episode contributes to the training result (RLlib's {@code RolloutMetrics}).
 *
 * @param length number of environment steps
 * @param totalReward sum of the unclipped rewards
 * @param customMetrics the episode's {@link Episode#customMetrics()} at its end
 * @param agentRewards reward per policy id for multi-agent episodes; empty for single agent
 */
public record EpisodeMetrics(
    int length,
    double totalReward,
    Map<String, Double> customMetrics,
    Map<String, Double> agentRewards)
    implements Serializable {

  /** Copies the maps so that the record is immutable. */
  public EpisodeMetrics {
    if (customMetrics != null) {
      customMetrics.forEach(
          (k, v) -> {
            if (k == null || v == null) {
              throw new IllegalArgumentException(
                  "custom metric '" + k + "' has a null name or value; use Double.NaN for none");
            }
          });
    }
    customMetrics = customMetrics == null || customMetrics.isEmpty()
        ? Map.of() : Map.copyOf(customMetrics);
    agentRewards = agentRewards == null || agentRewards.isEmpty()
        ? Map.of() : Map.copyOf(agentRewards);
  }

  /** A single-agent episode without custom metrics. */
  public EpisodeMetrics(int length, double totalReward) {
    this(length, totalReward, Map.of(), Map.of());
  }
}
