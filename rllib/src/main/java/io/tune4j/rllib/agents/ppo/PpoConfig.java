package io.tune4j.rllib.agents.ppo;

import io.tune4j.rllib.policy.ConfigReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PPO's default config (the keys RLlib's {@code agents/ppo/ppo.py} {@code DEFAULT_CONFIG} adds to
 * or overrides in the common config, at 9e328fbe6) and its cross-key validation.
 *
 * <pre>{@code
 * Map<String, Object> merged = new PpoTrainer().mergeConfig(Map.of("lr", 3e-3)); // defaults + user config
 * PpoConfig.validate(merged);
 * }</pre>
 */
public final class PpoConfig {
  private PpoConfig() {}

  /**
   * A fluent builder over the same snake_case keys:
   *
   * <pre>{@code
   * Map<String, Object> config = PpoConfig.builder().lr(3e-3).numWorkers(1).model(m -> m.fcnetHiddens(64, 64)).build();
   * }</pre>
   */
  public static PpoConfigBuilder builder() {
    return new PpoConfigBuilder();
  }

  /** Defaults (unmodifiable; {@code null} means "none", as RLlib's {@code None}). */
  public static final Map<String, Object> DEFAULTS;

  /** One-line description per key of {@link #DEFAULTS}, for the docs. */
  public static final Map<String, String> DESCRIPTIONS;

  static {
    Map<String, Object> d = new LinkedHashMap<>();
    Map<String, String> h = new LinkedHashMap<>();
    put(
        d,
        h,
        "use_gae",
        true,
        "use the Generalized Advantage Estimator (GAE) with a value function (arXiv:1506.02438)");
    put(d, h, "lambda", 1.0, "GAE(lambda) parameter");
    put(d, h, "kl_coeff", 0.2, "initial coefficient of the KL penalty");
    put(d, h, "sample_batch_size", 200, "size of the batches collected from each worker");
    put(d, h, "train_batch_size", 4000, "number of timesteps collected for each SGD round");
    put(d, h, "sgd_minibatch_size", 128, "minibatch size of each SGD step");
    put(d, h, "num_sgd_iter", 30, "number of SGD epochs over each train batch");
    put(d, h, "lr", 5e-5, "Adam step size");
    put(d, h, "lr_schedule", null, "piecewise-linear learning rate schedule [[timestep, lr], ...]");
    put(d, h, "vf_share_layers", false, "share layers between the policy and the value function");
    put(d, h, "vf_loss_coeff", 1.0, "coefficient of the value function loss");
    put(d, h, "entropy_coeff", 0.0, "coefficient of the entropy regularizer");
    put(d, h, "clip_param", 0.3, "PPO clip parameter epsilon");
    put(
        d,
        h,
        "vf_clip_param",
        10.0,
        "clip parameter of the value function; sensitive to the scale of the rewards");
    put(d, h, "grad_clip", null, "if set, clip the global norm of the gradients to this value");
    put(d, h, "kl_target", 0.01, "target KL divergence for the adaptive KL coefficient");
    put(d, h, "batch_mode", "truncate_episodes", "truncate_episodes or complete_episodes rollouts");
    put(d, h, "observation_filter", "NoFilter", "observation filter: NoFilter or MeanStdFilter");
    put(
        d,
        h,
        "simple_optimizer",
        false,
        "use the sync samples optimizer instead of minibatch SGD epochs (true is a \"not supported yet\" error)");
    put(d, h, "straggler_mitigation", false, "(deprecated) 0.6 sampling behaviour (true is a \"not supported yet\" error)");
    DEFAULTS = Collections.unmodifiableMap(d);
    DESCRIPTIONS = Collections.unmodifiableMap(h);
  }

  private static void put(
      Map<String, Object> d, Map<String, String> h, String k, Object v, String s) {
    d.put(k, v);
    h.put(k, s);
  }

  /**
   * Cross-key checks of a merged config (RLlib's {@code validate_config}).
   *
   * @throws IllegalArgumentException naming the keys and values at fault
   */
  public static void validate(Map<String, Object> merged) {
    ConfigReader c = new ConfigReader(merged, "PPO");
    for (String k : new String[] {"simple_optimizer", "straggler_mitigation"}) {
      if (Boolean.TRUE.equals(merged.get(k))) {
        throw new IllegalArgumentException("PPO: config key '" + k + "' = true is not supported yet (PPO trains with"
            + " minibatch SGD epochs over synchronous samples); remove the key or set it to false");
      }
    }
    if (c.getDouble("entropy_coeff") < 0) {
      throw new IllegalArgumentException(
          "PPO config: 'entropy_coeff' must be >= 0, got " + c.getDouble("entropy_coeff"));
    }
    int mb = c.getInt("sgd_minibatch_size");
    int tb = c.getInt("train_batch_size");
    if (mb > tb) {
      throw new IllegalArgumentException(
          "PPO config: 'sgd_minibatch_size' ("
              + mb
              + ") must be <= 'train_batch_size' ("
              + tb
              + ")");
    }
    if (mb < 1 || c.getInt("num_sgd_iter") < 1) {
      throw new IllegalArgumentException(
          "PPO config: 'sgd_minibatch_size' and 'num_sgd_iter' must be >= 1");
    }
    if ("truncate_episodes".equals(c.getString("batch_mode")) && !c.getBool("use_gae")) {
      throw new IllegalArgumentException(
          "PPO config: 'batch_mode' truncate_episodes needs a value function ('use_gae': true);"
              + " set 'batch_mode' to complete_episodes");
    }
    if (c.has("grad_clip") && c.getDouble("grad_clip") <= 0) {
      throw new IllegalArgumentException(
          "PPO config: 'grad_clip' must be > 0 or null, got " + c.getDouble("grad_clip"));
    }
    c.getSchedule("lr_schedule");
  }
}
