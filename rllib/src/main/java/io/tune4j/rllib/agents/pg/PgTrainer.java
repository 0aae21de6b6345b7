package io.tune4j.rllib.agents.pg;

import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.policy.PolicyFactory;
import java.util.Map;

/**
 * Vanilla policy gradient (REINFORCE with discounted returns, Williams 1992) as RLlib 2019's PG:
 * synchronous sampling, one gradient step per {@code train_batch_size} steps. Registered as
 * {@code "PG"}; learner stats are flat under {@code info/learner} as in RLlib.
 */
public class PgTrainer extends Trainer {

  /** For Tune. */
  public PgTrainer() {}

  /** A PG trainer for {@code env} with {@code config} over the defaults. */
  public PgTrainer(Map<String, ?> config, String env) {
    super(config, env);
  }

  @Override
  public String name() {
    return "PG";
  }

  @Override
  protected Map<String, Object> defaultConfig() {
    return PgConfig.DEFAULTS;
  }
  @Override
  public Map<String, String> configDescriptions() {
    return PgConfig.DESCRIPTIONS;
  }


  @Override
  protected PolicyFactory policyFactory() {
    return PgPolicy::new;
  }

  @Override
  protected void validateConfig(Map<String, Object> merged) {
    PgConfig.validate(merged);
  }

  @Override
  protected boolean learnerStatsByPolicy() {
    return false;
  }
}
