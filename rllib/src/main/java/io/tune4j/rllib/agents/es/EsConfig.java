package io.tune4j.rllib.agents.es;

import io.tune4j.rllib.policy.ConfigReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** ES's defaults (RLlib's {@code agents/es/es.py} at 9e328fbe6) and their checks. */
public final class EsConfig {
  private EsConfig() {}

  /** ES's defaults (unmodifiable). */
  public static final Map<String, Object> DEFAULTS;

  /** One-line description per key of {@link #DEFAULTS}, for the docs. */
  public static final Map<String, String> DESCRIPTIONS;

  static {
    Map<String, Object> d = new LinkedHashMap<>();
    Map<String, String> h = new LinkedHashMap<>();
    put(d, h, "l2_coeff", 0.005, "L2 penalty on the parameters, added to the ES gradient");
    put(d, h, "noise_stdev", 0.02, "σ: scale of the parameter perturbations");
    put(d, h, "episodes_per_batch", 1000, "minimum perturbed episodes per iteration");
    put(d, h, "train_batch_size", 10000, "minimum env steps per iteration");
    put(d, h, "eval_prob", 0.003, "probability that a worker's next rollout is an unperturbed evaluation");
    put(d, h, "return_proc_mode", "centered_rank", "how returns become weights (only centered_rank)");
    put(d, h, "num_workers", 10, "ES worker actors");
    put(d, h, "stepsize", 0.01, "Adam step size");
    put(d, h, "observation_filter", "MeanStdFilter", "observation filter, synchronized every iteration");
    put(d, h, "noise_size", 250_000_000, "floats in the shared noise table (4 bytes each, one copy per process)");
    put(d, h, "report_length", 10, "episode_reward_mean averages the last this many evaluation means");
    DEFAULTS = Collections.unmodifiableMap(d);
    DESCRIPTIONS = Collections.unmodifiableMap(h);
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
  public static void validate(Map<String, Object> merged) {
    String a = "ES";
    ConfigReader c = new ConfigReader(merged, a);
    if (c.getInt("num_workers") < 1) {
      throw new IllegalArgumentException(a + " config: 'num_workers' must be >= 1 (ES workers run the rollouts),"
          + " got " + c.getInt("num_workers"));
    }
    for (String k : new String[] {"episodes_per_batch", "train_batch_size", "report_length"}) {
      if (c.getLong(k) < 1) {
        throw new IllegalArgumentException(a + " config: '" + k + "' must be >= 1, got " + c.getLong(k));
      }
    }
    long noise = c.getLong("noise_size");
    if (noise < 1 || noise > 500_000_000L) {
      throw new IllegalArgumentException(a + " config: 'noise_size' must be in [1, 500000000] (a Java array of"
          + " floats; 4 bytes each), got " + noise);
    }
    for (String k : new String[] {"noise_stdev", "stepsize"}) {
      if (c.getDouble(k) <= 0) {
        throw new IllegalArgumentException(a + " config: '" + k + "' must be > 0, got " + c.getDouble(k));
      }
    }
    double p = c.getDouble("eval_prob");
    if (p < 0 || p >= 1) {
      throw new IllegalArgumentException(a + " config: 'eval_prob' must be in [0, 1), got " + p);
    }
    if (c.getDouble("l2_coeff") < 0) {
      throw new IllegalArgumentException(a + " config: 'l2_coeff' must be >= 0, got " + c.getDouble("l2_coeff"));
    }
    if (!"centered_rank".equals(c.getString("return_proc_mode"))) {
      throw new IllegalArgumentException(a + " config: 'return_proc_mode' must be centered_rank, got '"
          + c.getString("return_proc_mode") + "'");
    }
  }
}
