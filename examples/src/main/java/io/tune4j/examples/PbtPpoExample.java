package io.tune4j.examples;

import io.tune4j.schedulers.PopulationBasedTraining;
import io.tune4j.search.Mode;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Population-based training of PPO on CartPole: {@code bin/tune4j example pbt-ppo}. Four trials
 * start from different learning rates and numbers of SGD epochs; every 4 iterations PBT copies the
 * weights of a trial in the best quarter into one in the worst quarter and perturbs its {@code lr}
 * (×0.8 or ×1.2, or a fresh draw) and {@code num_sgd_iter} (the next smaller or larger value of
 * the list). The status table names exploited trials {@code ...@perturbed[lr=...,num_sgd_iter=...]},
 * and {@code <experiment>/pbt_global.txt} logs every exploit. With one CPU per trial and two cores,
 * PBT pauses trials to let the waiting ones catch up (time-multiplexing).
 *
 * <pre>{@code
 * Tune.run(RunOptions.of("PPO").metric("episode_reward_mean").mode(Mode.MAX)
 *     .config(Map.of("env", "CartPole-v0", "num_workers", 0,
 *         "lr", Tune.gridSearch(1e-4, 5e-3), "num_sgd_iter", Tune.gridSearch(5, 30)))
 *     .stop(Map.of("episode_reward_mean", 150, "training_iteration", 40))
 *     .scheduler(PopulationBasedTraining.builder().timeAttr("training_iteration").perturbationInterval(4)
 *         .hyperparamMutations(Map.of("lr", Tune.loguniform(1e-5, 1e-2), "num_sgd_iter", List.of(5, 10, 20, 30)))
 *         .build()));
 * }</pre>
 *
 * <p>Arguments: {@code --iterations N} (default 40), {@code --interval N} iterations between
 * perturbations (default 4), {@code --config JSON} overrides config keys, {@code --local-dir DIR}.
 */
public final class PbtPpoExample {
  private PbtPpoExample() {}

  /** Runs the example. */
  public static void main(String[] args) {
    ExampleArgs a = ExampleArgs.parse("pbt-ppo", args,
        Map.of("iterations", "40", "interval", "4", "config", "{}", "local-dir", ""));
    ExperimentAnalysis analysis =
        run(a.getInt("iterations"), a.getInt("interval"), a.getConfig("config"), a.getString("local-dir"), 1);
    for (TrialResult t : analysis.trials()) {
      System.out.printf("%s: lr=%s num_sgd_iter=%s -> episode_reward_mean %s after %s iterations%n",
          t.name(), t.config().get("lr"), t.config().get("num_sgd_iter"),
          t.lastResult().get("episode_reward_mean"), t.lastResult().get("training_iteration"));
    }
    System.out.println("Exploits are logged in " + analysis.experimentDir().resolve("pbt_global.txt"));
  }

  /**
   * Runs the population.
   *
   * @param iterations stop each trial after this many iterations (or at a mean reward of 150)
   * @param interval iterations between perturbations
   * @param overrides config keys to add or replace
   * @param localDir where results go; empty for Tune's default
   * @param verbose Tune's verbosity
   * @return the trials
   */
  static ExperimentAnalysis run(int iterations, int interval, Map<String, Object> overrides, String localDir, int verbose) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("env", "CartPole-v0");
    config.put("num_workers", 0);
    config.put("train_batch_size", 1000);
    config.put("sgd_minibatch_size", 128);
    config.put("lr", Tune.gridSearch(1e-4, 5e-3));
    config.put("num_sgd_iter", Tune.gridSearch(5, 30));
    config.putAll(overrides);
    RunOptions o = RunOptions.of("PPO").name("pbt_ppo").config(config).verbose(verbose)
        .stop(Map.of("episode_reward_mean", 150, "training_iteration", iterations))
        .metric("episode_reward_mean").mode(Mode.MAX)
        .scheduler(PopulationBasedTraining.builder().timeAttr("training_iteration").perturbationInterval(interval)
            .hyperparamMutations(Map.of("lr", Tune.loguniform(1e-5, 1e-2), "num_sgd_iter", List.of(5, 10, 20, 30)))
            .seed(1).build());
    if (!localDir.isEmpty()) {
      o.localDir(java.nio.file.Path.of(localDir));
    }
    return Tune.run(o);
  }
}
