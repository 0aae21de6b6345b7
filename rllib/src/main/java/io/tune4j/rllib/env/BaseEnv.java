package io.tune4j.rllib.env;

import java.util.List;
import java.util.Map;

/**
 * The shape every non-vector env takes under the multi-agent sampler (RLlib's {@code BaseEnv}):
 * sub-envs by integer id, agents by string id. {@link #poll()} returns whatever is new since the
 * last call (first observations after a reset, or a step's results), {@link #sendActions} sends
 * one action per agent that observed, {@link #tryReset} starts a new episode in a sub-env. Multi-
 * agent envs come in through {@link #fromMultiAgentEnvs}; envs driven from outside (external
 * simulators) implement it directly, returning only the sub-envs that have news.
 *
 * <pre>{@code
 * BaseEnv env = BaseEnv.fromMultiAgentEnvs(List.of(new MultiAgentCartPole(2)));
 * BaseEnv.Poll p = env.poll();                       // {0: {"0": obs, "1": obs}}
 * env.sendActions(Map.of(0, Map.of("0", 1, "1", 0)));
 * }</pre>
 *
 * <p>Not thread-safe: the sampler's thread uses it.
 */
public interface BaseEnv extends AutoCloseable {

  /**
   * What {@link #poll()} returns, by sub-env id then agent id.
   *
   * @param observations observations of the agents that act next
   * @param rewards rewards of the agents that acted
   * @param dones done flags per agent plus {@code "__all__"}
   * @param infos infos per agent (may be empty); {@code "training_enabled": false} keeps an
   *     episode's steps out of the sample batches
   * @param offPolicyActions actions the env took itself (logged by an external simulator), which
   *     replace the policy's for those agents
   */
  record Poll(Map<Integer, Map<String, Object>> observations, Map<Integer, Map<String, Double>> rewards,
      Map<Integer, Map<String, Boolean>> dones, Map<Integer, Map<String, Map<String, Object>>> infos,
      Map<Integer, Map<String, Object>> offPolicyActions) {

    /** A poll without off-policy actions. */
    public Poll(Map<Integer, Map<String, Object>> observations, Map<Integer, Map<String, Double>> rewards,
        Map<Integer, Map<String, Boolean>> dones, Map<Integer, Map<String, Map<String, Object>>> infos) {
      this(observations, rewards, dones, infos, Map.of());
    }
  }

  /** The news of every sub-env since the last call. */
  Poll poll();

  /** Sends actions by sub-env id then agent id. */
  void sendActions(Map<Integer, Map<String, Object>> actions);

  /**
   * Starts a new episode in sub-env {@code envId}.
   *
   * @return its first observations, or null when the env resets itself and reports them through
   *     {@link #poll()}
   */
  Map<String, Object> tryReset(int envId);

  /** Number of sub-envs. */
  int numEnvs();

  /**
   * How many sub-envs a {@code truncate_episodes} batch counts {@code sample_batch_size} steps for:
   * all of them for envs stepped together, 1 for envs whose episodes come and go (external ones).
   */
  default int batchEnvs() {
    return numEnvs();
  }

  /** The agents' shared observation space, or null when they differ. */
  Space observationSpace();

  /** The agents' shared action space, or null when they differ. */
  Space actionSpace();

  /** Seeds sub-env {@code envId}; no-op by default. */
  default void seed(int envId, long seed) {}

  /** Releases resources; no-op by default. */
  @Override
  default void close() {}

  /** Synchronous multi-agent envs as a {@code BaseEnv}: each {@link #sendActions} steps them at once. */
  static BaseEnv fromMultiAgentEnvs(List<MultiAgentEnv> envs) {
    return new MultiAgentEnvs(envs);
  }
}
