package io.tune4j.rllib.policy;

import java.io.Serializable;

/**
 * Maps an agent id to the id of the policy that acts for it (RLlib's {@code policy_mapping_fn});
 * serializable so remote workers get a copy. Called once per agent per episode.
 */
@FunctionalInterface
public interface PolicyMapping extends Serializable {
  /** The policy id for {@code agentId}. */
  String policyFor(String agentId);
}
