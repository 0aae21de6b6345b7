package io.tune4j.rllib.models;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One trainable network: a DL4J {@link MultiLayerNetwork} ending in an identity {@link
 * OutputLayer} with a {@link CallbackLoss}, plus a plain-Java copy of its weights for inference.
 *
 * <p>Why two forward paths: ND4J costs ≈ 250–450 µs per call regardless of batch size, while a
 * plain-Java pass over a small MLP costs microseconds (DESIGN.md, platform facts). So {@link
 * #forward} runs in Java whenever every layer is dense with a tanh/relu/sigmoid/identity
 * activation (else it falls back to DL4J), and training runs in DL4J, whose BLAS wins on
 * 128×256×256 minibatches. The Java copy is refreshed lazily after every parameter change.
 *
 * <p>A training step is {@link #computeGradient} (forward + backprop, with the loss from a
 * callback) → optional {@link #scaleGradient} (global-norm clipping across networks) → {@link
 * #applyGradient} (the network's updater, e.g. Adam, then {@code θ ← θ − update}). Not
 * thread-safe.
 */
public final class Model {
  private final MultiLayerNetwork net;
  private final CallbackLoss loss;
  private final int inputSize;
  private final int outputSize;
  // Plain-Java copy: per dense layer, weights c-order [nIn][nOut], bias [nOut], activation.
  private float[][] weights;
  private float[][] biases;
  private int[] widths; // widths[0] = input, widths[l + 1] = layer l's nOut
  private int[] acts; // 0 identity, 1 tanh, 2 relu, 3 sigmoid
  private boolean fastPath;
  private boolean stale = true;
  private int lastRows;
  private float[] bufA = new float[0];
  private float[] bufB = new float[0];

  /**
   * Wraps an initialised network whose last layer is an identity {@link OutputLayer} with a
   * {@link CallbackLoss}.
   *
   * @throws IllegalArgumentException if the last layer is not such a layer
   */
  public Model(MultiLayerNetwork net) {
    this.net = net;
    int nLayers = net.getnLayers();
    Layer last = net.getLayerWiseConfigurations().getConf(nLayers - 1).getLayer();
    if (!(last instanceof OutputLayer out) || !(out.getLossFn() instanceof CallbackLoss cl)) {
      throw new IllegalArgumentException(
          "model's last layer must be an OutputLayer with a CallbackLoss, got " + last);
    }
    if (!(out.getActivationFn() instanceof ActivationIdentity)) {
      throw new IllegalArgumentException("model's output activation must be identity");
    }
    this.loss = cl;
    this.outputSize = (int) out.getNOut();
    Layer first = net.getLayerWiseConfigurations().getConf(0).getLayer();
    this.inputSize = (int) ((org.deeplearning4j.nn.conf.layers.FeedForwardLayer) first).getNIn();
  }

  /** The wrapped DL4J network. */
  public MultiLayerNetwork network() {
    return net;
  }

  /** Width of an input row. */
  public int inputSize() {
    return inputSize;
  }

  /** Width of an output row. */
  public int outputSize() {
    return outputSize;
  }

  /** Number of parameters. */
  public int numParams() {
    return (int) net.numParams();
  }

  /** True if {@link #forward} runs in plain Java. */
  public boolean hasFastPath() {
    refresh();
    return fastPath;
  }

  /**
   * Computes outputs for {@code n} rows (plain Java when possible).
   *
   * @param x row-major {@code n * inputSize()} inputs
   * @param out receives row-major {@code n * outputSize()} outputs
   */
  public void forward(float[] x, int n, float[] out) {
    refresh();
    if (!fastPath) {
      System.arraycopy(forwardDl4j(x, n), 0, out, 0, n * outputSize);
      return;
    }
    int maxW = 0;
    for (int w : widths) {
      maxW = Math.max(maxW, w);
    }
    if (bufA.length < maxW) {
      bufA = new float[maxW];
      bufB = new float[maxW];
    }
    int nl = weights.length;
    for (int r = 0; r < n; r++) {
      float[] in = bufA;
      float[] o = bufB;
      System.arraycopy(x, r * inputSize, in, 0, inputSize);
      for (int l = 0; l < nl; l++) {
        int nIn = widths[l];
        int nOut = widths[l + 1];
        float[] w = weights[l];
        System.arraycopy(biases[l], 0, o, 0, nOut);
        for (int i = 0; i < nIn; i++) {
          float xi = in[i];
          int base = i * nOut;
          for (int j = 0; j < nOut; j++) {
            o[j] += xi * w[base + j];
          }
        }
        activate(acts[l], o, nOut);
        float[] t = in;
        in = o;
        o = t;
      }
      System.arraycopy(in, 0, out, r * outputSize, outputSize);
    }
  }

  private static void activate(int act, float[] v, int n) {
    switch (act) {
      case 1 -> {
        for (int j = 0; j < n; j++) {
          // tanh(x) = 1 − 2/(e^{2x} + 1); Math.exp is an intrinsic, Math.tanh is not.
          double e = Math.exp(2.0 * v[j]);
          v[j] = (float) (1.0 - 2.0 / (e + 1.0));
        }
      }
      case 2 -> {
        for (int j = 0; j < n; j++) {
          v[j] = Math.max(v[j], 0f);
        }
      }
      case 3 -> {
        for (int j = 0; j < n; j++) {
          v[j] = (float) (1.0 / (1.0 + Math.exp(-v[j])));
        }
      }
      default -> {}
    }
  }

  /** Computes outputs with DL4J (for comparison and non-dense models). */
  public float[] forwardDl4j(float[] x, int n) {
    INDArray in = Nd4j.create(x, new long[] {n, inputSize}, 'c').castTo(net.params().dataType());
    INDArray o = net.output(in, false);
    return o.dup('c').reshape(o.length()).toFloatVector();
  }

  /**
   * Forward and backward pass on a minibatch; the loss and ∂loss/∂output come from {@code fn}.
   * The gradient stays in the network until {@link #applyGradient()}.
   */
  public void computeGradient(float[] x, int n, CallbackLoss.Fn fn) {
    INDArray in = Nd4j.create(x, new long[] {n, inputSize}, 'c').castTo(net.params().dataType());
    loss.setFn(fn);
    net.setInput(in);
    net.setLabels(Nd4j.zeros(net.params().dataType(), n, outputSize));
    net.computeGradientAndScore();
    lastRows = n;
  }

  /** Sum of squares of the last computed gradient of the mean loss. */
  public double gradientSumSquares() {
    double norm = net.getFlattenedGradients().norm2Number().doubleValue() / lastRows;
    return norm * norm;
  }

  /** A copy of the last computed gradient of the mean loss, in parameter order. */
  public float[] gradient() {
    INDArray g = net.getFlattenedGradients();
    float[] out = g.dup().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).reshape(g.length())
        .toFloatVector();
    for (int i = 0; i < out.length; i++) {
      out[i] /= lastRows;
    }
    return out;
  }

  /**
   * Replaces the pending gradient with {@code meanGrad} (a gradient of the mean loss computed
   * elsewhere), to be applied by {@link #applyGradient()}.
   */
  public void setGradient(float[] meanGrad) {
    if (meanGrad.length != numParams()) {
      throw new IllegalArgumentException(
          "expected a gradient of " + numParams() + " values, got " + meanGrad.length);
    }
    if (net.gradient() == null) {
      // DL4J's updater needs the per-variable gradient views a backward pass sets up.
      computeGradient(new float[inputSize], 1, (out, n, w, grad) -> 0.0);
    }
    INDArray g = net.getFlattenedGradients();
    g.assign(Nd4j.create(meanGrad).reshape(g.shape()).castTo(g.dataType()));
    lastRows = 1;
  }

  /** Multiplies the last computed gradient by {@code c} (global-norm clipping). */
  public void scaleGradient(double c) {
    net.getFlattenedGradients().muli(c);
  }

  /** Applies the last computed gradient through the network's updater. */
  public void applyGradient() {
    int iter = net.getIterationCount();
    net.getUpdater()
        .update(net, net.gradient(), iter, net.getEpochCount(), lastRows,
            LayerWorkspaceMgr.noWorkspaces());
    net.params().subi(net.gradient().gradient());
    net.setIterationCount(iter + 1);
    stale = true;
  }

  /** Sets the updater's learning rate (keeps the updater state). */
  public void setLearningRate(double lr) {
    net.setLearningRate(lr);
  }

  /** A copy of the flat parameter vector. */
  public float[] params() {
    return net.params().dup().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector();
  }

  /** Replaces the flat parameter vector. */
  public void setParams(float[] p) {
    if (p.length != numParams()) {
      throw new IllegalArgumentException(
          "expected " + numParams() + " parameters, got " + p.length);
    }
    net.params().assign(Nd4j.create(p).castTo(net.params().dataType()));
    stale = true;
  }

  /** A copy of the updater state (e.g. Adam's moments), empty if it has none. */
  public float[] updaterState() {
    INDArray s = net.getUpdater().getStateViewArray();
    return s == null ? new float[0] : s.dup().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
        .reshape(s.length()).toFloatVector();
  }

  /** Restores {@link #updaterState()} and the iteration count used for bias correction. */
  public void setUpdaterState(float[] state, int iterations) {
    INDArray s = net.getUpdater().getStateViewArray();
    if (s != null && state.length > 0) {
      if (state.length != s.length()) {
        throw new IllegalArgumentException(
            "expected updater state of " + s.length() + " values, got " + state.length);
      }
      s.assign(Nd4j.create(state).reshape(s.shape()).castTo(s.dataType()));
    }
    net.setIterationCount(iterations);
  }

  /** Updater steps taken so far. */
  public int iterations() {
    return net.getIterationCount();
  }

  /** Writes the network with DL4J's {@link ModelSerializer} (with updater state). */
  public void save(File file) {
    try {
      ModelSerializer.writeModel(net, file, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model to " + file, e);
    }
  }

  private void refresh() {
    if (!stale) {
      return;
    }
    stale = false;
    int nl = net.getnLayers();
    fastPath = true;
    weights = new float[nl][];
    biases = new float[nl][];
    widths = new int[nl + 1];
    acts = new int[nl];
    for (int l = 0; l < nl; l++) {
      Layer conf = net.getLayerWiseConfigurations().getConf(l).getLayer();
      if (!(conf instanceof DenseLayer || conf instanceof OutputLayer)
          || net.getLayerWiseConfigurations().getInputPreProcess(l) != null) {
        fastPath = false;
        return;
      }
      org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff =
          (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) conf;
      boolean hasBias = !(conf instanceof DenseLayer d) || d.hasBias();
      acts[l] = activationCode(ff.getActivationFn());
      if (acts[l] < 0 || !hasBias) {
        fastPath = false;
        return;
      }
      widths[l] = (int) ff.getNIn();
      widths[l + 1] = (int) ff.getNOut();
    }
    float[] flat = params();
    int off = 0;
    for (int l = 0; l < nl; l++) {
      int nIn = widths[l];
      int nOut = widths[l + 1];
      float[] w = new float[nIn * nOut];
      // DL4J keeps W as an 'f'-order [nIn, nOut] view: W[i][j] at off + i + j * nIn.
      for (int j = 0; j < nOut; j++) {
        for (int i = 0; i < nIn; i++) {
          w[i * nOut + j] = flat[off + i + j * nIn];
        }
      }
      off += nIn * nOut;
      weights[l] = w;
      biases[l] = java.util.Arrays.copyOfRange(flat, off, off + nOut);
      off += nOut;
    }
  }

  private static int activationCode(IActivation a) {
    if (a instanceof ActivationIdentity) {
      return 0;
    } else if (a instanceof ActivationTanH) {
      return 1;
    } else if (a instanceof ActivationReLU r) {
      return isPlainRelu(r) ? 2 : -1;
    } else if (a instanceof ActivationSigmoid) {
      return 3;
    }
    return -1;
  }

  private static boolean isPlainRelu(ActivationReLU r) {
    return r.equals(new ActivationReLU());
  }
}
