package io.tune4j.rllib.agents.a3c;

import io.tune4j.rllib.policy.ConfigReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A3C's and A2C's defaults (RLlib's {@code agents/a3c/a3c.py} and {@code a2c.py} at 9e328fbe6) and
 * their checks.
 */
public final class A3cConfig {
  private A3cConfig() {}

  /** A3C's defaults (unmodifiable). */
  public static final Map<String, Object> DEFAULTS;

  /**
   * A2C's defaults: A3C's with {@code sample_batch_size} 20 and {@code min_iter_time_s} 10, plus
   * {@code microbatch_size} (null: one step per train batch; else gradients of microbatches of at
   * least that many steps are summed and applied once per train batch, as RLlib's later A2C).
   */
  public static final Map<String, Object> A2C_DEFAULTS;

  /** One-line description per key of {@link #DEFAULTS}, for the docs. */
  public static final Map<String, String> DESCRIPTIONS;

  static {
    Map<String, Object> d = new LinkedHashMap<>();
    Map<String, String> h = new LinkedHashMap<>();
    put(d, h, "sample_batch_size", 10, "env steps per worker sample");
    put(d, h, "use_pytorch", false, "PyTorch backend (not supported: must be false)");
    put(d, h, "lambda", 1.0, "GAE(lambda) parameter");
    put(d, h, "grad_clip", 40.0, "clip the global gradient norm to this value");
    put(d, h, "lr", 0.0001, "Adam step size");
    put(d, h, "lr_schedule", null, "piecewise-linear learning rate schedule [[timestep, lr], ...]");
    put(d, h, "vf_loss_coeff", 0.5, "coefficient of the value loss");
    put(d, h, "entropy_coeff", 0.01, "coefficient of the entropy bonus");
    put(d, h, "min_iter_time_s", 5, "minimum seconds per training iteration");
    put(d, h, "optimizer", Map.of("grads_per_step", 100), "AsyncGradientsOptimizer: gradients applied per step");
    DEFAULTS = Collections.unmodifiableMap(d);
    DESCRIPTIONS = Collections.unmodifiableMap(h);
    Map<String, Object> a2c = new LinkedHashMap<>(d);
    a2c.put("sample_batch_size", 20);
    a2c.put("min_iter_time_s", 10);
    a2c.put("optimizer", Map.of());
    a2c.put("microbatch_size", null);
    A2C_DEFAULTS = Collections.unmodifiableMap(a2c);
  }

  private static void put(Map<String, Object> d, Map<String, String> h, String k, Object v, String s) {
    d.put(k, v);
    h.put(k, s);
  }

  /**
   * Checks a merged config.
   *
   * @throws IllegalArgumentException naming the key at fault
   */
  public static void validate(Map<String, Object> merged, String algorithm) {
    ConfigReader c = new ConfigReader(merged, algorithm);
    if (c.getDouble("entropy_coeff") < 0) {
      throw new IllegalArgumentException(algorithm + " config: 'entropy_coeff' must be >= 0, got "
          + c.getDouble("entropy_coeff"));
    }
    if (c.getDouble("grad_clip") <= 0) {
      throw new IllegalArgumentException(algorithm + " config: 'grad_clip' must be > 0, got " + c.getDouble("grad_clip"));
    }
    c.getSchedule("lr_schedule");
  }
}
