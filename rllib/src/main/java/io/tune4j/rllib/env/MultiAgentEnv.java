package io.tune4j.rllib.env;

import java.util.Map;

/**
 * An environment hosting several agents, identified by string ids (RLlib's {@code MultiAgentEnv}).
 * {@link #reset()} and {@link #step(Map)} return observations of the agents that should act next;
 * agents may appear and leave during an episode. The episode ends when {@code dones} holds {@code
 * "__all__" = true}.
 *
 * <pre>{@code
 * Map<String, Object> obs = env.reset();                 // {"car_0": [..], "light": 3}
 * MultiAgentStep s = env.step(Map.of("car_0", 1, "light", 0));
 * s.rewards();                                           // {"car_0": 3.0, "light": 0.0}
 * s.dones();                                             // {"car_0": false, "light": true, "__all__": false}
 * }</pre>
 *
 * <p>Observations and actions follow the value conventions of {@link Space} (Discrete: {@code
 * Integer}, Box: {@code double[]}). Not thread-safe: one thread uses an env at a time.
 */
public interface MultiAgentEnv extends AutoCloseable {
  /** The {@code dones} key that ends the episode for every agent. */
  String ALL = "__all__";

  /** Starts an episode; returns the first observation of every agent that acts first. */
  Map<String, Object> reset();

  /**
   * Advances the env with one action per agent that received an observation.
   *
   * @param actions by agent id
   * @return observations of the agents that act next, and rewards, dones (with {@code "__all__"})
   *     and infos by agent id
   */
  MultiAgentStep step(Map<String, Object> actions);

  /**
   * The observation space of every agent, when they share one (used for policies whose {@code
   * PolicySpec} leaves it out); null when agents differ.
   */
  default Space observationSpace() {
    return null;
  }

  /** The action space of every agent, when they share one; null when agents differ. */
  default Space actionSpace() {
    return null;
  }

  /** Seeds the env; no-op by default. */
  default void seed(long seed) {}

  /** Releases resources; no-op by default. */
  @Override
  default void close() {}
}
