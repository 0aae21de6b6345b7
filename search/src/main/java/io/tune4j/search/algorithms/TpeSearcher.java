package io.tune4j.search.algorithms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.special.Erf;

/**
 * Tree-structured Parzen Estimator (Bergstra et al., "Algorithms for Hyper-Parameter
 * Optimization", NeurIPS 2011), following Optuna 3.x's {@code TPESampler} (what Tune's {@code
 * OptunaSearch} and {@code HyperOptSearch} run).
 *
 * <ol>
 *   <li>The first {@code nStartupTrials} (10) completed trials are drawn at random.
 *   <li>The completed trials are sorted by loss and split: the best {@code min(ceil(gamma * n),
 *       25)} ({@code gamma} 0.1, Optuna's {@code default_gamma}) are "good", the rest "bad". Within
 *       each group, trials get Optuna's {@code default_weights} (older trials down-weighted once a
 *       group has more than 25).
 *   <li>Each group becomes a Parzen estimator on the unit cube (log domains in log space): a
 *       mixture of one truncated normal per trial plus a prior kernel (centre 0.5, width 1, weight
 *       {@code priorWeight}). Univariate bandwidths are hyperopt's adaptive ones (distance to the
 *       farther sorted neighbour, clipped to {@code [1 / min(100, 1 + n), 1]}, the "magic clip");
 *       multivariate ones are Optuna's {@code 0.2 * n^(-1 / (d + 4))}. Categorical dimensions
 *       use smoothed frequencies: each trial's kernel puts {@code 1 + priorWeight / k} on its own
 *       category and {@code priorWeight / k} on every other ({@code k} kernels), normalized.
 *   <li>{@code nEiCandidates} (24) candidates are drawn from the good estimator {@code l(x)}; the
 *       one maximizing {@code l(x) / g(x)} is suggested, per dimension independently (default) or
 *       jointly ({@code multivariate(true)}).
 * </ol>
 *
 * <p>Simplifications: integer and quantized dimensions use densities over their bins' continuous
 * range rather than bin masses; trials still running are not used (no constant liar), so rely on
 * the random draws of l(x) (or a {@link ConcurrencyLimiter}) for diversity under concurrency.
 *
 * <pre>{@code
 * TpeSearcher tpe = TpeSearcher.builder().metric("loss").mode(Mode.MIN).multivariate(true)
 *     .seed(3L).build();
 * }</pre>
 */
public final class TpeSearcher extends ModelSearcher {
  private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private final int nStartupTrials;
  private final int nEiCandidates;
  private final double gamma;
  private final double priorWeight;
  private final boolean multivariate;

  private TpeSearcher(Builder builder) {
    super(builder);
    this.nStartupTrials = builder.nStartupTrials;
    this.nEiCandidates = builder.nEiCandidates;
    this.gamma = builder.gamma;
    this.priorWeight = builder.priorWeight;
    this.multivariate = builder.multivariate;
  }

