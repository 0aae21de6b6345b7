package io.tune4j.rllib.agents.dqn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ape-X DQN (Horgan et al. 2018) as RLlib 2019's {@code ApexTrainer}: DQN over the {@link
 * io.tune4j.rllib.optimizers.AsyncReplayOptimizer} (replay-shard actors, a learner thread,
 * continuous sampling), with a fixed ε per worker ({@code 0.4^(1 + 7 i / (N − 1))}), initial
 * priorities computed on the workers, and the target network synced every {@code
 * target_network_update_freq} <em>trained</em> steps. With {@code per_worker_exploration} the
 * result's episode metrics come from the third of the workers that explore least. Registered as
 * {@code "APEX"}.
 *
 * <pre>{@code
 * try (ApexTrainer trainer = new ApexTrainer(Map.of("num_workers", 2), "CartPole-v0")) {
 *   Map<String, Object> result = trainer.train();
 * }
 * }</pre>
 */
public class ApexTrainer extends DqnTrainer {
  /** APEX's defaults over DQN's (RLlib's {@code APEX_DEFAULT_CONFIG}; see {@link #DEFAULTS}). */
  public static final Map<String, Object> OVERRIDES;

  /** DQN's defaults with APEX's overrides. */
  public static final Map<String, Object> DEFAULTS;

  static {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("optimizer_class", "AsyncReplayOptimizer");
    o.put("optimizer", Map.of("max_weight_sync_delay", 400, "num_replay_buffer_shards", 4, "debug", false));
    o.put("n_step", 3);
    o.put("num_workers", 32);
    o.put("buffer_size", 2_000_000);
    o.put("learning_starts", 50_000);
    o.put("train_batch_size", 512);
    o.put("sample_batch_size", 50);
    o.put("target_network_update_freq", 500_000);
    o.put("timesteps_per_iteration", 25_000);
    o.put("per_worker_exploration", true);
    o.put("worker_side_prioritization", true);
    o.put("min_iter_time_s", 30);
    OVERRIDES = Collections.unmodifiableMap(o);
    Map<String, Object> d = new LinkedHashMap<>(DqnConfig.DEFAULTS);
    d.putAll(o);
    DEFAULTS = Collections.unmodifiableMap(d);
  }

  /** For Tune. */
  public ApexTrainer() {}

  /** An APEX trainer for {@code env} with {@code config} over the defaults. */
  public ApexTrainer(Map<String, ?> config, String env) {
    super(config, env);
  }

  @Override
  public String name() {
    return "APEX";
  }

  @Override
  protected Map<String, Object> defaultConfig() {
    return DEFAULTS;
  }
}
