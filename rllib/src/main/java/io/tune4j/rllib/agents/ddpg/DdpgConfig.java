package io.tune4j.rllib.agents.ddpg;

import io.tune4j.rllib.exploration.LinearSchedule;
import io.tune4j.rllib.policy.ConfigReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DDPG's default config (RLlib's {@code agents/ddpg/ddpg.py} {@code DEFAULT_CONFIG} at 9e328fbe6),
 * its validation and its exploration-scale schedule.
 */
public final class DdpgConfig {
  private DdpgConfig() {}

  /**
   * A fluent builder over the same snake_case keys:
   *
   * <pre>{@code
   * Map<String, Object> config = DdpgConfig.builder().useHuber(true).clipRewards(false).build();
   * }</pre>
   */
  public static DdpgConfigBuilder builder() {
    return new DdpgConfigBuilder();
  }

  /** Defaults (unmodifiable; {@code null} means "none", as RLlib's {@code None}). */
  public static final Map<String, Object> DEFAULTS;

  /** One-line description per key of {@link #DEFAULTS}, for the docs. */
  public static final Map<String, String> DESCRIPTIONS;

  static {
    Map<String, Object> d = new LinkedHashMap<>();
    Map<String, String> h = new LinkedHashMap<>();
    put(d, h, "twin_q", false, "twin critics, the target uses their minimum (TD3)");
    put(d, h, "policy_delay", 1, "critic updates per actor update (TD3: 2)");
    put(d, h, "smooth_target_policy", false, "add clipped Gaussian noise to the target actions (TD3)");
    put(d, h, "target_noise", 0.2, "stddev of the target action noise");
    put(d, h, "target_noise_clip", 0.5, "bound of the target action noise");
    put(d, h, "evaluation_interval", null, "evaluate every this many iterations (none by default)");
    put(d, h, "evaluation_num_episodes", 10, "episodes per evaluation");
    put(d, h, "use_state_preprocessor", false, "a model trunk before actor and critic (not supported yet)");
    put(d, h, "actor_hiddens", List.of(400, 300), "hidden layers of the actor");
    put(d, h, "actor_hidden_activation", "relu", "activation of the actor's hidden layers");
    put(d, h, "critic_hiddens", List.of(400, 300), "hidden layers of the critic");
    put(d, h, "critic_hidden_activation", "relu", "activation of the critic's hidden layers");
    put(d, h, "n_step", 1, "n-step returns");
    put(d, h, "exploration_should_anneal", false, "anneal the noise scale from 1 to exploration_final_scale");
    put(d, h, "schedule_max_timesteps", 100000, "timesteps over which the schedules are scaled");
    put(d, h, "timesteps_per_iteration", 1000, "env steps per training iteration (at least)");
    put(d, h, "exploration_fraction", 0.1, "fraction of schedule_max_timesteps over which the scale anneals");
    put(d, h, "exploration_final_scale", 0.02, "final noise scale when annealing");
    put(d, h, "exploration_noise_type", "ou", "ou (Ornstein-Uhlenbeck) or gaussian action noise");
    put(d, h, "exploration_ou_noise_scale", 0.1, "scale of the OU noise, times the action range");
    put(d, h, "exploration_ou_theta", 0.15, "OU theta (mean reversion)");
    put(d, h, "exploration_ou_sigma", 0.2, "OU sigma");
    put(d, h, "exploration_gaussian_sigma", 0.1, "stddev of gaussian action noise");
    put(d, h, "parameter_noise", false, "parameter space noise (not supported yet: must be false)");
    put(d, h, "pure_exploration_steps", 1000, "uniformly random actions for this many env steps");
    put(d, h, "buffer_size", 50000, "rows kept in the replay buffer");
    put(d, h, "prioritized_replay", true, "prioritized experience replay");
    put(d, h, "prioritized_replay_alpha", 0.6, "how much prioritization is used (0 = uniform)");
    put(d, h, "prioritized_replay_beta", 0.4, "importance-sampling exponent beta");
    put(d, h, "prioritized_replay_eps", 1e-6, "added to |TD error| to make a priority");
    put(d, h, "compress_observations", false, "LZ4-compress stored observations (not supported yet)");
    put(d, h, "critic_lr", 1e-3, "Adam step size of the critic");
    put(d, h, "actor_lr", 1e-3, "Adam step size of the actor");
    put(d, h, "target_network_update_freq", 0, "env steps between target updates (0: every step)");
    put(d, h, "tau", 0.002, "Polyak coefficient of the target update");
    put(d, h, "use_huber", false, "Huber instead of squared TD loss");
    put(d, h, "huber_threshold", 1.0, "delta of the Huber loss");
    put(d, h, "l2_reg", 1e-6, "L2 regularization of the weights (not biases)");
    put(d, h, "grad_norm_clipping", null, "if set, clip each variable's gradient to this norm");
    put(d, h, "learning_starts", 1500, "env steps sampled before learning starts");
    put(d, h, "sample_batch_size", 1, "env steps per worker per sample");
    put(d, h, "train_batch_size", 256, "rows replayed per learning step");
    put(d, h, "num_workers", 0, "remote rollout workers");
    put(d, h, "optimizer_class", "SyncReplayOptimizer", "SyncReplayOptimizer, or AsyncReplayOptimizer (Ape-X)");
    put(d, h, "per_worker_exploration", false, "a fixed noise scale per worker, 0.4^(1 + 7 i / (N - 1))");
    put(d, h, "worker_side_prioritization", false, "compute initial priorities on the workers");
    put(d, h, "min_iter_time_s", 1, "minimum seconds per training iteration");
    DEFAULTS = Collections.unmodifiableMap(d);
    DESCRIPTIONS = Collections.unmodifiableMap(h);
  }

