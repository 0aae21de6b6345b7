package io.tune4j.tune.bench;

import io.tune4j.tune.trainable.Trainable;
import io.tune4j.tune.trainable.TrainableFunction;
import java.util.Map;

/** The trivial trainables the benchmark runs: they report as fast as they can. */
public final class BenchTrainables {
  private BenchTrainables() {}

  /** A class trainable whose step returns one metric and does no work. */
  public static final class Spin extends Trainable {
    private long n;

    /** Ray and Tune create it reflectively. */
    public Spin() {}

    @Override
    protected Map<String, Object> step() {
      n++;
      return Map.of("score", n, "mean_loss", 1.0 / n);
    }

    @Override
    public boolean resetConfig(Map<String, Object> newConfig) {
      n = 0;
      return true;
    }
  }

  /** A class trainable whose single step is its last (one result per trial). */
  public static final class OneShot extends Trainable {
    /** Ray and Tune create it reflectively. */
    public OneShot() {}

    @Override
    protected Map<String, Object> step() {
      return Map.of("score", 1.0, "done", true);
    }

    @Override
    public boolean resetConfig(Map<String, Object> newConfig) {
      return true;
    }
  }

  /** A function trainable reporting one result, as Ray Tune's bookkeeping release test does. */
  static final TrainableFunction ONE_RESULT = (config, reporter) -> reporter.report("score", 1.0);
}
