package io.tune4j.examples;

import io.tune4j.schedulers.AsyncHyperBandScheduler;
import io.tune4j.search.Mode;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import java.util.Map;

/**
 * ASHA (asynchronous successive halving) over a toy objective: {@code bin/tune4j example asha}.
 * Thirty trials draw a learning rate and a momentum; each reports a falling loss for up to 50
 * iterations, and ASHA stops the trials whose loss at a rung (1, 4, 16 iterations) is worse than
 * the best quarter so far. Most trials end after a few iterations; the good ones run to 50.
 *
 * <pre>{@code
 * Tune.run(RunOptions.of(SweepExample.OBJECTIVE)
 *     .config(Map.of("lr", Tune.loguniform(1e-3, 1), "momentum", Tune.uniform(0.1, 0.99)))
 *     .numSamples(30).stop(Map.of("training_iteration", 50)).metric("mean_loss").mode(Mode.MIN)
 *     .scheduler(AsyncHyperBandScheduler.builder().timeAttr("training_iteration").maxT(50).gracePeriod(1).build()));
 * }</pre>
 *
 * <p>Arguments: {@code --samples N} (default 30), {@code --local-dir DIR}.
 */
public final class AshaExample {
  private AshaExample() {}

  /** Runs the example. */
  public static void main(String[] args) {
    ExampleArgs a = ExampleArgs.parse("asha", args, Map.of("samples", "30", "local-dir", ""));
    ExperimentAnalysis analysis = run(a.getInt("samples"), a.getString("local-dir"), 1);
    int early = 0;
    for (TrialResult t : analysis.trials()) {
      if (((Number) t.lastResult().get("training_iteration")).intValue() < 50) {
        early++;
      }
    }
    System.out.printf("ASHA stopped %d of %d trials before 50 iterations%n", early, analysis.trials().size());
    System.out.println("Best config by mean_loss: " + analysis.bestConfig("mean_loss", Mode.MIN));
  }

  /**
   * Runs the sweep.
   *
   * @param samples how many trials
   * @param localDir where results go; empty for Tune's default
   * @param verbose Tune's verbosity
   * @return the trials
   */
  static ExperimentAnalysis run(int samples, String localDir, int verbose) {
    RunOptions o = RunOptions.of(SweepExample.OBJECTIVE).name("asha_example")
        .config(Map.of("lr", Tune.loguniform(1e-3, 1), "momentum", Tune.uniform(0.1, 0.99)))
        .numSamples(samples).seed(7).stop(Map.of("training_iteration", 50))
        .metric("mean_loss").mode(Mode.MIN).verbose(verbose)
        .scheduler(AsyncHyperBandScheduler.builder().timeAttr("training_iteration").maxT(50).gracePeriod(1)
            .reductionFactor(4).seed(7).build());
    if (!localDir.isEmpty()) {
      o.localDir(java.nio.file.Path.of(localDir));
    }
    return Tune.run(o);
  }
}
