package io.tune4j.rllib.agents.impala;

import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.optimizers.AsyncSamplesOptimizer;
import io.tune4j.rllib.optimizers.PolicyOptimizer;
import io.tune4j.rllib.policy.ConfigReader;
import io.tune4j.rllib.policy.PolicyFactory;
import java.util.Map;

/**
 * IMPALA as RLlib 2019's {@code ImpalaTrainer}: remote workers sample continuously ({@code
 * max_sample_requests_in_flight_per_worker} calls each), the driver gathers their fragments into
 * train batches for a learner thread that trains {@link ImpalaPolicy} with V-trace correction, and
 * every {@code broadcast_interval} sample batches the worker that sent one gets fresh weights
 * ({@link AsyncSamplesOptimizer}). Needs {@code num_workers >= 1}. Registered as {@code "IMPALA"}.
 *
 * <pre>{@code
 * Map<String, Object> config = Map.of("num_workers", 2, "num_envs_per_worker", 5);
 * try (ImpalaTrainer trainer = new ImpalaTrainer(config, "CartPole-v0")) {
 *   Map<String, Object> result = trainer.train();
 * }
 * }</pre>
 */
public class ImpalaTrainer extends Trainer {

  /** For Tune. */
  public ImpalaTrainer() {}

  /** An IMPALA trainer for {@code env} with {@code config} over the defaults. */
  public ImpalaTrainer(Map<String, ?> config, String env) {
    super(config, env);
  }

  @Override
  public String name() {
    return "IMPALA";
  }

  @Override
  protected Map<String, Object> defaultConfig() {
    return ImpalaConfig.DEFAULTS;
  }
  @Override
  public Map<String, String> configDescriptions() {
    return ImpalaConfig.DESCRIPTIONS;
  }


  @Override
  protected PolicyFactory policyFactory() {
    return ImpalaPolicy::new;
  }

  @Override
  protected void validateConfig(Map<String, Object> merged) {
    ImpalaConfig.validate(merged);
  }

  @Override
  protected PolicyOptimizer makeOptimizer(WorkerSet workers, Map<String, Object> config) {
    ConfigReader c = new ConfigReader(config, name());
    return new AsyncSamplesOptimizer(workers, new AsyncSamplesOptimizer.Settings(
        c.getInt("train_batch_size"), c.getInt("sample_batch_size"),
        c.getInt("max_sample_requests_in_flight_per_worker"), c.getInt("broadcast_interval"),
        c.getInt("learner_queue_size"), c.getInt("minibatch_buffer_size"), c.getInt("num_sgd_iter"),
        c.getInt("replay_buffer_num_slots"), c.getDouble("replay_proportion"),
        c.has("seed") ? c.getLong("seed") : System.nanoTime()));
  }

  @Override
  protected boolean learnerStatsByPolicy() {
    return false;
  }
}