  /**
   * Starts a builder.
   *
   * @return a builder with Optuna's defaults: 10 startup trials, 24 candidates, gamma 0.1, prior
   *     weight 1, univariate
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  double[] propose(SplittableRandom random) {
    List<Observation> obs = observations();
    int n = obs.size();
    if (n < Math.max(1, nStartupTrials)) {
      return randomPoint(random);
    }
    Integer[] byLoss = new Integer[n];
    for (int i = 0; i < n; i++) {
      byLoss[i] = i;
    }
    Arrays.sort(byLoss, (a, b) -> Double.compare(loss(obs.get(a)), loss(obs.get(b))));
    int nBelow = Math.min((int) Math.ceil(gamma * n), 25);
    boolean[] good = new boolean[n];
    for (int i = 0; i < nBelow; i++) {
      good[byLoss[i]] = true;
    }
    List<double[]> below = new ArrayList<>();
    List<double[]> above = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      (good[i] ? below : above).add(obs.get(i).x());
    }
    Parzen l = new Parzen(below);
    Parzen g = new Parzen(above);
    int d = dimensions().size();
    if (multivariate) {
      double[] best = null;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < nEiCandidates; c++) {
        double[] x = l.sampleJoint(random);
        double score = l.logPdfJoint(x) - g.logPdfJoint(x);
        if (best == null || score > bestScore) {
          best = x;
          bestScore = score;
        }
      }
      return best;
    }
    double[] out = new double[d];
    for (int j = 0; j < d; j++) {
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < nEiCandidates; c++) {
        double v = l.sampleDim(j, random);
        double score = l.logPdfDim(j, v) - g.logPdfDim(j, v);
        if (c == 0 || score > bestScore) {
          out[j] = v;
          bestScore = score;
        }
      }
    }
    return out;
  }

  /** Optuna's {@code default_weights}: flat, with a ramp over the oldest beyond the newest 25. */
  static double[] defaultWeights(int n) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    int ramp = n - 25;
    for (int i = 0; i < ramp; i++) {
      w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
    }
    return w;
  }

  /** A mixture of one product kernel per observation plus the prior kernel (the last one). */
  private final class Parzen {
    final int kernels;
    final double[] logWeights;
    final double[] cumWeights;
    final double[][] mus; // [dim][kernel]
    final double[][] sigmas;
    final double[][] logNorms; // log of the truncation mass
    final double[][][] catProbs; // [dim][kernel][category]

    Parzen(List<double[]> xs) {
      List<Dimension> dims = dimensions();
      int n = xs.size();
      kernels = n + 1;
      double[] w = Arrays.copyOf(defaultWeights(n), kernels);
      w[n] = priorWeight;
      double sum = Arrays.stream(w).sum();
      logWeights = new double[kernels];
      cumWeights = new double[kernels];
      double acc = 0;
      for (int k = 0; k < kernels; k++) {
        logWeights[k] = Math.log(w[k] / sum);
        acc += w[k] / sum;
        cumWeights[k] = acc;
      }
      int d = dims.size();
      mus = new double[d][];
      sigmas = new double[d][];
      logNorms = new double[d][];
      catProbs = new double[d][][];
      for (int j = 0; j < d; j++) {
        Dimension dim = dims.get(j);
        if (dim.categorical) {
          catProbs[j] = new double[kernels][dim.size];
          double smooth = priorWeight / kernels;
          for (int k = 0; k < kernels; k++) {
            Arrays.fill(catProbs[j][k], smooth);
            if (k < n) {
              catProbs[j][k][dim.index(xs.get(k)[j])] += 1.0;
            }
            double rowSum = Arrays.stream(catProbs[j][k]).sum();
            for (int c = 0; c < dim.size; c++) {
              catProbs[j][k][c] /= rowSum;
            }
          }
          continue;
        }
        double[] mu = new double[kernels];
        for (int k = 0; k < n; k++) {
          mu[k] = xs.get(k)[j];
        }
        mu[n] = 0.5;
        double[] sigma = multivariate ? multivariateSigmas(n, d) : adaptiveSigmas(mu);
        double minSigma = 1.0 / Math.min(100.0, 1.0 + kernels);
        for (int k = 0; k < n; k++) {
          sigma[k] = Math.max(minSigma, Math.min(1.0, sigma[k]));
        }
        sigma[n] = 1.0;
        mus[j] = mu;
        sigmas[j] = sigma;
        logNorms[j] = new double[kernels];
        for (int k = 0; k < kernels; k++) {
          double mass = phi((1 - mu[k]) / sigma[k]) - phi(-mu[k] / sigma[k]);
          logNorms[j][k] = Math.log(Math.max(mass, 1e-300));
        }
      }
    }

    /** hyperopt's adaptive_parzen_normal: the larger gap to a sorted neighbour (ends 0 and 1). */
    private double[] adaptiveSigmas(double[] mu) {
      int m = mu.length;
      Integer[] order = new Integer[m];
      for (int i = 0; i < m; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(mu[a], mu[b]));
      double[] sorted = new double[m + 2];
      sorted[0] = 0.0;
      sorted[m + 1] = 1.0;
      for (int i = 0; i < m; i++) {
        sorted[i + 1] = mu[order[i]];
      }
      double[] sigma = new double[m];
      for (int i = 0; i < m; i++) {
        double left = sorted[i + 1] - sorted[i];
        double right = sorted[i + 2] - sorted[i + 1];
        // consider_endpoints=False: the outermost kernels use their inner neighbour only
        if (m >= 2 && i == 0) {
          left = right;
        } else if (m >= 2 && i == m - 1) {
          right = left;
        }
        sigma[order[i]] = Math.max(left, right);
      }
      return sigma;
    }

    private double[] multivariateSigmas(int n, int d) {
      double s = 0.2 * Math.pow(Math.max(n, 1), -1.0 / (d + 4));
      double[] sigma = new double[n + 1];
      Arrays.fill(sigma, s);
      return sigma;
    }

    int pickKernel(SplittableRandom random) {
      double u = random.nextDouble();
      for (int k = 0; k < kernels; k++) {
        if (u < cumWeights[k]) {
          return k;
        }
      }
      return kernels - 1;
    }

    double sampleFromKernel(int j, int k, SplittableRandom random) {
      Dimension dim = dimensions().get(j);
      if (dim.categorical) {
        double u = random.nextDouble();
        double acc = 0;
        for (int c = 0; c < dim.size; c++) {
          acc += catProbs[j][k][c];
          if (u < acc) {
            return (c + 0.5) / dim.size;
          }
        }
        return (dim.size - 0.5) / dim.size;
      }
      for (int attempt = 0; attempt < 100; attempt++) {
        double v = mus[j][k] + sigmas[j][k] * random.nextGaussian();
        if (v >= 0 && v <= 1) {
          return v;
        }
      }
      return Math.max(0.0, Math.min(1.0, mus[j][k]));
    }

    double sampleDim(int j, SplittableRandom random) {
      return sampleFromKernel(j, pickKernel(random), random);
    }

    double[] sampleJoint(SplittableRandom random) {
      int k = pickKernel(random);
      double[] x = new double[mus.length];
      for (int j = 0; j < x.length; j++) {
        x[j] = sampleFromKernel(j, k, random);
      }
      return x;
    }

    double logKernel(int j, int k, double v) {
      if (catProbs[j] != null) {
        return Math.log(catProbs[j][k][dimensions().get(j).index(v)]);
      }
      double z = (v - mus[j][k]) / sigmas[j][k];
      return -0.5 * z * z - LOG_SQRT_2PI - Math.log(sigmas[j][k]) - logNorms[j][k];
    }

    double logPdfDim(int j, double v) {
      double[] terms = new double[kernels];
      for (int k = 0; k < kernels; k++) {
        terms[k] = logWeights[k] + logKernel(j, k, v);
      }
      return logSumExp(terms);
    }

    double logPdfJoint(double[] x) {
      double[] terms = new double[kernels];
      for (int k = 0; k < kernels; k++) {
        double t = logWeights[k];
        for (int j = 0; j < x.length; j++) {
          t += logKernel(j, k, x[j]);
        }
        terms[k] = t;
      }
      return logSumExp(terms);
    }
  }

  private static double phi(double z) {
    return 0.5 * Erf.erfc(-z / Math.sqrt(2));
  }

  private static double logSumExp(double[] terms) {
    double max = Double.NEGATIVE_INFINITY;
    for (double t : terms) {
      max = Math.max(max, t);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      return max;
    }
    double s = 0;
    for (double t : terms) {
      s += Math.exp(t - max);
    }
    return max + Math.log(s);
  }

  /**
   * Settings of a {@link TpeSearcher}; see {@link ModelSearcher.Builder} for the shared ones.
   *
   * <pre>{@code
   * TpeSearcher tpe = TpeSearcher.builder().nStartupTrials(5).nEiCandidates(48).build();
   * }</pre>
   */
  public static final class Builder extends ModelSearcher.Builder<Builder> {
    private int nStartupTrials = 10;
    private int nEiCandidates = 24;
    private double gamma = 0.1;
    private double priorWeight = 1.0;
    private boolean multivariate;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets how many completed random trials precede the model (Optuna's {@code
     * n_startup_trials}); default 10, at least 1 is always used.
     *
     * @param n the number of random trials, at least 0
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder nStartupTrials(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("n_startup_trials must be >= 0, got " + n);
      }
      this.nStartupTrials = n;
      return this;
    }

    /**
     * Sets how many candidates are drawn from l(x) per suggestion (Optuna's {@code
     * n_ei_candidates}); default 24.
     *
     * @param n the number of candidates, at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder nEiCandidates(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("n_ei_candidates must be >= 1, got " + n);
      }
      this.nEiCandidates = n;
      return this;
    }

    /**
     * Sets the fraction of trials counted as good, {@code min(ceil(gamma * n), 25)}; default 0.1.
     *
     * @param gamma the fraction, in (0, 1)
     * @return this builder
     * @throws IllegalArgumentException if outside (0, 1)
     */
    public Builder gamma(double gamma) {
      if (!(gamma > 0 && gamma < 1)) {
        throw new IllegalArgumentException("gamma must be in (0, 1), got " + gamma);
      }
      this.gamma = gamma;
      return this;
    }

    /**
     * Sets the weight of the prior kernel (Optuna's {@code prior_weight}); default 1.
     *
     * @param weight the weight, greater than 0
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder priorWeight(double weight) {
      if (!(weight > 0) || !Double.isFinite(weight)) {
        throw new IllegalArgumentException("prior_weight must be > 0, got " + weight);
      }
      this.priorWeight = weight;
      return this;
    }

    /**
     * Sets whether dimensions are modelled jointly (Optuna's {@code multivariate=True}) rather
     * than independently (the default).
     *
     * @param multivariate true for joint kernels
     * @return this builder
     */
    public Builder multivariate(boolean multivariate) {
      this.multivariate = multivariate;
      return this;
    }

    /**
     * Creates the searcher.
     *
     * @return the searcher
     * @throws IllegalArgumentException if the space holds a domain that cannot be searched
     */
    public TpeSearcher build() {
      return new TpeSearcher(this);
    }
  }
}
