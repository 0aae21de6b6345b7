package io.tune4j.rllib.agents.dqn;

import io.tune4j.rllib.exploration.LinearSchedule;
import io.tune4j.rllib.policy.ConfigReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DQN's default config (the keys RLlib's {@code agents/dqn/dqn.py} {@code DEFAULT_CONFIG} adds to
 * or overrides in the common config, at 9e328fbe6), its validation and its exploration schedule.
 */
public final class DqnConfig {
  private DqnConfig() {}

  /**
   * A fluent builder over the same snake_case keys:
   *
   * <pre>{@code
   * Map<String, Object> config = DqnConfig.builder().nStep(3).gamma(0.95).build();
   * }</pre>
   */
  public static DqnConfigBuilder builder() {
    return new DqnConfigBuilder();
  }

  /** Defaults (unmodifiable; {@code null} means "none", as RLlib's {@code None}). */
  public static final Map<String, Object> DEFAULTS;

  /** One-line description per key of {@link #DEFAULTS}, for the docs. */
  public static final Map<String, String> DESCRIPTIONS;

  static {
    Map<String, Object> d = new LinkedHashMap<>();
    Map<String, String> h = new LinkedHashMap<>();
    put(d, h, "num_atoms", 1, "atoms of the return distribution; > 1 (distributional DQN) is not supported yet");
    put(d, h, "v_min", -10.0, "lower bound of the return distribution's support");
    put(d, h, "v_max", 10.0, "upper bound of the return distribution's support");
    put(d, h, "noisy", false, "noisy networks (not supported yet: must be false)");
    put(d, h, "sigma0", 0.5, "initial noise of noisy networks");
    put(d, h, "dueling", true, "dueling heads: Q = V + A - mean(A)");
    put(d, h, "double_q", true, "double Q-learning: the online network picks the next action");
    put(d, h, "hiddens", List.of(256), "ReLU layers of the Q heads, after the model's fcnet_hiddens");
    put(d, h, "n_step", 1, "n-step Q-learning");
    put(d, h, "schedule_max_timesteps", 100000, "timesteps over which the schedules are scaled");
    put(d, h, "timesteps_per_iteration", 1000, "env steps per training iteration (at least)");
    put(d, h, "exploration_fraction", 0.1, "fraction of schedule_max_timesteps over which epsilon falls");
    put(d, h, "exploration_final_eps", 0.02, "final epsilon of epsilon-greedy exploration");
    put(d, h, "target_network_update_freq", 500, "env steps between target network syncs");
    put(d, h, "soft_q", false, "softmax (Boltzmann) actions (not supported yet: must be false)");
    put(d, h, "softmax_temp", 1.0, "softmax temperature of soft_q");
    put(d, h, "parameter_noise", false, "parameter space noise (not supported yet: must be false)");
    put(d, h, "buffer_size", 50000, "rows kept in the replay buffer");
    put(d, h, "prioritized_replay", true, "prioritized experience replay");
    put(d, h, "prioritized_replay_alpha", 0.6, "how much prioritization is used (0 = uniform)");
    put(d, h, "prioritized_replay_beta", 0.4, "initial importance-sampling exponent beta");
    put(d, h, "beta_annealing_fraction", 0.2, "fraction of schedule_max_timesteps over which beta anneals");
    put(d, h, "final_prioritized_replay_beta", 0.4, "final beta");
    put(d, h, "prioritized_replay_eps", 1e-6, "added to |TD error| to make a priority");
    put(d, h, "compress_observations", false,
        "LZ4-compress stored observations (RLlib's default is true; not supported yet: must be false)");
    put(d, h, "lr", 5e-4, "Adam step size");
    put(d, h, "lr_schedule", null, "piecewise-linear learning rate schedule [[timestep, lr], ...]");
    put(d, h, "adam_epsilon", 1e-8, "Adam's epsilon");
    put(d, h, "grad_norm_clipping", 40, "if set, clip each variable's gradient to this norm");
    put(d, h, "learning_starts", 1000, "env steps sampled before learning starts");
    put(d, h, "sample_batch_size", 4, "env steps per worker per sample (at least n_step)");
    put(d, h, "train_batch_size", 32, "rows replayed per learning step");
    put(d, h, "num_workers", 0, "remote rollout workers");
    put(d, h, "optimizer_class", "SyncReplayOptimizer",
        "the policy optimizer: SyncReplayOptimizer, or AsyncReplayOptimizer (Ape-X)");
    put(d, h, "per_worker_exploration", false, "a fixed epsilon per worker, 0.4^(1 + 7 i / (N - 1))");
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
    notYet(c, algorithm, "num_atoms", c.getInt("num_atoms") != 1, "distributional DQN", "1");
    notYet(c, algorithm, "noisy", c.getBool("noisy"), "noisy networks", "false");
    notYet(c, algorithm, "soft_q", c.getBool("soft_q"), "softmax actions", "false");
    notYet(c, algorithm, "parameter_noise", c.getBool("parameter_noise"), "parameter space noise", "false");
    checkOptimizer(c, algorithm);
    if (c.getInt("n_step") < 1) {
      throw new IllegalArgumentException(algorithm + " config: 'n_step' must be >= 1, got " + c.getInt("n_step"));
    }
    if (c.getInt("buffer_size") < 1) {
      throw new IllegalArgumentException(
          algorithm + " config: 'buffer_size' must be >= 1, got " + c.getInt("buffer_size"));
    }
    double a = c.getDouble("prioritized_replay_alpha");
    if (a < 0) {
      throw new IllegalArgumentException(algorithm + " config: 'prioritized_replay_alpha' must be >= 0, got " + a);
    }
    if (c.getDouble("prioritized_replay_eps") <= 0) {
      throw new IllegalArgumentException(algorithm + " config: 'prioritized_replay_eps' must be > 0");
    }
    for (String k : List.of("exploration_fraction", "exploration_final_eps")) {
      double v = c.getDouble(k);
      if (v < 0 || v > 1) {
        throw new IllegalArgumentException(algorithm + " config: '" + k + "' must be in [0, 1], got " + v);
      }
    }
    if (c.getBool("per_worker_exploration") && c.getInt("num_workers") < 2) {
      throw new IllegalArgumentException(algorithm + " config: 'per_worker_exploration' needs 'num_workers' >= 2, got "
          + c.getInt("num_workers"));
    }
    if (c.has("grad_norm_clipping") && c.getDouble("grad_norm_clipping") <= 0) {
      throw new IllegalArgumentException(algorithm + " config: 'grad_norm_clipping' must be > 0 or null");
    }
    if (c.getInt("learning_starts") > c.getInt("buffer_size")) {
      java.util.logging.Logger.getLogger(DqnConfig.class.getName()).warning(algorithm + ": buffer_size="
          + c.getInt("buffer_size") + " < learning_starts=" + c.getInt("learning_starts"));
    }
    c.getSchedule("lr_schedule");
  }

