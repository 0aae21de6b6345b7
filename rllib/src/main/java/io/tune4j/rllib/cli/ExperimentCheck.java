package io.tune4j.rllib.cli;

import io.tune4j.rllib.agents.Algorithms;
import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.env.Envs;
import io.tune4j.search.variant.Variant;
import io.tune4j.search.variant.VariantGenerator;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.trainable.TrainableRegistry;
import io.tune4j.tune.trial.Resources;
import io.tune4j.tune.util.Suggest;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one experiment spec before anything starts, so a typo fails in a second with exit code 2
 * instead of as a failed trial: the spec's keys, {@code run} (a known algorithm, else the closest
 * name), {@code env} (a registered id, else the registry's message), {@code resources_per_trial},
 * and for RLlib algorithms every config variant (up to {@value #MAX_VARIANTS}) merged by the
 * trainer, which names unknown keys and wrong types. Messages from a file start with {@code
 * FILE:LINE:}.
 */
final class ExperimentCheck {
  /** Variants of a sweep whose configs are checked up front. */
  static final int MAX_VARIANTS = 64;

  private static final Pattern CONFIG_KEY = Pattern.compile("config key '([^']+)'");

  private ExperimentCheck() {}

  /**
   * Validates {@code spec} and turns it into Tune's options.
   *
   * @param name the experiment name
   * @param spec RLlib's experiment spec (run, env, stop, config, ...)
   * @param file the file it came from, or null when built from flags
   * @return the options for {@code Tune.run}
   * @throws IllegalArgumentException with a message naming the key, value and (for files) line
   */
  @SuppressWarnings("unchecked")
  static RunOptions check(String name, Map<String, Object> spec, ExperimentFile file) {
    for (String k : spec.keySet()) {
      if (!RunOptions.KEYS.contains(k)) {
        throw new IllegalArgumentException(
            at(file, name, k)
                + "experiment '"
                + name
                + "': unknown key '"
                + k
                + "'"
                + Suggest.didYouMean(k, RunOptions.KEYS)
                + " (valid keys: "
                + String.join(", ", new TreeSet<>(RunOptions.KEYS))
                + ")");
      }
    }
    Object run = spec.get("run");
    if (run == null || "".equals(run)) {
      throw new IllegalArgumentException(
          file == null
              ? "missing --run ALGO (e.g. --run PPO), or give -f FILE"
              : at(file, name, null) + "experiment '" + name + "': missing key 'run'");
    }
    if (!(run instanceof String algo)) {
      throw new IllegalArgumentException(
          at(file, name, "run")
              + "experiment '"
              + name
              + "': 'run' must be an algorithm name, got '"
              + run
              + "'");
    }
    boolean rllib = Algorithms.names().contains(algo);
    if (!rllib && !TrainableRegistry.contains(algo)) {
      throw new IllegalArgumentException(at(file, name, "run") + unknownAlgorithm(algo));
    }
    Object env = spec.get("env");
    if (env == null && spec.get("config") instanceof Map<?, ?> c) {
      env = c.get("env");
    }
    if (rllib && env == null) {
      throw new IllegalArgumentException(
          file == null
              ? "missing --env ENV (e.g. --env CartPole-v0), or give -f FILE"
              : at(file, name, null)
                  + "experiment '"
                  + name
                  + "': missing key 'env' (or config.env)");
    }
    checkEnv(env, file, name, "env");
    RunOptions options;
    try {
      options = RunOptions.fromMap(name, spec);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(at(file, name, null) + e.getMessage(), e);
    }
    if (spec.get("resources_per_trial") instanceof Map<?, ?> res
        && !String.valueOf(res).contains("grid_search")) {
      try {
        Resources.parse((Map<String, ?>) res, "experiment '" + name + "'");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at(file, name, "resources_per_trial") + e.getMessage(), e);
      }
    }
    if (rllib) {
      checkVariants(algo, options, file, name);
      checkRestore(algo, spec.get("restore"), file, name);
    }
    return options;
  }

  /** A restore path must be a readable Tune4j checkpoint of the same algorithm. */
  private static void checkRestore(String algo, Object restore, ExperimentFile file, String name) {
    if (restore == null) {
      return;
    }
    java.nio.file.Path p = java.nio.file.Path.of(RunOptions.expandHome(String.valueOf(restore)));
    io.tune4j.rllib.agents.TrainerCheckpoint c;
    try {
      c = io.tune4j.rllib.agents.TrainerCheckpoint.read(p);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(at(file, name, "restore") + "--restore " + restore + ": " + e.getMessage(), e);
    }
    if (!c.algorithm().equals(algo)) {
      throw new IllegalArgumentException(
          at(file, name, "restore") + "--restore " + restore + " was written by " + c.algorithm()
              + ", not " + algo + "; use --run " + c.algorithm());
    }
  }

  /** "unknown algorithm 'PPOO'; did you mean 'PPO'? (available: PPO, PG, DQN, APEX, DDPG, APEX_DDPG, MARWIL, A3C, A2C, IMPALA, ES)". */
  static String unknownAlgorithm(String algo) {
    return "unknown algorithm '"
        + algo
        + "'"
        + Suggest.didYouMean(algo, Algorithms.names())
        + " (available: "
        + String.join(", ", Algorithms.names())
        + ")";
  }

  private static void checkEnv(Object env, ExperimentFile file, String name, String key) {
    if (env instanceof String id && !Envs.isRegistered(id)) {
      try {
        Envs.spec(id);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at(file, name, key) + e.getMessage(), e);
      }
    }
  }

  private static void checkVariants(
      String algo, RunOptions options, ExperimentFile file, String name) {
    Trainer trainer = Algorithms.create(algo);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("config", options.config());
    Iterator<Variant> variants;
    try {
      variants = new VariantGenerator(root, 1, 0L).iterator();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          at(file, name, "config") + "experiment '" + name + "': " + e.getMessage(), e);
    }
    for (int i = 0; i < MAX_VARIANTS && variants.hasNext(); i++) {
      Map<String, Object> config;
      try {
        config = variants.next().config();
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            at(file, name, "config") + "experiment '" + name + "': " + e.getMessage(), e);
      }
      checkEnv(config.get("env"), file, name, "env");
      try {
        trainer.mergeConfig(config);
      } catch (IllegalArgumentException e) {
        Matcher m = CONFIG_KEY.matcher(String.valueOf(e.getMessage()));
        String key = m.find() ? "config." + m.group(1) : "config";
        throw new IllegalArgumentException(at(file, name, key) + e.getMessage(), e);
      }
    }
  }

  /** {@code "FILE:LINE: "} for file experiments (the key's line, else the experiment's). */
  private static String at(ExperimentFile file, String name, String key) {
    if (file == null) {
      return "";
    }
    int line = file.lineOf(name, key);
    return file.source() + (line > 0 ? ":" + line : "") + ": ";
  }
}
