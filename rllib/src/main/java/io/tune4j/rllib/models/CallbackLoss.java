package io.tune4j.rllib.models;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonIgnore;

/**
 * A DL4J loss whose value and gradient come from plain Java: the output layer hands it the
 * network's outputs, it calls the {@link Fn} set for the current step and returns ∂loss/∂output.
 * This is how a policy trains a DL4J network on an RL loss (clipped surrogate, KL penalty, ...)
 * that needs per-row data no label array can express. The callback sees the layer's activated
 * outputs (identity for distribution inputs and Q-values; e.g. tanh for a feature trunk) and its
 * gradient is carried back through the activation here.
 *
 * <p>DL4J sums per-row gradients and divides by the minibatch size in its updater, so the gradient
 * of a <em>mean</em> loss is multiplied by the row count here. The callback is transient: a network
 * restored from disk predicts, but cannot train until a callback is set.
 */
public class CallbackLoss implements ILossFunction {
  private static final long serialVersionUID = 1L;

  /** Computes a mean loss and its gradient over a minibatch of network outputs. */
  @FunctionalInterface
  public interface Fn {
    /**
     * @param out row-major {@code n * width} network outputs
     * @param n rows
     * @param width outputs per row
     * @param grad receives ∂(mean loss)/∂out, {@code n * width} values (zeroed on entry)
     * @return the mean loss
     */
    double apply(float[] out, int n, int width, double[] grad);
  }

  @JsonIgnore private transient Fn fn;
  @JsonIgnore private transient double lastScore;

  /** For DL4J's JSON configuration round trip. */
  public CallbackLoss() {}

  /** Sets the callback used by the next gradient computation. */
  public void setFn(Fn fn) {
    this.fn = fn;
  }

  @Override
  public INDArray computeGradient(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    if (fn == null) {
      throw new IllegalStateException("CallbackLoss: no loss callback set for this training step");
    }
    int n = (int) preOutput.size(0);
    int width = (int) preOutput.size(1);
    boolean identity = activationFn instanceof ActivationIdentity;
    INDArray activated = identity ? preOutput : activationFn.getActivation(preOutput.dup(), true);
    float[] out = activated.dup('c').reshape(activated.length()).toFloatVector();
    double[] grad = new double[n * width];
    lastScore = fn.apply(out, n, width, grad);
    float[] g = new float[grad.length];
    for (int i = 0; i < g.length; i++) {
      g[i] = (float) (grad[i] * n);
    }
    INDArray dOut = Nd4j.create(g, new long[] {n, width}, 'c').castTo(preOutput.dataType());
    return identity ? dOut : activationFn.backprop(preOutput.dup(), dOut).getFirst();
  }

  @Override
  public double computeScore(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean avg) {
    return avg ? lastScore : lastScore * preOutput.size(0);
  }

  @Override
  public INDArray computeScoreArray(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
    return Nd4j.valueArrayOf(new long[] {preOutput.size(0), 1}, lastScore);
  }

  @Override
  public Pair<Double, INDArray> computeGradientAndScore(
      INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask, boolean avg) {
    INDArray g = computeGradient(labels, preOutput, activationFn, mask);
    return new Pair<>(computeScore(labels, preOutput, activationFn, mask, avg), g);
  }

  @Override
  public String name() {
    return "CallbackLoss";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CallbackLoss;
  }

  @Override
  public int hashCode() {
    return 17;
  }

  @Override
  public String toString() {
    return "CallbackLoss()";
  }
}
