package io.tune4j.rllib.agents.impala;

import io.tune4j.rllib.policy.ConfigReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IMPALA's defaults (RLlib's {@code agents/impala/impala.py} at 9e328fbe6) and their checks.
 * {@code num_gpus} stays 0 (RLlib asks for 1; Tune4j learns on the CPU) and {@code lambda} is
 * added for {@code vtrace: false}, where A3C's GAE postprocessing reads it.
 */
public final class ImpalaConfig {
  private ImpalaConfig() {}

  /** IMPALA's defaults (unmodifiable). */
  public static final Map<String, Object> DEFAULTS;

  /** One-line description per key of {@link #DEFAULTS}, for the docs. */
  public static final Map<String, String> DESCRIPTIONS;

  static {
    Map<String, Object> d = new LinkedHashMap<>();
    Map<String, String> h = new LinkedHashMap<>();
    put(d, h, "vtrace", true, "V-trace off-policy correction; false: A3C's GAE advantages computed by the workers");
    put(d, h, "vtrace_clip_rho_threshold", 1.0, "V-trace's ρ̄: clip of the importance weights in the value targets");
    put(d, h, "vtrace_clip_pg_rho_threshold", 1.0, "clip of the importance weights in the policy-gradient advantages");
    put(d, h, "sample_batch_size", 50, "env steps per worker sample call");
    put(d, h, "train_batch_size", 500, "env steps per learner batch");
    put(d, h, "min_iter_time_s", 10, "minimum seconds per training iteration");
    put(d, h, "num_workers", 2, "rollout workers sampling asynchronously (at least 1)");
    put(d, h, "num_gpus", 0, "GPUs for the learner (RLlib: 1; Tune4j learns on the CPU)");
    put(d, h, "num_data_loader_buffers", 1, "GPU data-loading buffers (only 1: no GPU learner yet)");
    put(d, h, "minibatch_buffer_size", 1, "train batches kept for reuse when num_sgd_iter > 1");
    put(d, h, "num_sgd_iter", 1, "passes over each train batch");
    put(d, h, "replay_proportion", 0.0, "replayed sample batches per new one (0: no replay)");
    put(d, h, "replay_buffer_num_slots", 0, "sample batches kept for replay");
    put(d, h, "learner_queue_size", 16, "train batches the learner's queue holds");
    put(d, h, "max_sample_requests_in_flight_per_worker", 2, "sample calls in flight per worker");
    put(d, h, "broadcast_interval", 1, "sample batches between weight broadcasts to a worker");
    put(d, h, "num_aggregation_workers", 0, "aggregation actors (only 0: not supported yet)");
    put(d, h, "grad_clip", 40.0, "clip the global gradient norm to this value");
    put(d, h, "opt_type", "adam", "optimizer: adam (rmsprop is not supported yet)");
    put(d, h, "lr", 0.0005, "learning rate");
    put(d, h, "lr_schedule", null, "piecewise-linear learning rate schedule [[timestep, lr], ...]");
    put(d, h, "decay", 0.99, "RMSProp decay (read only by opt_type rmsprop)");
    put(d, h, "momentum", 0.0, "RMSProp momentum (read only by opt_type rmsprop)");
    put(d, h, "epsilon", 0.1, "RMSProp epsilon (read only by opt_type rmsprop)");
    put(d, h, "vf_loss_coeff", 0.5, "coefficient of the value loss");
    put(d, h, "entropy_coeff", 0.01, "coefficient of the entropy bonus");
    put(d, h, "entropy_coeff_schedule", null, "piecewise-linear entropy coefficient schedule [[timestep, coeff], ...]");
    put(d, h, "lambda", 1.0, "GAE(lambda) parameter, used with vtrace false");
    put(d, h, "_fake_sampler", false, "RLlib's infinitely fast test sampler (not supported: must be false)");
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
    String a = "IMPALA";
    ConfigReader c = new ConfigReader(merged, a);
    if (c.getInt("num_workers") < 1) {
      throw new IllegalArgumentException(a + " config: 'num_workers' must be >= 1 (with 0 workers nothing samples"
          + " and training would hang), got " + c.getInt("num_workers"));
    }
    for (String k : new String[] {"learner_queue_size", "max_sample_requests_in_flight_per_worker",
        "broadcast_interval", "num_sgd_iter", "minibatch_buffer_size", "train_batch_size", "sample_batch_size"}) {
      if (c.getInt(k) < 1) {
        throw new IllegalArgumentException(a + " config: '" + k + "' must be >= 1, got " + c.getInt(k));
      }
    }
    if (c.getInt("replay_buffer_num_slots") < 0 || c.getDouble("replay_proportion") < 0) {
      throw new IllegalArgumentException(a + " config: 'replay_buffer_num_slots' and 'replay_proportion' must be >= 0,"
          + " got " + c.getInt("replay_buffer_num_slots") + " and " + c.getDouble("replay_proportion"));
    }
    if (c.getDouble("replay_proportion") > 0 && c.getInt("replay_buffer_num_slots") == 0) {
      throw new IllegalArgumentException(a + " config: 'replay_proportion' " + c.getDouble("replay_proportion")
          + " needs 'replay_buffer_num_slots' > 0 to replay from");
    }
    for (String k : new String[] {"vtrace_clip_rho_threshold", "vtrace_clip_pg_rho_threshold", "grad_clip"}) {
      if (c.getDouble(k) <= 0) {
        throw new IllegalArgumentException(a + " config: '" + k + "' must be > 0, got " + c.getDouble(k));
      }
    }
    if (c.getDouble("entropy_coeff") < 0) {
      throw new IllegalArgumentException(a + " config: 'entropy_coeff' must be >= 0, got " + c.getDouble("entropy_coeff"));
    }
    String opt = c.getString("opt_type");
    if (opt.equals("rmsprop")) {
      throw new IllegalArgumentException(a + " config: 'opt_type' rmsprop is not supported yet; use adam");
    }
    if (!opt.equals("adam")) {
      throw new IllegalArgumentException(a + " config: 'opt_type' must be adam or rmsprop, got '" + opt + "'");
    }
    for (String k : new String[] {"decay", "momentum", "epsilon"}) {
      if (c.getDouble(k) != ((Number) DEFAULTS.get(k)).doubleValue()) {
        throw new IllegalArgumentException(a + " config: '" + k + "' is read only by opt_type rmsprop, which is not"
            + " supported yet; remove it");
      }
    }
    if (c.getInt("num_data_loader_buffers") != 1) {
      throw new IllegalArgumentException(a + " config: 'num_data_loader_buffers' > 1 (GPU data loading) is not"
          + " supported yet");
    }
    if (c.getInt("num_aggregation_workers") != 0) {
      throw new IllegalArgumentException(a + " config: 'num_aggregation_workers' > 0 is not supported yet");
    }
    if (c.getBool("_fake_sampler")) {
      throw new IllegalArgumentException(a + " config: '_fake_sampler' is not supported yet");
    }
    c.getSchedule("lr_schedule");
    c.getSchedule("entropy_coeff_schedule");
  }
}
