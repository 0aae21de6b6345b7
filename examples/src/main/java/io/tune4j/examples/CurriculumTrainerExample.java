package io.tune4j.examples;

import io.tune4j.rllib.agents.ppo.PpoTrainer;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import io.tune4j.tune.trainable.TrainableFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Curriculum learning, approach 1 ({@code bin/tune4j example curriculum-trainer}): a Tune function
 * trainable drives a {@link PpoTrainer} itself and, between calls to {@code train()}, moves every
 * worker's {@link CurriculumCartPole} to the phase the latest mean reward earns:
 *
 * <pre>{@code
 * TrainableFunction train = (config, reporter) -> {
 *   PpoTrainer trainer = new PpoTrainer(config, "CurriculumCartPole");
 *   while (true) {
 *     Map<String, Object> result = trainer.train();
 *     reporter.report(result);
 *     int phase = CurriculumCartPole.phaseFor(mean reward, 100, 200);
 *     trainer.workers().foreachWorker(w -> {
 *       w.foreachEnv(env -> ((CurriculumCartPole) env.unwrapped()).setPhase(phase));
 *       return null;
 *     });
 *   }
 * };
 * Tune.run(RunOptions.of(train)
 *     .config(Map.of("num_gpus", 0, "num_workers", 2))
 *     .resourcesPerTrial(Map.of("cpu", 1,
 *         "gpu", Tune.sampleFrom(spec -> spec.config("num_gpus")),
 *         "extra_cpu", Tune.sampleFrom(spec -> spec.config("num_workers")))));
 * }</pre>
 *
 * <p>Each result also carries {@code curriculum_phase}, the phase the iteration trained in. The
 * trial asks for 1 CPU plus one per worker: with the default {@code --workers 1} it fits 2 cores;
 * more workers need a larger budget ({@code -Dray.num-cpus=N} in {@code TUNE4J_JAVA_OPTS}).
 * Arguments: {@code --iterations N} (default 30), {@code --workers N} (default 1), {@code
 * --thresholds LOW,HIGH} (default 100,200), {@code --config JSON}, {@code --local-dir DIR}.
 */
public final class CurriculumTrainerExample {
  private CurriculumTrainerExample() {}

  /**
   * The function trainable: trains PPO on {@link CurriculumCartPole} until Tune stops it, setting
   * the phase on every worker after each result.
   *
   * @param low mean reward above which phase 1 starts
   * @param high mean reward above which phase 2 starts
   */
  static TrainableFunction curriculumTrainable(double low, double high) {
    return (config, reporter) -> {
      PpoTrainer trainer = new PpoTrainer(config, CurriculumCartPole.ID);
      try {
        int phase = 0;
        while (true) {
          Map<String, Object> result = trainer.train();
          result.put("curriculum_phase", phase);
          reporter.report(result); // throws once Tune stops the trial
          int next = CurriculumCartPole.phaseFor(meanReward(result), low, high);
          List<Integer> now = CurriculumCartPole.setPhase(trainer.workers(), next);
          if (!now.stream().allMatch(p -> p == next)) {
            throw new IllegalStateException("workers did not all take phase " + next + ": " + now);
          }
          phase = next;
        }
      } finally {
        trainer.shutdown();
      }
    };
  }

  static double meanReward(Map<String, Object> result) {
    return result.get("episode_reward_mean") instanceof Number n ? n.doubleValue() : 0.0;
  }

  /** Runs the example. */
  public static void main(String[] args) {
    ExampleArgs a =
        ExampleArgs.parse(
            "curriculum-trainer",
            args,
            Map.of(
                "iterations",
                "30",
                "workers",
                "1",
                "thresholds",
                "100,200",
                "config",
                "{}",
                "local-dir",
                ""));
    double[] t = thresholds("curriculum-trainer", a.getString("thresholds"));
    ExperimentAnalysis analysis =
        run(
            a.getInt("iterations"),
            a.getInt("workers"),
            t[0],
            t[1],
            a.getConfig("config"),
            a.getString("local-dir"),
            2);
    printSummary(analysis);
  }

  /** Prints the trial's last reward, curriculum phase and iteration (both approaches use it). */
  static void printSummary(ExperimentAnalysis analysis) {
    TrialResult trial = analysis.trials().get(0);
    System.out.printf(
        "%s: episode_reward_mean %s, curriculum_phase %s after %s iterations%n",
        trial.name(),
        trial.lastResult().get("episode_reward_mean"),
        trial.lastResult().get("curriculum_phase"),
        trial.lastResult().get("training_iteration"));
  }

  /**
   * Runs the curriculum trainable under Tune for {@code iterations} iterations.
   *
   * @param workers {@code num_workers}
   * @param overrides more PPO config keys
   * @param localDir where results go; empty for Tune's default
   * @param verbose Tune's verbosity
   * @return the experiment (one trial)
   */
  static ExperimentAnalysis run(
      int iterations,
      int workers,
      double low,
      double high,
      Map<String, Object> overrides,
      String localDir,
      int verbose) {
    CurriculumCartPole.register(); // rollout workers are threads of this JVM (Ray LOCAL mode)
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("num_gpus", 0);
    config.put("num_workers", workers);
    config.putAll(overrides);
    RunOptions options =
        RunOptions.of(curriculumTrainable(low, high))
            .name("curriculum_trainer")
            .config(config)
            .stop(Map.of("training_iteration", iterations))
            .resourcesPerTrial(
                Map.of(
                    "cpu", 1,
                    "gpu", Tune.sampleFrom(spec -> spec.config("num_gpus")),
                    "extra_cpu", Tune.sampleFrom(spec -> spec.config("num_workers"))))
            .verbose(verbose);
    if (!localDir.isEmpty()) {
      options.localDir(java.nio.file.Path.of(localDir));
    }
    return Tune.run(options);
  }

  /** Parses {@code LOW,HIGH}. */
  static double[] thresholds(String example, String text) {
    String[] parts = text.split(",");
    try {
      if (parts.length == 2) {
        return new double[] {
          Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())
        };
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        example + ": --thresholds must be two numbers LOW,HIGH (e.g. 100,200), got '" + text + "'");
  }
}
