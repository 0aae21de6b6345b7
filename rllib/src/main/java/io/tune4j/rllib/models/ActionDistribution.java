package io.tune4j.rllib.models;

import java.util.Random;

/**
 * A parametric distribution over actions whose parameters ("inputs", e.g. logits) are one row of a
 * model's output (RLlib's {@code ActionDistribution}). Plain Java over float rows: these are a few
 * dozen flops per row, which ND4J's per-call cost would make slow.
 *
 * <p>Every method reads one row: {@code in[inOff .. inOff + inputSize())} and an action {@code
 * act[actOff .. actOff + actionSize())} (a Discrete action is its index as a float). The {@code
 * ...Grad} methods <em>add</em> {@code scale} times the derivative with respect to the inputs to
 * {@code grad[gOff .. gOff + inputSize())}, which lets a loss accumulate its terms in place.
 *
 * <pre>{@code
 * ActionDistribution d = new Categorical(2);
 * float[] logits = {0f, 0f};
 * d.logp(logits, 0, new float[] {1}, 0); // log(0.5)
 * }</pre>
 *
 * <p>Instances are stateless and thread-safe.
 */
public interface ActionDistribution extends java.io.Serializable {

  /** Width of the input (parameter) row. */
  int inputSize();

  /** Width of one action row. */
  int actionSize();

  /** log π(a | inputs). */
  double logp(float[] in, int inOff, float[] act, int actOff);

  /** Entropy H(π(· | inputs)). */
  double entropy(float[] in, int inOff);

  /** KL(p ‖ q) between the distributions with inputs {@code p} and {@code q}. */
  double kl(float[] p, int pOff, float[] q, int qOff);

  /** Draws an action into {@code out[outOff ..]}. */
  void sample(float[] in, int inOff, Random rng, float[] out, int outOff);

  /** Writes the mode (argmax / mean) into {@code out[outOff ..]}. */
  void deterministicSample(float[] in, int inOff, float[] out, int outOff);

  /** Adds {@code scale · ∂ log π(a|in) / ∂in} to {@code grad}. */
  void logpGrad(
      float[] in, int inOff, float[] act, int actOff, double scale, double[] grad, int gOff);

  /** Adds {@code scale · ∂H(in) / ∂in} to {@code grad}. */
  void entropyGrad(float[] in, int inOff, double scale, double[] grad, int gOff);

  /** Adds {@code scale · ∂KL(p ‖ q) / ∂q} (derivative in the second argument) to {@code grad}. */
  void klGrad(float[] p, int pOff, float[] q, int qOff, double scale, double[] grad, int gOff);
}
