package io.tune4j.rllib.env;

import java.util.Map;

/**
 * The outcome of one {@link MultiAgentEnv#step(Map)}, keyed by agent id.
 *
 * @param observations observations of the agents that act next (a done agent may report its final
 *     observation here)
 * @param rewards rewards of the agents that acted
 * @param dones done flags per agent, plus {@code "__all__"} for the whole episode
 * @param infos optional infos per agent (may be empty)
 */
public record MultiAgentStep(
    Map<String, Object> observations,
    Map<String, Double> rewards,
    Map<String, Boolean> dones,
    Map<String, Map<String, Object>> infos) {

  /** Normalises null maps to empty ones. */
  public MultiAgentStep {
    observations = observations == null ? Map.of() : observations;
    rewards = rewards == null ? Map.of() : rewards;
    dones = dones == null ? Map.of() : dones;
    infos = infos == null ? Map.of() : infos;
  }

  /** Whether the episode is over ({@code dones["__all__"]}). */
  public boolean allDone() {
    return Boolean.TRUE.equals(dones.get(MultiAgentEnv.ALL));
  }
}
