package io.tune4j.examples.api;

import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.Tune;
import java.util.Map;

/** A user's program: a small sweep, and no {@code System.exit}. Argument: the local dir. */
public final class TuneSweepMain {
  private TuneSweepMain() {}

  /** Runs the sweep and returns. */
  public static void main(String[] args) {
    ExperimentAnalysis a =
        Tune.run(
            (config, reporter) -> {
              for (int i = 1; i <= 20; i++) {
                reporter.report("mean_loss", (double) config.get("lr") / i);
              }
            },
            Map.of("training_iteration", 10),
            Map.of("lr", Tune.gridSearch(0.1, 0.01), "momentum", Tune.uniform(0.1, 0.9)));
    System.out.println("trials: " + a.trials().size());
    System.out.println("DONE");
  }
}
