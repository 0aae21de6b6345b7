package io.tune4j.rllib.agents;

import io.tune4j.rllib.models.ModelCatalog;
import io.tune4j.tune.trial.Resources;
import io.tune4j.tune.util.Suggest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * RLlib's {@code COMMON_CONFIG} (ray 9e328fbe6, {@code agents/trainer.py}): every trainer's keys,
 * defaults and descriptions, and the one place configs are merged and checked.
 */
public final class CommonConfig {
  private CommonConfig() {}

  /** Defaults (unmodifiable; null = RLlib's None). */
  public static final Map<String, Object> DEFAULTS;

  /** One line per key, for docs and errors. */
  public static final Map<String, String> DESCRIPTIONS;

  static {
    Map<String, Object> d = new LinkedHashMap<>();
    Map<String, String> h = new LinkedHashMap<>();
    put(d, h, "callbacks", null, "a Callbacks instance or class name (on_episode_start/step/end, on_sample_end, on_train_result, on_postprocess_traj)");
    put(d, h, "ignore_worker_failures", false, "whether to attempt to continue training if a worker crashes");
    put(d, h, "log_level", "INFO", "INFO, DEBUG, WARN or ERROR");
    put(d, h, "model", ModelCatalog.MODEL_DEFAULTS, "model options (see the model catalog)");
    put(d, h, "optimizer", Map.of(), "arguments to pass to the policy optimizer");
    put(d, h, "gamma", 0.99, "discount factor of the MDP");
    put(d, h, "horizon", null, "episode length limit; null uses the env's time limit");
    put(d, h, "soft_horizon", false, "at the horizon, compute rewards but do not reset the env");
    put(d, h, "env_config", Map.of(), "arguments passed to the env creator");
    put(d, h, "env", null, "environment id or registered name");
    put(d, h, "clip_rewards", null, "clip rewards to their sign; null clips only for Atari");
    put(d, h, "clip_actions", true, "clip Box actions to the action space bounds");
    put(d, h, "no_done_at_end", false, "true: an episode cut by the env's time limit bootstraps from V(last obs);"
        + " false (RLlib 2019): it ends like a terminal state");
    put(d, h, "preprocessor_pref", "deepmind", "preprocessors to use for image observations");
    put(d, h, "lr", 0.0001, "the default learning rate");
    put(d, h, "monitor", false, "save episode videos (MP4) and stats in the result dir, as gym's monitor does");
    put(d, h, "evaluation_interval", null, "evaluate every N training iterations; null disables");
    put(d, h, "evaluation_num_episodes", 10, "episodes per evaluation");
    put(d, h, "evaluation_config", Map.of(), "config overrides for the evaluation workers");
    put(d, h, "num_workers", 2, "number of rollout worker actors");
    put(d, h, "num_gpus", 0, "GPUs for the driver (may be fractional)");
    put(d, h, "num_cpus_per_worker", 1, "CPUs per rollout worker");
    put(d, h, "num_gpus_per_worker", 0, "GPUs per rollout worker");
    put(d, h, "custom_resources_per_worker", Map.of(), "custom resources per rollout worker");
    put(d, h, "num_cpus_for_driver", 1, "CPUs for the trainer itself");
    put(d, h, "num_envs_per_worker", 1, "envs per worker, stepped together with one batched forward pass");
    put(d, h, "sample_batch_size", 200, "steps per env per worker sample (times num_envs_per_worker)");
    put(d, h, "train_batch_size", 200, "steps per training batch");
    put(d, h, "batch_mode", "truncate_episodes", "truncate_episodes or complete_episodes");
    put(d, h, "sample_async", false, "(deprecated) sample in a background thread");
    put(d, h, "observation_filter", "NoFilter", "NoFilter or MeanStdFilter");
    put(d, h, "synchronize_filters", true, "sync the workers' filters through the driver each iteration");
    put(d, h, "tf_session_args", Map.of(), "TensorFlow session settings (TensorFlow only)");
    put(d, h, "local_evaluator_tf_session_args", Map.of(), "TensorFlow session settings (TensorFlow only)");
    put(d, h, "compress_observations", false, "compress observations in sample batches");
    put(d, h, "collect_metrics_timeout", 180, "seconds to wait for worker metrics");
    put(d, h, "metrics_smoothing_episodes", 100, "episodes the reward metrics are smoothed over");
    put(d, h, "remote_worker_envs", false, "(not supported) envs as separate actors");
    put(d, h, "remote_env_batch_wait_ms", 0, "(not supported) wait for remote envs");
    put(d, h, "min_iter_time_s", 0, "minimum seconds per train() iteration");
    put(d, h, "timesteps_per_iteration", 0, "minimum env steps per train() iteration");
    put(d, h, "seed", null, "seed for weights, sampling and envs (worker i uses seed + i)");
    put(d, h, "input", "sampler", "where experiences come from");
    put(d, h, "input_evaluation", List.of("is", "wis"), "off-policy estimators for offline input");
    put(d, h, "postprocess_inputs", false, "postprocess offline input trajectories");
    put(d, h, "shuffle_buffer_size", 0, "shuffle buffer for offline input");
    put(d, h, "output", null, "where to write experiences (a directory)");
    put(d, h, "output_compress_columns", List.of("obs", "new_obs"), "columns to compress in output files");
    put(d, h, "output_max_file_size", 64 * 1024 * 1024, "bytes per output file");
    put(d, h, "multiagent", Map.of("policies", Map.of(), "policy_mapping_fn", "", "policies_to_train", List.of()),
        "multi-agent training: policies, policy_mapping_fn, policies_to_train");
    put(d, h, "use_pytorch", false, "PyTorch backend");
    put(d, h, "eager", false, "TensorFlow eager mode");
    put(d, h, "use_eager", false, "TensorFlow eager mode for the loss");
    DEFAULTS = Collections.unmodifiableMap(d);
    DESCRIPTIONS = Collections.unmodifiableMap(h);
  }

