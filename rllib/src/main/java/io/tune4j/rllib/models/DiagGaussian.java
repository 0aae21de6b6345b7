package io.tune4j.rllib.models;

import java.util.Random;

/**
 * Diagonal Gaussian over {@code d}-dimensional Box actions, parameterised by the input row [μ (d) |
 * log σ (d)] (RLlib's {@code DiagGaussian}; with {@code free_log_std} the log σ half comes from
 * free variables instead of the network).
 *
 * <ul>
 *   <li>log π(x) = −½ Σ((x−μ)/σ)² − ½ d log 2π − Σ log σ
 *   <li>H = Σ (log σ + ½ log 2πe). RLlib at 9e328fbe6 summed ½ log σ here, a bug fixed upstream
 *       later; this is the correct entropy (it only matters when {@code entropy_coeff > 0}).
 *   <li>KL(p ‖ q) = Σ [log σ_q − log σ_p + (σ_p² + (μ_p − μ_q)²) / (2σ_q²) − ½]
 * </ul>
 */
public final class DiagGaussian implements ActionDistribution {
  private static final long serialVersionUID = 1L;
  private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
  private static final double HALF_LOG_2PIE = 0.5 * Math.log(2 * Math.PI * Math.E);
  private final int d;

  /** A Gaussian over {@code d ≥ 1} action dimensions (input width {@code 2d}). */
  public DiagGaussian(int d) {
    if (d < 1) {
      throw new IllegalArgumentException("DiagGaussian: dimension must be >= 1, got " + d);
    }
    this.d = d;
  }

  @Override
  public int inputSize() {
    return 2 * d;
  }

  @Override
  public int actionSize() {
    return d;
  }

  @Override
  public double logp(float[] in, int inOff, float[] act, int actOff) {
    double s = 0;
    for (int i = 0; i < d; i++) {
      double logStd = in[inOff + d + i];
      double z = (act[actOff + i] - in[inOff + i]) / Math.exp(logStd);
      s += -0.5 * z * z - logStd - HALF_LOG_2PI;
    }
    return s;
  }

  @Override
  public double entropy(float[] in, int inOff) {
    double s = 0;
    for (int i = 0; i < d; i++) {
      s += in[inOff + d + i] + HALF_LOG_2PIE;
    }
    return s;
  }

  @Override
  public double kl(float[] p, int pOff, float[] q, int qOff) {
    double s = 0;
    for (int i = 0; i < d; i++) {
      double lp = p[pOff + d + i];
      double lq = q[qOff + d + i];
      double dm = p[pOff + i] - q[qOff + i];
      s += lq - lp + (Math.exp(2 * lp) + dm * dm) / (2 * Math.exp(2 * lq)) - 0.5;
    }
    return s;
  }

  @Override
  public void sample(float[] in, int inOff, Random rng, float[] out, int outOff) {
    for (int i = 0; i < d; i++) {
      out[outOff + i] = (float) (in[inOff + i] + Math.exp(in[inOff + d + i]) * rng.nextGaussian());
    }
  }

  @Override
  public void deterministicSample(float[] in, int inOff, float[] out, int outOff) {
    System.arraycopy(in, inOff, out, outOff, d);
  }

  @Override
  public void logpGrad(
      float[] in, int inOff, float[] act, int actOff, double scale, double[] grad, int gOff) {
    for (int i = 0; i < d; i++) {
      double std = Math.exp(in[inOff + d + i]);
      double z = (act[actOff + i] - in[inOff + i]) / std;
      grad[gOff + i] += scale * z / std; // ∂/∂μ = (x − μ)/σ²
      grad[gOff + d + i] += scale * (z * z - 1); // ∂/∂log σ = z² − 1
    }
  }

  @Override
  public void entropyGrad(float[] in, int inOff, double scale, double[] grad, int gOff) {
    for (int i = 0; i < d; i++) {
      grad[gOff + d + i] += scale;
    }
  }

  @Override
  public void klGrad(
      float[] p, int pOff, float[] q, int qOff, double scale, double[] grad, int gOff) {
    for (int i = 0; i < d; i++) {
      double varQ = Math.exp(2.0 * q[qOff + d + i]);
      double dm = q[qOff + i] - p[pOff + i];
      grad[gOff + i] += scale * dm / varQ;
      grad[gOff + d + i] += scale * (1 - (Math.exp(2.0 * p[pOff + d + i]) + dm * dm) / varQ);
    }
  }

  @Override
  public String toString() {
    return "DiagGaussian(" + d + ")";
  }
}
