package io.tune4j.examples;

import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hyperparameter sweep of PPO with Tune ({@code bin/tune4j example tune-ppo-sweep}): three trials,
 * one per learning rate, as on the seed page:
 *
 * <pre>{@code
 * Tune.run("PPO",
 *     Map.of("episode_reward_mean", 200),
 *     Map.of("env", "CartPole-v0", "num_gpus", 0, "num_workers", 1,
 *         "lr", Tune.gridSearch(0.01, 0.001, 0.0001)));
 * }</pre>
 *
 * <p>Each trial asks for 1 CPU for the trainer plus 1 per worker, so on a 2-core machine the trials
 * run one after another (raise the budget with {@code -Dray.num-cpus=N} in {@code
 * TUNE4J_JAVA_OPTS}). Arguments: {@code --iterations N} also stops each trial after N iterations
 * (default 50; 0 stops on reward alone, which lr = 0.01 may never reach), {@code --config JSON}
 * overrides config keys, {@code --local-dir DIR} (default {@code ~/ray_results}).
 */
public final class TunePpoSweepExample {
  private TunePpoSweepExample() {}

  /** Runs the example. */
  public static void main(String[] args) {
    ExampleArgs a =
        ExampleArgs.parse(
            "tune-ppo-sweep", args, Map.of("iterations", "50", "config", "{}", "local-dir", ""));
    ExperimentAnalysis analysis =
        sweep(a.getInt("iterations"), a.getConfig("config"), a.getString("local-dir"), 2);
    for (TrialResult t : analysis.trials()) {
      System.out.printf(
          "%s: lr=%s -> episode_reward_mean %s after %s iterations%n",
          t.name(), t.config().get("lr"), t.lastResult().get("episode_reward_mean"),
          t.lastResult().get("training_iteration"));
    }
    System.out.println("Best config: " + analysis.bestConfig("episode_reward_mean", "max"));
  }

  /**
   * Runs the sweep.
   *
   * @param iterations stop each trial after this many iterations too (0: reward only)
   * @param overrides config keys to add or replace (e.g. a smaller {@code train_batch_size})
   * @param localDir where results go; empty for Tune's default
   * @param verbose Tune's verbosity (0 silent .. 3)
   * @return the experiment's trials
   */
  static ExperimentAnalysis sweep(
      int iterations, Map<String, Object> overrides, String localDir, int verbose) {
    Map<String, Object> stop = new LinkedHashMap<>();
    stop.put("episode_reward_mean", 200);
    if (iterations > 0) {
      stop.put("training_iteration", iterations);
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("env", "CartPole-v0");
    config.put("num_gpus", 0);
    config.put("num_workers", 1);
    config.put("lr", Tune.gridSearch(0.01, 0.001, 0.0001));
    config.putAll(overrides);
    RunOptions options =
        RunOptions.of("PPO").name("tune_ppo_sweep").stop(stop).config(config).verbose(verbose);
    if (!localDir.isEmpty()) {
      options.localDir(java.nio.file.Path.of(localDir));
    }
    return Tune.run(options);
  }
}
