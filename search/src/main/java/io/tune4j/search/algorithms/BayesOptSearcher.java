package io.tune4j.search.algorithms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;

/**
 * Bayesian optimization with a Gaussian process and expected improvement (Tune's {@code
 * BayesOptSearch}, after Snoek, Larochelle and Adams, "Practical Bayesian Optimization of Machine
 * Learning Algorithms", NeurIPS 2012).
 *
 * <ol>
 *   <li>The first {@code randomSearchSteps} (default 10, as Tune's {@code random_search_steps})
 *       completed trials are drawn at random, as are all suggestions before 2 results exist.
 *   <li>Then a Matérn 5/2 GP is fitted to all observations on the unit cube (inputs normalized per
 *       dimension, log-scaled for log domains; outputs standardized), with length-scales (ARD by
 *       default) and noise chosen by maximizing the log marginal likelihood.
 *   <li>The next point maximizes expected improvement over the best observed loss, {@code EI(x) =
 *       E[max(0, best - f(x) - xi)]}, found by scoring 1000 random points plus 100 perturbations of
 *       the best observations, then refining the 5 best by a shrinking random local search.
 * </ol>
 *
 * <p>Trials still running count as observations at the mean observed loss ("constant liar",
 * Ginsbourger et al. 2010), so concurrent suggestions spread out. Integer and choice dimensions are
 * searched continuously and rounded to the bin a point falls in (see the unit-cube mapping in
 * {@link ModelSearcher}). Differences from Tune's BayesOptSearch (which wraps the {@code
 * bayesian-optimization} package): EI instead of its default UCB ({@code kappa=2.576}), Matérn
 * 5/2 with fitted ARD length-scales, and ints/choices are allowed rather than rejected.
 *
 * <pre>{@code
 * BayesOptSearcher bo = BayesOptSearcher.builder()
 *     .metric("loss").mode(Mode.MIN).randomSearchSteps(10).xi(0.01).seed(0L).build();
 * Tune.run(RunOptions.of((config, reporter) -> reporter.report("loss", (double) config.get("x") * (double) config.get("x")))
 *     .config(Map.of("x", Tune.uniform(-1, 1))).searchAlg(bo).numSamples(30));
 * }</pre>
 */
public final class BayesOptSearcher extends ModelSearcher {
  private static final int RANDOM_CANDIDATES = 1000;
  private static final int LOCAL_STARTS = 5;
  private static final int LOCAL_STEPS = 40;

  private final int randomSearchSteps;
  private final double xi;
  private final boolean ard;

  private BayesOptSearcher(Builder builder) {
    super(builder);
    this.randomSearchSteps = builder.randomSearchSteps;
    this.xi = builder.xi;
    this.ard = builder.ard;
  }

