package io.tune4j.search.algorithms;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSquareMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A zero-mean Gaussian process with a Matérn 5/2 kernel over the unit cube (Rasmussen & Williams,
 * "Gaussian Processes for Machine Learning", 2006, eq. 4.17 and 5.8):
 *
 * <pre>
 *   k(x, x') = s2 (1 + sqrt(5) r + 5 r^2 / 3) exp(-sqrt(5) r),  r^2 = sum_d ((x_d - x'_d) / l_d)^2
 * </pre>
 *
 * plus a noise term {@code s2 * ratio} on the diagonal. Outputs are expected standardized. The
 * amplitude {@code s2} is profiled out of the log marginal likelihood in closed form ({@code s2 =
 * y' C^-1 y / n}); the length-scales and noise ratio are chosen by a coarse grid over a shared
 * length-scale and noise ratio, then (with ARD) by coordinate-wise doubling/halving of each
 * length-scale while the likelihood improves. The objective adds a log-normal prior on each
 * length-scale (median 0.5, log-sd 1), i.e. this is a MAP estimate. Cholesky factorizations come from Commons Math.
 */
final class MaternGp {
  private static final double SQRT5 = Math.sqrt(5.0);
  private static final double[] LENGTH_GRID = {0.03, 0.06, 0.1, 0.17, 0.3, 0.5, 0.8, 1.3, 2.0, 3.5};
  private static final double[] NOISE_GRID = {1e-6, 1e-4, 1e-2, 1e-1};
  private static final double MIN_LENGTH = 0.01;
  private static final double MAX_LENGTH = 20.0;

  private final double[][] x;
  private final double[] lengths;
  private final double[][] chol;
  private final double[] alpha;
  private final double amplitude;
  final double logLikelihood;

  private MaternGp(double[][] x, double[] lengths, Fit fit) {
    this.x = x;
    this.lengths = lengths;
    this.chol = fit.chol;
    this.alpha = fit.alpha;
    this.amplitude = fit.amplitude;
    this.logLikelihood = fit.logLikelihood;
  }

  private record Fit(double[][] chol, double[] alpha, double amplitude, double logLikelihood) {}

  /**
   * Fits the hyperparameters by maximizing the profiled log marginal likelihood.
   *
   * @param x points of the unit cube, one row each
   * @param y standardized outputs
   * @param ard whether each dimension gets its own length-scale
   */
  static MaternGp fit(double[][] x, double[] y, boolean ard) {
    int d = x[0].length;
    double bestLl = Double.NEGATIVE_INFINITY;
    double bestLength = 0.3;
    double bestNoise = 1e-4;
    for (double length : LENGTH_GRID) {
      for (double noise : NOISE_GRID) {
        double ll = logLikelihood(x, y, filled(d, length), noise);
        if (ll > bestLl) {
          bestLl = ll;
          bestLength = length;
          bestNoise = noise;
        }
      }
    }
    double[] lengths = filled(d, bestLength);
    double noise = bestNoise;
    if (ard && d > 1) {
      for (int sweep = 0; sweep < 2; sweep++) {
        boolean improved = false;
        for (int i = 0; i < d; i++) {
          for (double factor : new double[] {0.5, 2.0}) {
            for (int step = 0; step < 4; step++) {
              double old = lengths[i];
              lengths[i] = Math.max(MIN_LENGTH, Math.min(MAX_LENGTH, old * factor));
              double ll = lengths[i] == old ? bestLl : logLikelihood(x, y, lengths, noise);
              if (ll > bestLl + 1e-9) {
                bestLl = ll;
                improved = true;
              } else {
                lengths[i] = old;
                break;
              }
            }
          }
        }
        if (!improved) {
          break;
        }
      }
    }
    Fit fit = factor(x, y, lengths, noise);
    if (fit == null) {
      fit = factor(x, y, lengths, 1e-2);
    }
    return new MaternGp(x, lengths, fit);
  }

  private static double[] filled(int d, double v) {
    double[] out = new double[d];
    java.util.Arrays.fill(out, v);
    return out;
  }

  private static double logLikelihood(double[][] x, double[] y, double[] lengths, double noise) {
    Fit fit = factor(x, y, lengths, noise);
    if (fit == null) {
      return Double.NEGATIVE_INFINITY;
    }
    // A log-normal prior on each length-scale (median 0.5, sd 1 in log space) keeps clustered
    // observations from driving the fit to tiny length-scales that make the rest of the cube look
    // uncertain (and so attractive to EI) again.
    double prior = 0;
    for (double l : lengths) {
      double z = Math.log(l / 0.5);
      prior -= 0.5 * z * z;
    }
    return fit.logLikelihood + prior;
  }

  /** Factors {@code C + noise I}; null if it is not numerically positive definite. */
  private static Fit factor(double[][] x, double[] y, double[] lengths, double noise) {
    int n = x.length;
    double[][] c = new double[n][n];
    for (int i = 0; i < n; i++) {
      c[i][i] = 1.0 + noise;
      for (int j = 0; j < i; j++) {
        c[i][j] = c[j][i] = kernel(x[i], x[j], lengths);
      }
    }
    RealMatrix lower;
    try {
      lower = new CholeskyDecomposition(new Array2DRowRealMatrix(c, false), 1e-12, 1e-12).getL();
    } catch (NonPositiveDefiniteMatrixException
        | NonSymmetricMatrixException
        | NonSquareMatrixException e) {
      return null;
    }
    double[][] l = lower.getData();
    // alpha = C^-1 y: the mean k*' K^-1 y does not depend on the amplitude.
    double[] alpha = backSubstitute(l, forwardSubstitute(l, y));
    double quad = 0;
    double logDet = 0;
    for (int i = 0; i < n; i++) {
      quad += y[i] * alpha[i];
      logDet += 2 * Math.log(l[i][i]);
    }
    double amplitude = Math.max(quad / n, 1e-12);
    double ll = -0.5 * n * Math.log(amplitude) - 0.5 * logDet - 0.5 * n * (1 + Math.log(2 * Math.PI));
    return new Fit(l, alpha, amplitude, ll);
  }

  static double kernel(double[] a, double[] b, double[] lengths) {
    double r2 = 0;
    for (int d = 0; d < a.length; d++) {
      double t = (a[d] - b[d]) / lengths[d];
      r2 += t * t;
    }
    double r = Math.sqrt(r2);
    return (1 + SQRT5 * r + 5.0 / 3.0 * r2) * Math.exp(-SQRT5 * r);
  }

  /** Solves {@code L z = b} for lower-triangular L. */
  private static double[] forwardSubstitute(double[][] l, double[] b) {
    int n = b.length;
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int j = 0; j < i; j++) {
        s -= l[i][j] * z[j];
      }
      z[i] = s / l[i][i];
    }
    return z;
  }

  /** Solves {@code L' z = b} for lower-triangular L. */
  private static double[] backSubstitute(double[][] l, double[] b) {
    int n = b.length;
    double[] z = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int j = i + 1; j < n; j++) {
        s -= l[j][i] * z[j];
      }
      z[i] = s / l[i][i];
    }
    return z;
  }

  /**
   * Predicts the latent function at a point.
   *
   * @param p a point of the unit cube
   * @return {mean, standard deviation}, in standardized units
   */
  double[] predict(double[] p) {
    int n = x.length;
    double[] k = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      k[i] = kernel(p, x[i], lengths);
      mean += k[i] * alpha[i];
    }
    double[] v = forwardSubstitute(chol, k);
    double vv = 0;
    for (double vi : v) {
      vv += vi * vi;
    }
    double var = amplitude * Math.max(1e-12, 1.0 - vv);
    return new double[] {mean, Math.sqrt(var)};
  }

  /** The fitted length-scales (for diagnostics and tests). */
  double[] lengths() {
    return lengths.clone();
  }
}
