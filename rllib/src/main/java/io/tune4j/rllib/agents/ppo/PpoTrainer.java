package io.tune4j.rllib.agents.ppo;

import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.policy.PolicyFactory;
import java.util.Map;

/**
 * Proximal Policy Optimization (Schulman et al. 2017, arXiv:1707.06347) as RLlib 2019 runs it:
 * synchronous sampling of {@code train_batch_size} steps, then {@code num_sgd_iter} epochs of
 * minibatch SGD in {@link PpoPolicy}. Registered as {@code "PPO"}.
 */
public class PpoTrainer extends Trainer {

  /** For Tune. */
  public PpoTrainer() {}

  /** A PPO trainer for {@code env} with {@code config} over the defaults. */
  public PpoTrainer(Map<String, ?> config, String env) {
    super(config, env);
  }

  @Override
  public String name() {
    return "PPO";
  }

  @Override
  protected Map<String, Object> defaultConfig() {
    return PpoConfig.DEFAULTS;
  }
  @Override
  public Map<String, String> configDescriptions() {
    return PpoConfig.DESCRIPTIONS;
  }


  @Override
  protected PolicyFactory policyFactory() {
    return PpoPolicy::new;
  }

  @Override
  protected void validateConfig(Map<String, Object> merged) {
    PpoConfig.validate(merged);
  }
}