  private static void put(Map<String, Object> d, Map<String, String> h, String k, Object v, String s) {
    d.put(k, v);
    h.put(k, s);
  }

  /** Keys whose value is a map merged key by key (RLlib's deep_update with new keys allowed). */
  private static final List<String> OPEN_MAPS =
      List.of("env_config", "optimizer", "evaluation_config", "custom_resources_per_worker",
          "tf_session_args", "local_evaluator_tf_session_args", "multiagent");

  /**
   * Merges {@code user} over {@code COMMON_CONFIG} overlaid with the algorithm's defaults, checking
   * every key: unknown keys name the closest valid key, wrong types name key, expected type and
   * value.
   *
   * @param algorithm the algorithm name, for messages
   * @throws IllegalArgumentException for the first bad key
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> merge(String algorithm, Map<String, Object> algoDefaults, Map<String, ?> user) {
    Map<String, Object> base = new LinkedHashMap<>(DEFAULTS);
    base.putAll(algoDefaults);
    Map<String, Object> out = new LinkedHashMap<>(base);
    if (user == null) {
      return out;
    }
    for (Map.Entry<String, ?> e : user.entrySet()) {
      String k = e.getKey();
      Object v = e.getValue();
      if (!base.containsKey(k)) {
        throw new IllegalArgumentException(
            algorithm + ": unknown config key '" + k + "'" + Suggest.didYouMean(k, base.keySet())
                + " (valid keys: " + new TreeSet<>(base.keySet()) + ")");
      }
      Object dflt = base.get(k);
      if (v instanceof Enum<?> && (dflt instanceof String || dflt == null)) {
        v = v.toString(); // BatchMode, FilterName, LogLevel: their RLlib spelling
      }
      checkType(algorithm, k, dflt, v);
      if (k.equals("model") && v instanceof Map<?, ?> m) {
        out.put(k, ModelCatalog.resolve((Map<String, Object>) m));
      } else if (OPEN_MAPS.contains(k) && v instanceof Map<?, ?> m && dflt instanceof Map<?, ?> dm) {
        Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) dm);
        merged.putAll((Map<String, Object>) m);
        out.put(k, merged);
      } else {
        out.put(k, v);
      }
    }
    checkValues(algorithm, out);
    return out;
  }

  /** Keys accepted for RLlib compatibility whose non-default values Tune4j cannot honour yet. */
  private static final Map<String, String> NOT_YET =
      Map.ofEntries(
          Map.entry("sample_async", "asynchronous sampling"),
          Map.entry("soft_horizon", "soft horizons"),
          Map.entry("remote_worker_envs", "envs as remote actors"),
          Map.entry("compress_observations", "compressed observations"),
          Map.entry("use_pytorch", "PyTorch (Tune4j's models are DL4J)"),
          Map.entry("eager", "TensorFlow eager mode (Tune4j's models are DL4J)"),
          Map.entry("use_eager", "TensorFlow eager mode (Tune4j's models are DL4J)"),
          Map.entry("ignore_worker_failures", "ignoring failed workers"),
          Map.entry("preprocessor_pref", "image preprocessors (image observations are not supported)"),
          Map.entry("collect_metrics_timeout", "a metrics timeout: workers' metrics are always awaited"),
          Map.entry("tf_session_args", "TensorFlow session settings (Tune4j's models are DL4J)"),
          Map.entry("local_evaluator_tf_session_args", "TensorFlow session settings (Tune4j's models are DL4J)"),
          Map.entry("remote_env_batch_wait_ms", "envs as remote actors"));

