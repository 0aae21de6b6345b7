package io.tune4j.rllib.policy;

import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.util.DeveloperApi;
import java.io.Serializable;
import java.util.Map;

/**
 * Builds an algorithm's policy in every rollout worker; serializable so it can travel to Ray
 * actors (typically a constructor reference such as {@code PpoPolicy::new}).
 */
@DeveloperApi
@FunctionalInterface
public interface PolicyFactory extends Serializable {

  /** Creates the policy for the given spaces and merged trainer config. */
  Policy create(Space observationSpace, Space actionSpace, Map<String, Object> config);
}
