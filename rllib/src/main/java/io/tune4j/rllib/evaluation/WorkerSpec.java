package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.policy.PolicyFactory;
import java.io.Serializable;
import java.util.Map;

/**
 * What a rollout worker needs to build itself: the policy factory and the merged trainer config
 * (which names the env in {@code env} and passes {@code env_config}).
 *
 * @param algorithm the algorithm name, for messages
 * @param policyFactory builds the policy
 * @param config the merged trainer config
 * @param workerIndex 0 for the local worker, 1..N for remote ones
 */
public record WorkerSpec(
    String algorithm, PolicyFactory policyFactory, Map<String, Object> config, int workerIndex)
    implements Serializable {

  /** The same spec for another worker index. */
  public WorkerSpec withIndex(int index) {
    return new WorkerSpec(algorithm, policyFactory, config, index);
  }
}
