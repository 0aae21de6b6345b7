package io.tune4j.examples;

import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.trainable.TrainableFunction;
import java.util.Map;

/**
 * A hyperparameter sweep of a function trainable over a toy objective, mixing a grid and a random
 * distribution: {@code bin/tune4j example sweep}.
 *
 * <p>The objective is a noisy quadratic "training curve": the loss falls towards {@code (lr -
 * 0.05)^2 + (momentum - 0.8)^2} as iterations pass; the best config is lr = 0.05, momentum near 0.8.
 */
public final class SweepExample {
  private SweepExample() {}

  /** The trainable: reports {@code mean_loss} and {@code mean_accuracy} every iteration. */
  static final TrainableFunction OBJECTIVE =
      (config, reporter) -> {
        double lr = ((Number) config.get("lr")).doubleValue();
        double momentum = ((Number) config.get("momentum")).doubleValue();
        double floor = Math.pow(lr - 0.05, 2) + Math.pow(momentum - 0.8, 2);
        for (int i = 1; i <= 50; i++) {
          double loss = floor + 1.0 / i;
          Thread.sleep(10);
          reporter.report("mean_loss", loss, "mean_accuracy", 1.0 / (1.0 + loss), "timesteps_this_iter", 100);
        }
      };

  /** Runs the sweep: 3 learning rates x 4 samples of momentum, stopped at 20 iterations. */
  public static void main(String[] args) {
    ExperimentAnalysis analysis =
        Tune.run(
            RunOptions.of(OBJECTIVE)
                .name("sweep_example")
                .config(
                    Map.of(
                        "lr", Tune.gridSearch(0.01, 0.05, 0.1),
                        "momentum", Tune.uniform(0.1, 0.99)))
                .numSamples(4)
                .stop(Map.of("training_iteration", 20))
                .seed(42)
                .verbose(1));
    System.out.println("Best config by mean_loss: " + analysis.bestConfig("mean_loss", "min"));
    System.out.println("Results in " + analysis.experimentDir());
  }
}
