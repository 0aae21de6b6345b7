package io.tune4j.examples;

import io.tune4j.rllib.agents.Callbacks;
import io.tune4j.rllib.agents.Trainer;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Curriculum learning, approach 2 ({@code bin/tune4j example curriculum-callbacks}): Tune runs
 * {@code "PPO"} as usual and an {@code onTrainResult} callback moves every worker's {@link
 * CurriculumCartPole} to the phase the latest mean reward earns:
 *
 * <pre>{@code
 * public void onTrainResult(Trainer trainer, Map<String, Object> result) {
 *   int phase = CurriculumCartPole.phaseFor((double) result.get("episode_reward_mean"), 100, 200);
 *   trainer.workers().foreachWorker(w -> {
 *     w.foreachEnv(env -> ((CurriculumCartPole) env.unwrapped()).setPhase(phase));
 *     return null;
 *   });
 * }
 * Tune.run("PPO", Map.of(),
 *     Map.of("env", "CurriculumCartPole", "callbacks", new CurriculumCallbacks(100, 200)));
 * }</pre>
 *
 * <p>The callback also adds {@code curriculum_phase} (the phase the workers now report) to each
 * result. Arguments: {@code --iterations N} (default 30), {@code --workers N} (default 1; each
 * worker needs a CPU of Tune's budget), {@code --thresholds LOW,HIGH} (default 100,200), {@code
 * --config JSON}, {@code --local-dir DIR}.
 */
public final class CurriculumCallbacksExample {
  private CurriculumCallbacksExample() {}

  /** Sets the curriculum phase on every worker after each training iteration. */
  public static class CurriculumCallbacks implements Callbacks {
    private static final long serialVersionUID = 1L;
    private final double low;
    private final double high;

    /** The seed page's thresholds: phase 1 above a mean reward of 100, phase 2 above 200. */
    public CurriculumCallbacks() {
      this(100, 200);
    }

    /** Phase 1 above a mean reward of {@code low}, phase 2 above {@code high}. */
    public CurriculumCallbacks(double low, double high) {
      this.low = low;
      this.high = high;
    }

    @Override
    public void onTrainResult(Trainer trainer, Map<String, Object> result) {
      double reward = result.get("episode_reward_mean") instanceof Number n ? n.doubleValue() : 0.0;
      int phase = CurriculumCartPole.phaseFor(reward, low, high);
      List<Integer> now = CurriculumCartPole.setPhase(trainer.workers(), phase);
      if (!now.stream().allMatch(p -> p == phase)) {
        throw new IllegalStateException("workers did not all take phase " + phase + ": " + now);
      }
      result.put("curriculum_phase", phase);
    }
  }

  /** Runs the example. */
  public static void main(String[] args) {
    ExampleArgs a =
        ExampleArgs.parse(
            "curriculum-callbacks",
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
    double[] t =
        CurriculumTrainerExample.thresholds("curriculum-callbacks", a.getString("thresholds"));
    ExperimentAnalysis analysis =
        run(
            a.getInt("iterations"),
            a.getInt("workers"),
            t[0],
            t[1],
            a.getConfig("config"),
            a.getString("local-dir"),
            2);
    CurriculumTrainerExample.printSummary(analysis);
  }

  /**
   * Runs PPO on {@link CurriculumCartPole} with the curriculum callbacks under Tune.
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
    config.put("env", CurriculumCartPole.ID);
    config.put("num_workers", workers);
    config.put("callbacks", new CurriculumCallbacks(low, high));
    config.putAll(overrides);
    RunOptions options =
        RunOptions.of("PPO")
            .name("curriculum_callbacks")
            .config(config)
            .stop(Map.of("training_iteration", iterations))
            .verbose(verbose);
    if (!localDir.isEmpty()) {
      options.localDir(java.nio.file.Path.of(localDir));
    }
    return Tune.run(options);
  }
}