  /**
   * Checks {@code optimizer_class} (SyncReplayOptimizer or AsyncReplayOptimizer) and the {@code
   * optimizer} map only the latter reads (shared by the DQN family).
   *
   * @throws IllegalArgumentException naming the key at fault
   */
  public static void checkOptimizer(ConfigReader c, String algorithm) {
    String opt = c.getString("optimizer_class");
    if (!"SyncReplayOptimizer".equals(opt) && !"AsyncReplayOptimizer".equals(opt)) {
      throw new IllegalArgumentException(algorithm + " config: 'optimizer_class' must be SyncReplayOptimizer or"
          + " AsyncReplayOptimizer, got " + opt);
    }
    if ("AsyncReplayOptimizer".equals(opt)) {
      if (c.getInt("num_workers") < 1) {
        throw new IllegalArgumentException(algorithm + " config: 'optimizer_class' AsyncReplayOptimizer needs"
            + " 'num_workers' >= 1 (remote workers sample), got " + c.getInt("num_workers"));
      }
      if (!c.getBool("prioritized_replay")) {
        throw new IllegalArgumentException(algorithm + " config: AsyncReplayOptimizer with 'prioritized_replay'"
            + " false is not supported yet; set it to true");
      }
      Map<String, Object> o = c.getMap("optimizer");
      for (String k : o.keySet()) {
        if (!List.of("max_weight_sync_delay", "num_replay_buffer_shards", "debug").contains(k)) {
          throw new IllegalArgumentException(algorithm + ": unknown config key 'optimizer." + k
              + "' (valid: max_weight_sync_delay, num_replay_buffer_shards, debug)");
        }
      }
      if (Boolean.TRUE.equals(o.get("debug"))) {
        throw new IllegalArgumentException(algorithm + ": config key 'optimizer.debug' = true is not supported yet;"
            + " remove the key or set it to false");
      }
    } else if (!c.getMap("optimizer").isEmpty()) {
      throw new IllegalArgumentException(algorithm + ": config key 'optimizer' " + c.getMap("optimizer")
          + " is only read by AsyncReplayOptimizer; remove it");
    }
  }

  private static void notYet(ConfigReader c, String algorithm, String key, boolean set, String what, String dflt) {
    if (set) {
      throw new IllegalArgumentException(algorithm + ": config key '" + key + "' = " + c.map().get(key)
          + " is not supported yet (" + what + " is not built in Tune4j); remove the key or set it to " + dflt);
    }
  }

  /**
   * The ε of worker {@code workerIndex} (0 = local) at {@code timestep}: RLlib's linear schedule
   * from 1.0 to {@code exploration_final_eps} over {@code exploration_fraction *
   * schedule_max_timesteps}, or with {@code per_worker_exploration} the constant {@code 0.4^(1 + 7
   * (i − 1) / (N − 1))} for remote worker i of N and 0 for the local one.
   */
  public static double epsilon(Map<String, Object> config, int workerIndex, long timestep) {
    ConfigReader c = new ConfigReader(config, "DQN");
    if (c.getBool("per_worker_exploration")) {
      int n = c.getInt("num_workers");
      if (workerIndex == 0) {
        return 0.0;
      }
      return Math.pow(0.4, 1 + (workerIndex - 1) / (double) (n - 1) * 7);
    }
    long steps = (long) (c.getDouble("exploration_fraction") * c.getLong("schedule_max_timesteps"));
    return new LinearSchedule(1.0, c.getDouble("exploration_final_eps"), steps).value(timestep);
  }
}