  /** What Tune4j does with a key, where it is more than "yes" and not in {@link #NOT_YET}. */
  private static final Map<String, String> NOTES =
      Map.ofEntries(
          Map.entry("optimizer", "yes: A3C's `grads_per_step`; APEX's replay shards and weight-sync delay"),
          Map.entry("num_gpus", "reserved from Ray; Tune4j trains on the CPU"),
          Map.entry("num_gpus_per_worker", "reserved from Ray; Tune4j samples on the CPU"),
          Map.entry("custom_resources_per_worker", "reserved on a Ray cluster"),
          Map.entry("input_evaluation", "yes (`simulation` is a \"not supported yet\" error)"),
          Map.entry("output", "yes (single-agent)"),
          Map.entry("multiagent", "yes, from Java (PPO and PG train several policies)"),
          Map.entry("monitor", "yes: gym monitor videos for single-agent envs that render"),
          Map.entry("model", "yes: fully connected networks; conv, LSTM and preprocessor keys must stay at their defaults"));

  /**
   * What Tune4j does with a common key, for the config reference: "yes", a note, or the error a
   * non-default value gets.
   *
   * @param key a key of {@link #DEFAULTS}
   * @return the text
   */
  public static String support(String key) {
    String notYet = NOT_YET.get(key);
    if (notYet != null) {
      return "only the default: another value is a \"not supported yet\" error (" + notYet + ")";
    }
    return NOTES.getOrDefault(key, "yes");
  }

