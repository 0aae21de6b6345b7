package io.tune4j.rllib.policy;

import io.tune4j.rllib.env.Space;
import java.io.Serializable;
import java.util.Map;

/**
 * One entry of the {@code multiagent.policies} config (RLlib's {@code (policy_cls, obs_space,
 * act_space, config)} tuple).
 *
 * <pre>{@code
 * Map<String, Object> multiagent = Map.of(
 *     "policies", Map.of(
 *         "ppo_a", PolicySpec.of(Map.of("lr", 1e-3)),      // the trainer's policy, env's spaces
 *         "ppo_b", PolicySpec.of(Map.of("lr", 5e-4))),
 *     "policy_mapping_fn", (PolicyMapping) agentId -> agentId.endsWith("0") ? "ppo_a" : "ppo_b");
 * }</pre>
 *
 * @param factory builds the policy; null for the trainer's own policy class
 * @param observationSpace the agents' observation space; null for the env's shared one
 * @param actionSpace the agents' action space; null for the env's shared one
 * @param config keys overriding the trainer config for this policy (may be empty)
 */
public record PolicySpec(PolicyFactory factory, Space observationSpace, Space actionSpace,
    Map<String, Object> config) implements Serializable {

  /** Null config becomes empty. */
  public PolicySpec {
    config = config == null ? Map.of() : Map.copyOf(config);
  }

  /** The trainer's policy on the env's spaces with {@code config} overrides. */
  public static PolicySpec of(Map<String, Object> config) {
    return new PolicySpec(null, null, null, config);
  }
}
