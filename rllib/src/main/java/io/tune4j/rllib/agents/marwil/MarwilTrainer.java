package io.tune4j.rllib.agents.marwil;

import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.optimizers.PolicyOptimizer;
import io.tune4j.rllib.optimizers.SyncBatchReplayOptimizer;
import io.tune4j.rllib.policy.PolicyFactory;
import java.util.Map;

/**
 * MARWIL as RLlib 2019's {@code MARWILTrainer}: {@link MarwilPolicy} over a {@link
 * SyncBatchReplayOptimizer}, usually reading offline experience ({@code "input": "/tmp/out"})
 * written by another run's {@code "output"}. Registered as {@code "MARWIL"}; evaluate on the real
 * env with {@code "evaluation_interval"} and {@code "evaluation_config": {"input": "sampler"}}.
 *
 * <pre>{@code
 * Map<String, Object> config = Map.of("input", "/tmp/out", "beta", 1.0,
 *     "evaluation_interval", 1, "evaluation_config", Map.of("input", "sampler"));
 * try (MarwilTrainer trainer = new MarwilTrainer(config, "CartPole-v0")) {
 *   Map<String, Object> result = trainer.train();
 * }
 * }</pre>
 */
public class MarwilTrainer extends Trainer {

  /** For Tune. */
  public MarwilTrainer() {}

  /** A MARWIL trainer for {@code env} with {@code config} over the defaults. */
  public MarwilTrainer(Map<String, ?> config, String env) {
    super(config, env);
  }

  @Override
  public String name() {
    return "MARWIL";
  }

  @Override
  protected Map<String, Object> defaultConfig() {
    return MarwilConfig.DEFAULTS;
  }
  @Override
  public Map<String, String> configDescriptions() {
    return MarwilConfig.DESCRIPTIONS;
  }


  @Override
  protected PolicyFactory policyFactory() {
    return MarwilPolicy::new;
  }

  @Override
  protected void validateConfig(Map<String, Object> merged) {
    MarwilConfig.validate(merged);
  }

  @Override
  protected PolicyOptimizer makeOptimizer(WorkerSet workers, Map<String, Object> config) {
    long seed = config.get("seed") instanceof Number n ? n.longValue() : System.nanoTime();
    return new SyncBatchReplayOptimizer(workers, ((Number) config.get("learning_starts")).intValue(),
        ((Number) config.get("replay_buffer_size")).intValue(), ((Number) config.get("train_batch_size")).intValue(),
        seed);
  }
}
