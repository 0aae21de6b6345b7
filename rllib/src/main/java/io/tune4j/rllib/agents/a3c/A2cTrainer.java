package io.tune4j.rllib.agents.a3c;

import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.optimizers.MicrobatchOptimizer;
import io.tune4j.rllib.optimizers.PolicyOptimizer;
import io.tune4j.rllib.policy.PolicyFactory;
import java.util.Map;

/**
 * A2C as RLlib 2019's {@code A2CTrainer}: A3C's policy and loss on synchronous train batches of
 * {@code train_batch_size} steps from all workers (the default {@code SyncSamplesOptimizer}), or
 * with {@code microbatch_size} the summed gradients of smaller microbatches ({@link
 * MicrobatchOptimizer}).
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
  public Map<String, String> configDescriptions() {
    Map<String, String> d = new java.util.LinkedHashMap<>(A3cConfig.DESCRIPTIONS);
    d.put("sample_batch_size", "env steps per worker sample");
    d.put("min_iter_time_s", "minimum seconds per train() iteration (A2C's iterations sample for at least this long)");
    d.put("optimizer", "A2C trains on synchronous batches and takes no optimizer arguments");
    d.put("microbatch_size", "if set, accumulate gradients over microbatches of this many steps, then apply them once");
    return d;
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
    Object mb = merged.get("microbatch_size");
    if (mb != null) {
      int train = ((Number) merged.get("train_batch_size")).intValue();
      if (!(mb instanceof Number n) || n.intValue() < 1 || n.intValue() > train) {
        throw new IllegalArgumentException("A2C config: 'microbatch_size' must be null or an integer in [1,"
            + " train_batch_size " + train + "], got " + mb);
      }
    }
  }

  @Override
  protected PolicyOptimizer makeOptimizer(WorkerSet workers, Map<String, Object> config) {
    Object mb = config.get("microbatch_size");
    if (mb instanceof Number n) {
      return new MicrobatchOptimizer(workers, ((Number) config.get("train_batch_size")).intValue(), n.intValue());
    }
    return super.makeOptimizer(workers, config);
  }

  @Override
  protected boolean learnerStatsByPolicy() {
    return false;
  }
}
