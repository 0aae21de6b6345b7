package io.tune4j.examples;

import io.tune4j.rllib.agents.Callbacks;
import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.env.VectorEnv;
import io.tune4j.rllib.evaluation.Episode;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Callbacks and custom metrics ({@code bin/tune4j example custom-metrics}): PG on CartPole-v0 with
 * callbacks that track the pole angle of every step in the episode's user data and report its mean
 * as the custom metric {@code pole_angle}, which shows up in every result as {@code
 * custom_metrics/pole_angle_mean}, {@code _min} and {@code _max}. The seed page's {@code
 * custom_metrics_and_callbacks.py}:
 *
 * <pre>{@code
 * Tune.run("PG", Map.of(), Map.of("env", "CartPole-v0", "callbacks", new PoleAngleCallbacks()));
 * }</pre>
 *
 * <p>Arguments: {@code --iterations N} (default 20), {@code --config JSON}, {@code --local-dir
 * DIR}.
 */
public final class CustomMetricsExample {
  private CustomMetricsExample() {}

  /**
   * The seed page's four callbacks. Hooks run on the rollout workers (episode hooks) and the driver
   * ({@code onTrainResult}); the instance is copied to every worker, so state lives in the episode.
   */
  public static class PoleAngleCallbacks implements Callbacks {
    private static final long serialVersionUID = 1L;

    /** For {@code "callbacks": "io.tune4j.examples.CustomMetricsExample$PoleAngleCallbacks"}. */
    public PoleAngleCallbacks() {}

    @Override
    public void onEpisodeStart(Episode episode, VectorEnv env) {
      System.out.println("episode " + episode.episodeId() + " started");
      episode.userData().put("pole_angles", new ArrayList<Double>());
    }

    @Override
    public void onEpisodeStep(Episode episode, VectorEnv env) {
      double poleAngle = Math.abs(episode.lastRawObsFor()[2]); // [x, x_dot, theta, theta_dot]
      poleAngles(episode).add(poleAngle);
    }

    @Override
    public void onEpisodeEnd(Episode episode, VectorEnv env) {
      double poleAngle = poleAngles(episode).stream().mapToDouble(d -> d).average().orElse(0);
      System.out.printf(
          "episode %d ended with length %d and pole angles %.4f%n",
          episode.episodeId(), episode.length(), poleAngle);
      episode.customMetrics().put("pole_angle", poleAngle);
    }

    @Override
    public void onTrainResult(Trainer trainer, Map<String, Object> result) {
      System.out.println(
          "trainer.train() result: "
              + trainer.name()
              + " -> "
              + result.get("episodes_this_iter")
              + " episodes");
      result.put("callback_ok", true); // results may be modified here
    }

    @SuppressWarnings("unchecked")
    private static List<Double> poleAngles(Episode episode) {
      return (List<Double>) episode.userData().get("pole_angles");
    }
  }

  /** Runs the example. */
  public static void main(String[] args) {
    ExampleArgs a =
        ExampleArgs.parse(
            "custom-metrics", args, Map.of("iterations", "20", "config", "{}", "local-dir", ""));
    ExperimentAnalysis analysis =
        run(a.getInt("iterations"), a.getConfig("config"), a.getString("local-dir"), 2);
    Map<String, Object> last = analysis.trials().get(0).lastResult();
    System.out.println("custom_metrics of the last result: " + last.get("custom_metrics"));
  }

  /**
   * Runs PG with the callbacks under Tune.
   *
   * @param iterations training iterations
   * @param overrides config keys to add or replace
   * @param localDir where results go; empty for Tune's default
   * @param verbose Tune's verbosity
   * @return the experiment (one trial)
   */
  static ExperimentAnalysis run(
      int iterations, Map<String, Object> overrides, String localDir, int verbose) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("env", "CartPole-v0");
    config.put("callbacks", new PoleAngleCallbacks());
    config.putAll(overrides);
    RunOptions options =
        RunOptions.of("PG")
            .name("custom_metrics")
            .stop(Map.of("training_iteration", iterations))
            .config(config)
            .verbose(verbose);
    if (!localDir.isEmpty()) {
      options.localDir(java.nio.file.Path.of(localDir));
    }
    return Tune.run(options);
  }
}
