package io.tune4j.rllib.agents.a3c;

import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.policy.PolicyFactory;
import java.util.Map;

/**
 * A2C as RLlib 2019's {@code A2CTrainer}: A3C's policy and loss on synchronous train batches of
 * {@code train_batch_size} steps from all workers (the default {@code SyncSamplesOptimizer}).
 * Registered as {@code "A2C"}.
 */
public class A2cTrainer extends Trainer {

  /** For Tune. */
  public A2cTrainer() {}

  /** An A2C trainer for {@code env} with {@code config} over the defaults. */
  public A2cTrainer(Map<String, ?> config, String env) {
    super(config, env);
  }

  @Override
  public String name() {
    return "A2C";
  }

  @Override
  protected Map<String, Object> defaultConfig() {
    return A3cConfig.A2C_DEFAULTS;
  }

  @Override
  protected PolicyFactory policyFactory() {
    return A3cPolicy::new;
  }

  @Override
  protected void validateConfig(Map<String, Object> merged) {
    A3cConfig.validate(merged, name());
    @SuppressWarnings("unchecked")
    Map<String, Object> o = (Map<String, Object>) merged.get("optimizer");
    if (!o.isEmpty()) {
      throw new IllegalArgumentException("A2C: config key 'optimizer' " + o + " is not read by A2C; remove it");
    }
  }

  @Override
  protected boolean learnerStatsByPolicy() {
    return false;
  }
}
