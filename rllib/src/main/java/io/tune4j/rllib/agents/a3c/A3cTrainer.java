package io.tune4j.rllib.agents.a3c;

import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.optimizers.AsyncGradientsOptimizer;
import io.tune4j.rllib.optimizers.PolicyOptimizer;
import io.tune4j.rllib.policy.PolicyFactory;
import java.util.Map;

/**
 * A3C as RLlib 2019's {@code A3CTrainer}: remote workers compute gradients on their own samples,
 * the driver applies each as it arrives and sends that worker fresh weights ({@link
 * AsyncGradientsOptimizer}, {@code optimizer.grads_per_step} per step). Needs {@code num_workers
 * >= 1}. Registered as {@code "A3C"}. Workers sample synchronously between gradient calls
 * (RLlib's {@code sample_async} background sampling is not supported yet).
 */
public class A3cTrainer extends Trainer {

  /** For Tune. */
  public A3cTrainer() {}

  /** An A3C trainer for {@code env} with {@code config} over the defaults. */
  public A3cTrainer(Map<String, ?> config, String env) {
    super(config, env);
  }

  @Override
  public String name() {
    return "A3C";
  }

  @Override
  protected Map<String, Object> defaultConfig() {
    return A3cConfig.DEFAULTS;
  }
  @Override
  public Map<String, String> configDescriptions() {
    return A3cConfig.DESCRIPTIONS;
  }


  @Override
  protected PolicyFactory policyFactory() {
    return A3cPolicy::new;
  }

  @Override
  protected void validateConfig(Map<String, Object> merged) {
    A3cConfig.validate(merged, name());
    if (((Number) merged.get("num_workers")).intValue() < 1) {
      throw new IllegalArgumentException("A3C config: 'num_workers' must be >= 1 (workers compute the gradients),"
          + " got " + merged.get("num_workers") + "; for a single process use A2C");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> o = (Map<String, Object>) merged.get("optimizer");
    for (String k : o.keySet()) {
      if (!k.equals("grads_per_step")) {
        throw new IllegalArgumentException("A3C: unknown config key 'optimizer." + k + "' (valid: grads_per_step)");
      }
    }
  }

  @Override
  protected PolicyOptimizer makeOptimizer(WorkerSet workers, Map<String, Object> config) {
    @SuppressWarnings("unchecked")
    Map<String, Object> o = (Map<String, Object>) config.get("optimizer");
    return new AsyncGradientsOptimizer(workers, ((Number) o.getOrDefault("grads_per_step", 100)).intValue());
  }

  @Override
  protected boolean learnerStatsByPolicy() {
    return false;
  }
}
