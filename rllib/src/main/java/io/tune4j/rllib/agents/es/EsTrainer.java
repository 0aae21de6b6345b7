package io.tune4j.rllib.agents.es;

import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.optimizers.PolicyOptimizer;
import io.tune4j.rllib.policy.PolicyFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evolution strategies as RLlib 2019's {@code ESTrainer} ({@link EsOptimizer} has the update):
 * {@code num_workers} {@link EsWorker} actors evaluate antithetic perturbations drawn from one
 * shared {@link NoiseTable} in Ray's object store; the driver keeps the policy (for {@code
 * computeAction}, checkpoints and evaluation) but no rollout workers. Registered as {@code "ES"}.
 *
 * <p>Its result has RLlib's ES layout: {@code episode_reward_mean} (the mean of the last {@code
 * report_length} iterations' evaluation returns; NaN until a first evaluation rollout ran), {@code
 * episode_len_mean}, {@code timesteps_this_iter} and {@code info}.
 *
 * <pre>{@code
 * Map<String, Object> config = Map.of("num_workers", 2, "noise_size", 25_000_000, "episodes_per_batch", 50);
 * try (EsTrainer trainer = new EsTrainer(config, "CartPole-v0")) {
 *   Map<String, Object> result = trainer.train();
 * }
 * }</pre>
 */
public class EsTrainer extends Trainer {

  /** For Tune. */
  public EsTrainer() {}

  /** An ES trainer for {@code env} with {@code config} over the defaults. */
  public EsTrainer(Map<String, ?> config, String env) {
    super(config, env);
  }

  @Override
  public String name() {
    return "ES";
  }

  @Override
  protected Map<String, Object> defaultConfig() {
    return EsConfig.DEFAULTS;
  }
  @Override
  public Map<String, String> configDescriptions() {
    return EsConfig.DESCRIPTIONS;
  }


  @Override
  protected PolicyFactory policyFactory() {
    return EsPolicy::new;
  }

  @Override
  protected void validateConfig(Map<String, Object> merged) {
    EsConfig.validate(merged);
  }

  /** ES runs its own worker actors, so the WorkerSet has only the local worker. */
  @Override
  protected int numRolloutWorkers(Map<String, Object> config) {
    return 0;
  }

  @Override
  protected PolicyOptimizer makeOptimizer(WorkerSet workers, Map<String, Object> config) {
    return new EsOptimizer((EsPolicy) workers.localWorker().getPolicy(), workers.localWorker().filter(), config);
  }

  /** One ES iteration (one {@link EsOptimizer#step()}), reported in RLlib's ES layout. */
  @Override
  protected Map<String, Object> step() {
    EsOptimizer es = (EsOptimizer) optimizer();
    numStepsSampled += es.step().stepsSampled();
    return new LinkedHashMap<>(es.lastResult());
  }

  @Override
  protected byte[] saveTrainerState() {
    return optimizer().saveState();
  }

  @Override
  protected void restoreTrainerState(byte[] state) {
    optimizer().restoreState(state);
  }
}
