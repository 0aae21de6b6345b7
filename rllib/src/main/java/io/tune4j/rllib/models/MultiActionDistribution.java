package io.tune4j.rllib.models;

import java.util.List;
import java.util.Random;

/**
 * Independent product of child distributions over consecutive slices of the input and action rows
 * (RLlib's {@code MultiActionDistribution} for Tuple action spaces). log π, entropy and KL are sums
 * over the children.
 */
public class MultiActionDistribution implements ActionDistribution {
  private static final long serialVersionUID = 1L;
  private final ActionDistribution[] children;
  private final int[] inOffsets;
  private final int[] actOffsets;
  private final int inputSize;
  private final int actionSize;

  /** The product of {@code children}, in order. */
  public MultiActionDistribution(List<? extends ActionDistribution> children) {
    if (children.isEmpty()) {
      throw new IllegalArgumentException("MultiActionDistribution needs at least one child");
    }
    this.children = children.toArray(new ActionDistribution[0]);
    this.inOffsets = new int[this.children.length];
    this.actOffsets = new int[this.children.length];
    int in = 0;
    int act = 0;
    for (int i = 0; i < this.children.length; i++) {
      inOffsets[i] = in;
      actOffsets[i] = act;
      in += this.children[i].inputSize();
      act += this.children[i].actionSize();
    }
    this.inputSize = in;
    this.actionSize = act;
  }

  @Override
  public int inputSize() {
    return inputSize;
  }

  @Override
  public int actionSize() {
    return actionSize;
  }

  @Override
  public double logp(float[] in, int inOff, float[] act, int actOff) {
    double s = 0;
    for (int i = 0; i < children.length; i++) {
      s += children[i].logp(in, inOff + inOffsets[i], act, actOff + actOffsets[i]);
    }
    return s;
  }

  @Override
  public double entropy(float[] in, int inOff) {
    double s = 0;
    for (int i = 0; i < children.length; i++) {
      s += children[i].entropy(in, inOff + inOffsets[i]);
    }
    return s;
  }

  @Override
  public double kl(float[] p, int pOff, float[] q, int qOff) {
    double s = 0;
    for (int i = 0; i < children.length; i++) {
      s += children[i].kl(p, pOff + inOffsets[i], q, qOff + inOffsets[i]);
    }
    return s;
  }

  @Override
  public void sample(float[] in, int inOff, Random rng, float[] out, int outOff) {
    for (int i = 0; i < children.length; i++) {
      children[i].sample(in, inOff + inOffsets[i], rng, out, outOff + actOffsets[i]);
    }
  }

  @Override
  public void deterministicSample(float[] in, int inOff, float[] out, int outOff) {
    for (int i = 0; i < children.length; i++) {
      children[i].deterministicSample(in, inOff + inOffsets[i], out, outOff + actOffsets[i]);
    }
  }

  @Override
  public void logpGrad(
      float[] in, int inOff, float[] act, int actOff, double scale, double[] grad, int gOff) {
    for (int i = 0; i < children.length; i++) {
      children[i].logpGrad(
          in, inOff + inOffsets[i], act, actOff + actOffsets[i], scale, grad, gOff + inOffsets[i]);
    }
  }

  @Override
  public void entropyGrad(float[] in, int inOff, double scale, double[] grad, int gOff) {
    for (int i = 0; i < children.length; i++) {
      children[i].entropyGrad(in, inOff + inOffsets[i], scale, grad, gOff + inOffsets[i]);
    }
  }

  @Override
  public void klGrad(
      float[] p, int pOff, float[] q, int qOff, double scale, double[] grad, int gOff) {
    for (int i = 0; i < children.length; i++) {
      children[i].klGrad(
          p, pOff + inOffsets[i], q, qOff + inOffsets[i], scale, grad, gOff + inOffsets[i]);
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + java.util.Arrays.toString(children);
  }
}
