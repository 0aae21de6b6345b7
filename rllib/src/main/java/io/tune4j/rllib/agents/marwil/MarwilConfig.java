package io.tune4j.rllib.agents.marwil;

import io.tune4j.rllib.policy.ConfigReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MARWIL's default config (RLlib's {@code agents/marwil/marwil.py} at 9e328fbe6) and its checks. */
public final class MarwilConfig {
  private MarwilConfig() {}

  /**
   * A fluent builder over the same snake_case keys:
   *
   * <pre>{@code
   * Map<String, Object> config = MarwilConfig.builder().beta(0.0).build();   // behaviour cloning
   * }</pre>
   */
  public static MarwilConfigBuilder builder() {
    return new MarwilConfigBuilder();
  }

  /** Defaults (unmodifiable). */
  public static final Map<String, Object> DEFAULTS;

  /** One-line description per key of {@link #DEFAULTS}, for the docs. */
  public static final Map<String, String> DESCRIPTIONS;

  static {
    Map<String, Object> d = new LinkedHashMap<>();
    Map<String, String> h = new LinkedHashMap<>();
    put(d, h, "input", "sampler", "where experiences come from: sampler, or files written with output");
    put(d, h, "input_evaluation", List.of("is", "wis"), "off-policy estimators run on offline input");
    put(d, h, "beta", 1.0, "advantage weighting exponent; 0 is behaviour cloning");
    put(d, h, "vf_coeff", 1.0, "weight of the value loss");
    put(d, h, "postprocess_inputs", true, "compute returns of offline episodes with the policy");
    put(d, h, "batch_mode", "complete_episodes", "MARWIL needs complete episodes");
    put(d, h, "lr", 1e-4, "Adam step size");
    put(d, h, "train_batch_size", 2000, "rows per learning step, drawn as whole stored batches");
    put(d, h, "replay_buffer_size", 100000, "rows of stored batches");
    put(d, h, "learning_starts", 0, "rows sampled before learning starts");
    put(d, h, "num_workers", 0, "remote rollout workers");
    DEFAULTS = Collections.unmodifiableMap(d);
    DESCRIPTIONS = Collections.unmodifiableMap(h);
  }

  private static void put(Map<String, Object> d, Map<String, String> h, String k, Object v, String s) {
    d.put(k, v);
    h.put(k, s);
  }

  /**
   * Cross-key checks.
   *
   * @throws IllegalArgumentException naming the key at fault
   */
  public static void validate(Map<String, Object> merged) {
    ConfigReader c = new ConfigReader(merged, "MARWIL");
    if (c.getDouble("beta") < 0) {
      throw new IllegalArgumentException("MARWIL config: 'beta' must be >= 0, got " + c.getDouble("beta"));
    }
    if (c.getInt("replay_buffer_size") < c.getInt("learning_starts")) {
      throw new IllegalArgumentException("MARWIL config: 'replay_buffer_size' (" + c.getInt("replay_buffer_size")
          + ") must be >= 'learning_starts' (" + c.getInt("learning_starts") + ")");
    }
  }
}