  private static void put(Map<String, Object> d, Map<String, String> h, String k, Object v, String s) {
    d.put(k, v);
    h.put(k, s);
  }

  /**
   * Cross-key checks of a merged config.
   *
   * @throws IllegalArgumentException naming the key at fault
   */
  public static void validate(Map<String, Object> merged, String algorithm) {
    ConfigReader c = new ConfigReader(merged, algorithm);
    if (c.getBool("parameter_noise")) {
      throw new IllegalArgumentException(algorithm + ": config key 'parameter_noise' = true is not supported yet"
          + " (parameter space noise is not built in Tune4j); remove the key or set it to false");
    }
    if (c.getBool("use_state_preprocessor")) {
      throw new IllegalArgumentException(algorithm + ": config key 'use_state_preprocessor' = true is not supported"
          + " yet; remove the key or set it to false");
    }
    String noise = c.getString("exploration_noise_type");
    if (!"ou".equals(noise) && !"gaussian".equals(noise)) {
      throw new IllegalArgumentException(algorithm + " config: 'exploration_noise_type' must be ou or gaussian, got "
          + noise);
    }
    if (c.getInt("policy_delay") < 1 || c.getInt("n_step") < 1) {
      throw new IllegalArgumentException(algorithm + " config: 'policy_delay' and 'n_step' must be >= 1");
    }
    double tau = c.getDouble("tau");
    if (tau < 0 || tau > 1) {
      throw new IllegalArgumentException(algorithm + " config: 'tau' must be in [0, 1], got " + tau);
    }
    io.tune4j.rllib.agents.dqn.DqnConfig.checkOptimizer(c, algorithm);
    if (c.getBool("per_worker_exploration") && c.getInt("num_workers") < 2) {
      throw new IllegalArgumentException(algorithm + " config: 'per_worker_exploration' needs 'num_workers' >= 2,"
          + " got " + c.getInt("num_workers"));
    }
    if (c.has("grad_norm_clipping") && c.getDouble("grad_norm_clipping") <= 0) {
      throw new IllegalArgumentException(algorithm + " config: 'grad_norm_clipping' must be > 0 or null");
    }
  }

  /**
   * The action-noise scale of worker {@code workerIndex} (0 = local) at {@code timestep}: 0.4^(1 + 7
   * (i − 1) / (N − 1)) per remote worker with {@code per_worker_exploration} (0 locally), a linear
   * schedule from 1 to {@code exploration_final_scale} with {@code exploration_should_anneal}, else 1.
   */
  public static double noiseScale(Map<String, Object> config, int workerIndex, long timestep) {
    ConfigReader c = new ConfigReader(config, "DDPG");
    if (c.getBool("per_worker_exploration")) {
      return workerIndex == 0 ? 0.0 : Math.pow(0.4, 1 + (workerIndex - 1) / (double) (c.getInt("num_workers") - 1) * 7);
    }
    if (c.getBool("exploration_should_anneal")) {
      long steps = (long) (c.getDouble("exploration_fraction") * c.getLong("schedule_max_timesteps"));
      return new LinearSchedule(1.0, c.getDouble("exploration_final_scale"), steps).value(timestep);
    }
    return 1.0;
  }
}