  /**
   * Starts a builder.
   *
   * @return a builder with the defaults: 10 random steps, xi 0.01, ARD on
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  double[] propose(SplittableRandom random) {
    List<Observation> obs = observations();
    if (obs.size() < Math.max(2, randomSearchSteps)) {
      return randomPoint(random);
    }
    List<double[]> pending = pendingPoints();
    int n = obs.size();
    int m = n + pending.size();
    double[][] x = new double[m][];
    double[] y = new double[m];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      x[i] = obs.get(i).x();
      y[i] = loss(obs.get(i));
      mean += y[i] / n;
    }
    double var = 0;
    for (int i = 0; i < n; i++) {
      var += (y[i] - mean) * (y[i] - mean) / n;
    }
    double sd = var > 1e-24 ? Math.sqrt(var) : 1.0;
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      y[i] = (y[i] - mean) / sd;
      best = Math.min(best, y[i]);
    }
    for (int i = n; i < m; i++) {
      x[i] = pending.get(i - n);
      y[i] = 0.0; // constant liar: the mean observed loss
    }
    MaternGp gp = MaternGp.fit(x, y, ard);
    return maximizeEi(gp, best, obs, random);
  }

  private double[] maximizeEi(
      MaternGp gp, double best, List<Observation> obs, SplittableRandom random) {
    int d = dimensions().size();
    List<double[]> candidates = new ArrayList<>();
    for (int i = 0; i < RANDOM_CANDIDATES; i++) {
      candidates.add(randomPoint(random));
    }
    List<Observation> sorted = new ArrayList<>(obs);
    sorted.sort((a, b) -> Double.compare(loss(a), loss(b)));
    for (int k = 0; k < Math.min(5, sorted.size()); k++) {
      for (int j = 0; j < 20; j++) {
        candidates.add(perturb(sorted.get(k).x(), 0.05, random));
      }
    }
    double[] scores = new double[candidates.size()];
    Integer[] order = new Integer[candidates.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = expectedImprovement(gp, candidates.get(i), best);
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    double[] bestX = candidates.get(order[0]);
    double bestEi = scores[order[0]];
    for (int s = 0; s < Math.min(LOCAL_STARTS, order.length); s++) {
      double[] current = candidates.get(order[s]);
      double currentEi = scores[order[s]];
      double step = 0.05;
      int failures = 0;
      for (int it = 0; it < LOCAL_STEPS; it++) {
        double[] next = perturb(current, step / Math.sqrt(d), random);
        double ei = expectedImprovement(gp, next, best);
        if (ei > currentEi) {
          current = next;
          currentEi = ei;
        } else if (++failures % 5 == 0) {
          step /= 2;
        }
      }
      if (currentEi > bestEi) {
        bestEi = currentEi;
        bestX = current;
      }
    }
    return bestX;
  }

  private static double[] perturb(double[] x, double sd, SplittableRandom random) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = Math.max(0.0, Math.min(1.0, x[i] + sd * gaussian(random)));
    }
    return out;
  }

  private static double gaussian(SplittableRandom random) {
    return random.nextGaussian();
  }

  /** EI for minimization, in standardized units (Jones et al. 1998, eq. 15). */
  private double expectedImprovement(MaternGp gp, double[] p, double best) {
    double[] pred = gp.predict(p);
    double sigma = pred[1];
    double improvement = best - pred[0] - xi;
    if (sigma < 1e-12) {
      return Math.max(improvement, 0.0);
    }
    double z = improvement / sigma;
    double cdf = 0.5 * Erf.erfc(-z / Math.sqrt(2));
    double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    return improvement * cdf + sigma * pdf;
  }

  /**
   * Settings of a {@link BayesOptSearcher}; see {@link ModelSearcher.Builder} for the shared ones.
   *
   * <pre>{@code
   * BayesOptSearcher bo = BayesOptSearcher.builder().randomSearchSteps(5).build();
   * }</pre>
   */
  public static final class Builder extends ModelSearcher.Builder<Builder> {
    private int randomSearchSteps = 10;
    private double xi = 0.01;
    private boolean ard = true;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets how many completed random trials precede the model (Tune's {@code
     * random_search_steps}); default 10. At least 2 results are always gathered first.
     *
     * @param steps the number of random trials, at least 0
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder randomSearchSteps(int steps) {
      if (steps < 0) {
        throw new IllegalArgumentException("random_search_steps must be >= 0, got " + steps);
      }
      this.randomSearchSteps = steps;
      return this;
    }

    /**
     * Sets the exploration margin of expected improvement, in standard deviations of the observed
     * losses; default 0.01 (as scikit-optimize). Larger explores more.
     *
     * @param xi the margin, at least 0
     * @return this builder
     * @throws IllegalArgumentException if negative or not finite
     */
    public Builder xi(double xi) {
      if (!(xi >= 0) || !Double.isFinite(xi)) {
        throw new IllegalArgumentException("xi must be a finite number >= 0, got " + xi);
      }
      this.xi = xi;
      return this;
    }

    /**
     * Sets whether each dimension gets its own length-scale (ARD, the default) or all share one.
     *
     * @param ard true for one length-scale per dimension
     * @return this builder
     */
    public Builder ard(boolean ard) {
      this.ard = ard;
      return this;
    }

    /**
     * Creates the searcher.
     *
     * @return the searcher
     * @throws IllegalArgumentException if the space holds a domain that cannot be searched
     */
    public BayesOptSearcher build() {
      return new BayesOptSearcher(this);
    }
  }
}
