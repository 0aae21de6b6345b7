package io.tune4j.examples;

import io.tune4j.search.Mode;
import io.tune4j.search.Searcher;
import io.tune4j.search.algorithms.BayesOptSearcher;
import io.tune4j.search.algorithms.ConcurrencyLimiter;
import io.tune4j.search.algorithms.RandomSearcher;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.trainable.TrainableFunction;
import java.util.Map;

/**
 * Bayesian optimisation against random search on a toy objective: {@code bin/tune4j example
 * bayesopt}. Both minimise the Branin function (global minimum 0.397887) over 30 one-result
 * trials, two at a time; the Gaussian-process searcher suggests each new point from every result
 * so far, since Tune asks it only when a trial can start.
 *
 * <pre>{@code
 * Tune.run(RunOptions.of(BayesOptExample.BRANIN).numSamples(30).metric("loss").mode(Mode.MIN)
 *     .config(Map.of("x1", Tune.uniform(-5, 10), "x2", Tune.uniform(0, 15)))
 *     .searchAlg(new ConcurrencyLimiter(BayesOptSearcher.builder().seed(1).build(), 2)));
 * }</pre>
 *
 * <p>Arguments: {@code --samples N} (default 30), {@code --seed S} (default 1), {@code --local-dir
 * DIR}.
 */
public final class BayesOptExample {
  private BayesOptExample() {}

  /** Branin's function of {@code x1}, {@code x2}, reported once as {@code loss}. */
  public static final TrainableFunction BRANIN = (config, reporter) -> {
    double x1 = ((Number) config.get("x1")).doubleValue();
    double x2 = ((Number) config.get("x2")).doubleValue();
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    double y = Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
    reporter.report("loss", y);
  };

  /** Runs the example. */
  public static void main(String[] args) {
    ExampleArgs a = ExampleArgs.parse("bayesopt", args, Map.of("samples", "30", "seed", "1", "local-dir", ""));
    long seed = a.getInt("seed");
    double random = best(run("random", RandomSearcher.builder().seed(seed).build(), a.getInt("samples"), a.getString("local-dir")));
    double bayes = best(run("bayesopt", BayesOptSearcher.builder().seed(seed).build(), a.getInt("samples"), a.getString("local-dir")));
    System.out.printf("best loss after %d trials: random search %.4f, BayesOpt %.4f (minimum 0.3979)%n",
        a.getInt("samples"), random, bayes);
  }

  /**
   * Runs one search.
   *
   * @param name the experiment name
   * @param searcher the search algorithm (run two trials at a time)
   * @param samples how many trials
   * @param localDir where results go; empty for Tune's default
   * @return the trials
   */
  static ExperimentAnalysis run(String name, Searcher searcher, int samples, String localDir) {
    RunOptions o = RunOptions.of(BRANIN).name(name + "_branin").numSamples(samples).verbose(0)
        .metric("loss").mode(Mode.MIN).config(Map.of("x1", Tune.uniform(-5, 10), "x2", Tune.uniform(0, 15)))
        .searchAlg(new ConcurrencyLimiter(searcher, 2));
    if (!localDir.isEmpty()) {
      o.localDir(java.nio.file.Path.of(localDir));
    }
    return Tune.run(o);
  }

  /** The lowest loss of an experiment. */
  static double best(ExperimentAnalysis a) {
    return ((Number) a.bestTrial("loss", Mode.MIN).lastResult().get("loss")).doubleValue();
  }
}