  /**
   * Range and set checks of a merged config, and the keys whose values are not supported yet; each
   * message names the key, the value and what is allowed.
   */
  @SuppressWarnings("unchecked")
  static void checkValues(String algorithm, Map<String, Object> c) {
    for (Map.Entry<String, String> e : NOT_YET.entrySet()) {
      Object v = c.get(e.getKey());
      if (v != null && !v.equals(DEFAULTS.get(e.getKey())) && !(v instanceof Number n && n.doubleValue() == 0)) {
        throw new IllegalArgumentException(
            algorithm + ": config key '" + e.getKey() + "' = " + v + " is not supported yet (" + e.getValue()
                + " is not built in Tune4j); remove the key or set it to " + DEFAULTS.get(e.getKey()));
      }
    }
    checkMultiAgent(algorithm, c.get("multiagent"));
    checkOffline(algorithm, c);
    atLeast(algorithm, c, "num_workers", 0);
    atLeast(algorithm, c, "num_gpus", 0);
    atLeast(algorithm, c, "num_cpus_per_worker", 0);
    atLeast(algorithm, c, "num_gpus_per_worker", 0);
    atLeast(algorithm, c, "num_cpus_for_driver", 0);
    atLeast(algorithm, c, "num_envs_per_worker", 1);
    atLeast(algorithm, c, "sample_batch_size", 1);
    atLeast(algorithm, c, "train_batch_size", 1);
    atLeast(algorithm, c, "horizon", 1);
    atLeast(algorithm, c, "evaluation_interval", 1);
    atLeast(algorithm, c, "evaluation_num_episodes", 1);
    atLeast(algorithm, c, "metrics_smoothing_episodes", 1);
    atLeast(algorithm, c, "min_iter_time_s", 0);
    atLeast(algorithm, c, "timesteps_per_iteration", 0);
    atLeast(algorithm, c, "collect_metrics_timeout", 0);
    if (c.get("gamma") instanceof Number g && (g.doubleValue() < 0 || g.doubleValue() > 1)) {
      throw new IllegalArgumentException(algorithm + ": config key 'gamma' must be in [0, 1], got " + g);
    }
    if (c.get("lr") instanceof Number lr && lr.doubleValue() <= 0) {
      throw new IllegalArgumentException(algorithm + ": config key 'lr' must be > 0, got " + lr);
    }
    oneOf(algorithm, c, "batch_mode", List.of("truncate_episodes", "complete_episodes"));
    oneOf(algorithm, c, "observation_filter", List.of("NoFilter", "MeanStdFilter"));
    oneOf(algorithm, c, "log_level", List.of("DEBUG", "INFO", "WARN", "ERROR"));
  }

  private static void checkOffline(String algorithm, Map<String, Object> c) {
    Object in = c.get("input");
    if (in instanceof Map<?, ?> mix) {
      double sum = 0;
      for (Map.Entry<?, ?> e : mix.entrySet()) {
        if (!(e.getValue() instanceof Number p) || p.doubleValue() < 0) {
          throw new IllegalArgumentException(algorithm + ": config key 'input." + e.getKey()
              + "' must be a probability, got " + e.getValue());
        }
        sum += p.doubleValue();
      }
      if (Math.abs(sum - 1.0) > 1e-9) {
        throw new IllegalArgumentException(algorithm + ": config key 'input' probabilities must sum to 1.0, got " + sum);
      }
    } else if (!(in instanceof String)) {
      throw new IllegalArgumentException(algorithm + ": config key 'input' must be \"sampler\", a path or glob of"
          + " JSON files, or a map of those to probabilities; got " + in);
    }
    if (c.get("input_evaluation") instanceof List<?> ev) {
      for (Object m : ev) {
        if (!"is".equals(m) && !"wis".equals(m)) {
          throw new IllegalArgumentException(algorithm + ": config key 'input_evaluation' entry '" + m + "' is "
              + ("simulation".equals(m) ? "not supported yet" : "unknown") + " (valid: is, wis)");
        }
      }
    }
    Object out = c.get("output");
    if (out != null && !(out instanceof String)) {
      throw new IllegalArgumentException(algorithm + ": config key 'output' must be a directory, got " + out);
    }
    if (out != null && c.get("multiagent") instanceof Map<?, ?> ma && ma.get("policies") instanceof Map<?, ?> p
        && !p.isEmpty()) {
      throw new IllegalArgumentException(algorithm + ": config key 'output' with multi-agent training is not"
          + " supported yet; remove it");
    }
  }

