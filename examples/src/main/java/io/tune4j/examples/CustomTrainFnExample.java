package io.tune4j.examples;

import io.tune4j.rllib.agents.ppo.PpoTrainer;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import io.tune4j.tune.trainable.TrainableFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A custom training workflow inside Tune ({@code bin/tune4j example custom-train-fn}), RLlib's
 * {@code custom_train_fn.py}: a function trainable trains PPO with a high learning rate, saves a
 * checkpoint, then continues from it in a second trainer with a low learning rate, reporting every
 * iteration of both phases to Tune with {@code phase} 1 or 2. Restoring carries the trainer's
 * counters over, so {@code training_iteration} and {@code timesteps_total} keep counting across the
 * phases (RLlib's example adds phase 1's steps by hand).
 *
 * <p>Arguments: {@code --iterations N} per phase (default 10), {@code --config JSON}, {@code
 * --local-dir DIR}.
 */
public final class CustomTrainFnExample {
  private CustomTrainFnExample() {}

  /** The two-phase workflow, {@code iterations} per phase. */
  static TrainableFunction twoPhases(int iterations) {
    return (config, reporter) -> {
      // Phase 1: train with the config's (high) learning rate
      Map<String, Object> phase1Config = new LinkedHashMap<>(config);
      PpoTrainer trainer1 = new PpoTrainer(phase1Config, "CartPole-v0");
      Path state;
      try {
        for (int i = 0; i < iterations; i++) {
          Map<String, Object> result = trainer1.train();
          result.put("phase", 1);
          reporter.report(result);
        }
        state = trainer1.save(Files.createTempDirectory("custom_train_fn_"));
      } finally {
        trainer1.shutdown();
      }
      // Phase 2: restore and continue with a low learning rate
      Map<String, Object> phase2Config = new LinkedHashMap<>(config);
      phase2Config.put("lr", 0.0001);
      // a restored policy keeps the checkpoint's learning rate; a (constant) schedule overrides it
      phase2Config.put("lr_schedule", List.of(List.of(0, 0.0001)));
      PpoTrainer trainer2 = new PpoTrainer(phase2Config, "CartPole-v0");
      try {
        trainer2.restore(state); // also restores training_iteration and timesteps_total
        for (int i = 0; i < iterations; i++) {
          Map<String, Object> result = trainer2.train();
          result.put("phase", 2);
          reporter.report(result);
        }
      } finally {
        trainer2.shutdown();
      }
    };
  }

  /** Runs the example. */
  public static void main(String[] args) {
    ExampleArgs a =
        ExampleArgs.parse(
            "custom-train-fn", args, Map.of("iterations", "10", "config", "{}", "local-dir", ""));
    TrialResult t =
        run(a.getInt("iterations"), a.getConfig("config"), a.getString("local-dir"), 2)
            .trials()
            .get(0);
    System.out.printf(
        "%s: phase %s, timesteps_total %s, episode_reward_mean %s%n",
        t.name(),
        t.lastResult().get("phase"),
        t.lastResult().get("timesteps_total"),
        t.lastResult().get("episode_reward_mean"));
  }

  /** Runs the workflow as a Tune trial with {@code lr = 0.01} and {@code num_workers = 0}. */
  static ExperimentAnalysis run(
      int iterations, Map<String, Object> overrides, String localDir, int verbose) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("lr", 0.01);
    config.put("num_workers", 0);
    config.putAll(overrides);
    RunOptions options =
        RunOptions.of(twoPhases(iterations))
            .name("custom_train_fn")
            .config(config)
            .resourcesPerTrial(Map.of("cpu", 1, "extra_cpu", 0))
            .verbose(verbose);
    if (!localDir.isEmpty()) {
      options.localDir(Path.of(localDir));
    }
    return Tune.run(options);
  }
}
