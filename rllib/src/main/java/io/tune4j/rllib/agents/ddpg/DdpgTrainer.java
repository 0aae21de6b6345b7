package io.tune4j.rllib.agents.ddpg;

import io.tune4j.rllib.agents.dqn.DqnTrainer;
import io.tune4j.rllib.policy.PolicyFactory;
import java.util.Map;

/**
 * DDPG as RLlib 2019's {@code DDPGTrainer} (a DQN trainer with {@link DdpgPolicy}): replay through
 * {@code SyncReplayOptimizer}, the target networks moved by Polyak averaging every {@code
 * target_network_update_freq} sampled steps (every step by default), the action-noise scale set on
 * every worker each iteration. Registered as {@code "DDPG"}; TD3 is this trainer with {@code
 * twin_q}, {@code policy_delay: 2} and {@code smooth_target_policy}.
 *
 * <pre>{@code
 * try (DdpgTrainer trainer = new DdpgTrainer(Map.of("use_huber", true, "clip_rewards", false), "Pendulum-v0")) {
 *   Map<String, Object> result = trainer.train();
 * }
 * }</pre>
 */
public class DdpgTrainer extends DqnTrainer {

  /** For Tune. */
  public DdpgTrainer() {}

  /** A DDPG trainer for {@code env} with {@code config} over the defaults. */
  public DdpgTrainer(Map<String, ?> config, String env) {
    super(config, env);
  }

  @Override
  public String name() {
    return "DDPG";
  }

  @Override
  protected Map<String, Object> defaultConfig() {
    return DdpgConfig.DEFAULTS;
  }
  @Override
  public Map<String, String> configDescriptions() {
    return DdpgConfig.DESCRIPTIONS;
  }


  @Override
  protected PolicyFactory policyFactory() {
    return DdpgPolicy::new;
  }

  @Override
  protected void validateAlgorithmConfig(Map<String, Object> merged) {
    DdpgConfig.validate(merged, name());
  }

  @Override
  protected double explorationValue(Map<String, Object> config, int workerIndex, long timestep) {
    return DdpgConfig.noiseScale(config, workerIndex, timestep);
  }
}