  private static void checkMultiAgent(String algorithm, Object multiagent) {
    if (!(multiagent instanceof Map<?, ?> ma)) {
      return;
    }
    for (Object k : ma.keySet()) {
      if (!List.of("policies", "policy_mapping_fn", "policies_to_train").contains(k)) {
        throw new IllegalArgumentException(algorithm + ": unknown config key 'multiagent." + k
            + "' (valid: policies, policy_mapping_fn, policies_to_train)");
      }
    }
    Object policies = ma.get("policies");
    if (policies != null && !(policies instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(algorithm + ": config key 'multiagent.policies' must map policy ids to"
          + " PolicySpec objects, got " + policies);
    }
    Map<?, ?> p = policies == null ? Map.of() : (Map<?, ?>) policies;
    for (Map.Entry<?, ?> e : p.entrySet()) {
      if (!(e.getValue() instanceof io.tune4j.rllib.policy.PolicySpec)) {
        throw new IllegalArgumentException(algorithm + ": config key 'multiagent.policies." + e.getKey()
            + "' must be a PolicySpec (multi-agent policies are set from Java), got " + e.getValue());
      }
    }
    Object fn = ma.get("policy_mapping_fn");
    if (!p.isEmpty() && !(fn instanceof io.tune4j.rllib.policy.PolicyMapping)) {
      throw new IllegalArgumentException(algorithm + ": config key 'multiagent.policy_mapping_fn' must be a"
          + " PolicyMapping when multiagent.policies is set, got " + (fn == null || "".equals(fn) ? "none" : fn));
    }
    Object train = ma.get("policies_to_train");
    if (train != null && !(train instanceof List<?>)) {
      throw new IllegalArgumentException(algorithm + ": config key 'multiagent.policies_to_train' must be a list"
          + " of policy ids, got " + train);
    }
    if (train instanceof List<?> l) {
      for (Object id : l) {
        if (!p.containsKey(id)) {
          throw new IllegalArgumentException(algorithm + ": config key 'multiagent.policies_to_train' names '" + id
              + "' but multiagent.policies has " + p.keySet());
        }
      }
    }
  }

  private static void atLeast(String algorithm, Map<String, Object> c, String key, double min) {
    if (c.get(key) instanceof Number n && n.doubleValue() < min) {
      throw new IllegalArgumentException(
          algorithm + ": config key '" + key + "' must be >= " + Resources.fmt(min) + ", got " + n);
    }
  }

  private static void oneOf(String algorithm, Map<String, Object> c, String key, List<String> allowed) {
    Object v = c.get(key);
    if (v != null && !allowed.contains(String.valueOf(v))) {
      throw new IllegalArgumentException(
          algorithm + ": config key '" + key + "' must be one of " + String.join(", ", allowed) + ", got '" + v
              + "'" + io.tune4j.tune.util.Suggest.didYouMean(String.valueOf(v), allowed));
    }
  }

  /** Resource amounts: integers by default, fractions allowed (e.g. {@code num_gpus: 0.2}). */
  static final java.util.Set<String> FRACTIONAL =
      java.util.Set.of("num_gpus", "num_cpus_per_worker", "num_gpus_per_worker", "num_cpus_for_driver",
          "min_iter_time_s", "collect_metrics_timeout");

  /** Checks {@code v} against the type of the default value {@code dflt}. */
  static void checkType(String algorithm, String key, Object dflt, Object v) {
    if (dflt == null || v == null) {
      return;
    }
    String expected = null;
    if (dflt instanceof Boolean && !(v instanceof Boolean)) {
      expected = "a boolean";
    } else if (FRACTIONAL.contains(key) && !(v instanceof Number)) {
      expected = "a number";
    } else if (!FRACTIONAL.contains(key) && (dflt instanceof Integer || dflt instanceof Long) && !(isIntegral(v))) {
      expected = "an integer";
    } else if (dflt instanceof Double && !(v instanceof Number)) {
      expected = "a number";
    } else if (key.equals("input") && !(v instanceof String) && !(v instanceof Map)) {
      expected = "\"sampler\", a path or glob of JSON files, or a map of those to probabilities";
    } else if (dflt instanceof String && !(v instanceof String)) {
      expected = "a string";
    } else if (dflt instanceof Map && !(v instanceof Map)) {
      expected = "a map";
    } else if (dflt instanceof List && !(v instanceof List)) {
      expected = "a list";
    }
    if (expected != null) {
      throw new IllegalArgumentException(
          algorithm + ": config key '" + key + "' must be " + expected + ", got " + describe(v));
    }
  }

  private static boolean isIntegral(Object v) {
    return v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && !Double.isInfinite(n.doubleValue());
  }

  private static String describe(Object v) {
    String s = v instanceof String ? "'" + v + "'" : String.valueOf(v);
    return s + " (" + v.getClass().getSimpleName() + ")";
  }

  /** Keys of a merged config, for listings. */
  public static List<String> keys(Map<String, Object> merged) {
    return new ArrayList<>(merged.keySet());
  }
}
