package io.tune4j.rllib.env;

import java.util.Map;

/**
 * The outcome of one {@link Env#step(Object)}, gym's {@code (obs, reward, done, info)} tuple.
 *
 * @param observation the observation after the step, a member of the observation space
 * @param reward the reward of the step
 * @param done whether the episode ended (terminated or truncated by a time limit)
 * @param info extra diagnostics; {@code "TimeLimit.truncated"} is set by {@link TimeLimit}
 */
public record StepResult(
    Object observation, double reward, boolean done, Map<String, Object> info) {

  /** Normalises a null {@code info} to an empty map. */
  public StepResult {
    if (info == null) {
      info = Map.of();
    }
  }

  /** Tells whether {@code info["TimeLimit.truncated"]} is true. */
  public boolean truncated() {
    return Boolean.TRUE.equals(info.get(TimeLimit.TRUNCATED_KEY));
  }
}
