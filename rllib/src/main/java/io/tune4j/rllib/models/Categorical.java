package io.tune4j.rllib.models;

import java.util.Random;

/**
 * Categorical distribution over {@code n} actions parameterised by logits z: π(a) = softmax(z)_a
 * (RLlib's {@code Categorical}). Computed in double with the max-logit shift for stability.
 *
 * <p>Derivatives (p = softmax(z)): ∂ log p_a / ∂z_j = [j = a] − p_j; ∂H / ∂z_j = −p_j (log p_j +
 * H); ∂KL(p_old ‖ q) / ∂z_q,j = q_j − p_old,j.
 */
public final class Categorical implements ActionDistribution {
  private static final long serialVersionUID = 1L;
  private final int n;

  /** A distribution over {@code n ≥ 1} actions. */
  public Categorical(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("Categorical: n must be >= 1, got " + n);
    }
    this.n = n;
  }

  @Override
  public int inputSize() {
    return n;
  }

  @Override
  public int actionSize() {
    return 1;
  }

  /** log Σ exp(z), stable. */
  private double logSumExp(float[] z, int off) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, z[off + i]);
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.exp(z[off + i] - max);
    }
    return max + Math.log(s);
  }

  private int index(float[] act, int actOff) {
    int a = (int) act[actOff];
    if (a < 0 || a >= n || a != act[actOff]) {
      throw new IllegalArgumentException("Categorical(" + n + "): invalid action " + act[actOff]);
    }
    return a;
  }

  @Override
  public double logp(float[] in, int inOff, float[] act, int actOff) {
    return in[inOff + index(act, actOff)] - logSumExp(in, inOff);
  }

  @Override
  public double entropy(float[] in, int inOff) {
    double lse = logSumExp(in, inOff);
    double h = 0;
    for (int i = 0; i < n; i++) {
      double logp = in[inOff + i] - lse;
      h -= Math.exp(logp) * logp;
    }
    return h;
  }

  @Override
  public double kl(float[] p, int pOff, float[] q, int qOff) {
    double lp = logSumExp(p, pOff);
    double lq = logSumExp(q, qOff);
    double kl = 0;
    for (int i = 0; i < n; i++) {
      double logP = p[pOff + i] - lp;
      kl += Math.exp(logP) * (logP - (q[qOff + i] - lq));
    }
    return kl;
  }

  @Override
  public void sample(float[] in, int inOff, Random rng, float[] out, int outOff) {
    double lse = logSumExp(in, inOff);
    double u = rng.nextDouble();
    double c = 0;
    for (int i = 0; i < n - 1; i++) {
      c += Math.exp(in[inOff + i] - lse);
      if (u < c) {
        out[outOff] = i;
        return;
      }
    }
    out[outOff] = n - 1;
  }

  @Override
  public void deterministicSample(float[] in, int inOff, float[] out, int outOff) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (in[inOff + i] > in[inOff + best]) {
        best = i;
      }
    }
    out[outOff] = best;
  }

  @Override
  public void logpGrad(
      float[] in, int inOff, float[] act, int actOff, double scale, double[] grad, int gOff) {
    int a = index(act, actOff);
    double lse = logSumExp(in, inOff);
    for (int j = 0; j < n; j++) {
      grad[gOff + j] -= scale * Math.exp(in[inOff + j] - lse);
    }
    grad[gOff + a] += scale;
  }

  @Override
  public void entropyGrad(float[] in, int inOff, double scale, double[] grad, int gOff) {
    double lse = logSumExp(in, inOff);
    double h = entropy(in, inOff);
    for (int j = 0; j < n; j++) {
      double logp = in[inOff + j] - lse;
      grad[gOff + j] -= scale * Math.exp(logp) * (logp + h);
    }
  }

  @Override
  public void klGrad(
      float[] p, int pOff, float[] q, int qOff, double scale, double[] grad, int gOff) {
    double lp = logSumExp(p, pOff);
    double lq = logSumExp(q, qOff);
    for (int j = 0; j < n; j++) {
      grad[gOff + j] += scale * (Math.exp(q[qOff + j] - lq) - Math.exp(p[pOff + j] - lp));
    }
  }

  @Override
  public String toString() {
    return "Categorical(" + n + ")";
  }
}
