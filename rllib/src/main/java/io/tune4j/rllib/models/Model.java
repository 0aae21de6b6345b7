package io.tune4j.rllib.models;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One trainable network: a DL4J {@link MultiLayerNetwork} ending in an identity {@link OutputLayer}
 * with a {@link CallbackLoss}, plus a plain-Java copy of its weights for inference.
 *
 * <p>Why two forward paths: ND4J costs ≈ 250–450 µs per call regardless of batch size, while a
 * plain-Java pass over a small MLP costs microseconds (DESIGN.md, platform facts). So {@link
 * #forward} runs in Java whenever every layer is dense with a tanh/relu/sigmoid/identity activation
 * (else it falls back to DL4J), and training runs in DL4J, whose BLAS wins on 128×256×256
 * minibatches. The Java copy is refreshed lazily after every parameter change.
 *
 * <p>The master copy of the parameters is a Java {@code float[]}: a training step is {@link
 * #computeGradient} (DL4J forward + backprop, with the loss from a callback) → optional {@link
 * #scaleGradient} (global-norm clipping across networks) → {@link #applyGradient} ({@link Adam} in
 * Java; DL4J's updater costs ≈ 0.7 ms per step in per-call overhead). DL4J's copy of the parameters
 * is refreshed lazily before its next use. Not thread-safe.
 */
public final class Model {
  private final MultiLayerNetwork net;
  private final CallbackLoss loss;
  private final int inputSize;
  private final int outputSize;
  // Plain-Java copy: per dense layer, weights c-order [nIn][nOut], bias [nOut], activation.
  private float[][][] weights;
  private float[][] biases;
  private int[] widths; // widths[0] = input, widths[l + 1] = layer l's nOut
  private int[] acts; // 0 identity, 1 tanh, 2 relu, 3 sigmoid
  private boolean fastPath;
  private boolean stale = true; // Java inference copy
  private boolean netStale; // DL4J's parameters
  private final float[] params;
  private float[] grad;
  private final Adam adam;
  private double lr;
  private INDArray labels;
  private long macsPerRow;
  private float[][] bufA;
  private float[][] bufB;

  /** Rows per block of the plain-Java forward pass. */
  private static final int BLOCK = 8;

  /**
   * Above this many multiply-adds per call DL4J's BLAS beats the plain-Java loop despite its
   * per-call cost (measured by {@code PpoBenchmark}).
   */
  static final long DL4J_MIN_MACS = Long.getLong("tune4j.model.dl4jMinMacs", 2_500_000L);

  /**
   * Wraps an initialised network whose last layer is an {@link OutputLayer} with a {@link
   * CallbackLoss} (any activation; the loss sees activated outputs).
   *
   * @param lr Adam's learning rate
   * @throws IllegalArgumentException if the last layer is not such a layer
   */
  public Model(MultiLayerNetwork net, double lr) {
    this.net = net;
    this.lr = lr;
    this.params = net.params().castTo(DataType.FLOAT).toFloatVector();
    this.grad = new float[params.length];
    this.adam = new Adam(params.length);
    int nLayers = net.getnLayers();
    Layer last = net.getLayerWiseConfigurations().getConf(nLayers - 1).getLayer();
    if (!(last instanceof OutputLayer out) || !(out.getLossFn() instanceof CallbackLoss cl)) {
      throw new IllegalArgumentException(
          "model's last layer must be an OutputLayer with a CallbackLoss, got " + last);
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
    return params.length;
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
    if (!fastPath || (long) n * macsPerRow > DL4J_MIN_MACS) {
      System.arraycopy(forwardDl4j(x, n), 0, out, 0, n * outputSize);
    } else {
      forwardJava(x, n, out);
    }
  }

  /**
   * The plain-Java forward pass (for benchmarks; {@link #forward} picks the faster path).
   *
   * @throws IllegalStateException if the model has no plain-Java path
   */
  public void forwardJava(float[] x, int n, float[] out) {
    refresh();
    if (!fastPath) {
      throw new IllegalStateException("model has no plain-Java forward pass");
    }
    int nl = weights.length;
    for (int r0 = 0; r0 < n; r0 += BLOCK) {
      int nb = Math.min(BLOCK, n - r0);
      float[][] in = bufA;
      float[][] o = bufB;
      for (int b = 0; b < nb; b++) {
        System.arraycopy(x, (r0 + b) * inputSize, in[b], 0, inputSize);
      }
      for (int l = 0; l < nl; l++) {
        int nIn = widths[l];
        int nOut = widths[l + 1];
        float[][] w = weights[l];
        for (int b = 0; b < nb; b++) {
          System.arraycopy(biases[l], 0, o[b], 0, nOut);
        }
        // Row-blocked o += x W over zero-offset row arrays, a form C2 vectorises (flat arrays
        // with two different base offsets ran 7x slower); each weight row stays in L1 while the
        // block's rows use it.
        for (int i = 0; i < nIn; i++) {
          float[] wi = w[i];
          for (int b = 0; b < nb; b++) {
            float xi = in[b][i];
            float[] ob = o[b];
            for (int j = 0; j < nOut; j++) {
              ob[j] += xi * wi[j];
            }
          }
        }
        for (int b = 0; b < nb; b++) {
          activate(acts[l], o[b], nOut);
        }
        float[][] t = in;
        in = o;
        o = t;
      }
      for (int b = 0; b < nb; b++) {
        System.arraycopy(in[b], 0, out, (r0 + b) * outputSize, outputSize);
      }
    }
  }

  static void activate(int act, float[] v, int n) {
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
    syncNet();
    INDArray in = Nd4j.create(x, new long[] {n, inputSize}, 'c').castTo(net.params().dataType());
    INDArray o = net.output(in, false);
    return o.dup('c').reshape(o.length()).toFloatVector();
  }

  private void syncNet() {
    if (netStale) {
      INDArray p = net.params();
      p.assign(Nd4j.create(params, p.shape(), 'c').castTo(p.dataType()));
      netStale = false;
    }
  }

  /**
   * Forward and backward pass on a minibatch; the loss and ∂loss/∂output come from {@code fn}. The
   * gradient is kept until {@link #applyGradient()}.
   */
  public void computeGradient(float[] x, int n, CallbackLoss.Fn fn) {
    if (trainsInJava(n)) {
      float[][] acts = forwardKeep(x, n);
      float[] out = acts[acts.length - 1];
      double[] g = new double[n * outputSize];
      fn.apply(out, n, outputSize, g);
      float[] dOut = new float[g.length];
      for (int i = 0; i < g.length; i++) {
        dOut[i] = (float) g[i];
      }
      backwardJava(x, acts, n, dOut, false);
      return;
    }
    syncNet();
    DataType dt = net.params().dataType();
    INDArray in = Nd4j.create(x, new long[] {n, inputSize}, 'c').castTo(dt);
    if (labels == null || labels.size(0) != n) {
      labels = Nd4j.zeros(dt, n, outputSize);
    }
    loss.setFn(fn);
    net.setInput(in);
    net.setLabels(labels);
    net.computeGradientAndScore();
    // CallbackLoss scaled the mean-loss gradient by n for DL4J's minibatch convention: undo.
    INDArray g = net.getFlattenedGradients();
    grad = g.castTo(DataType.FLOAT).reshape(g.length()).toFloatVector();
    float inv = 1f / n;
    for (int i = 0; i < grad.length; i++) {
      grad[i] *= inv;
    }
  }

  /**
   * Backpropagates a given output gradient (RLlib chains networks this way: a trunk under Q heads,
   * an actor under a critic): sets the pending parameter gradient and returns the input gradient.
   *
   * @param x row-major {@code n * inputSize()} inputs
   * @param gradOut row-major {@code n * outputSize()} values of ∂(mean loss)/∂output
   * @return ∂(mean loss)/∂x, row-major {@code n * inputSize()}
   */
  public float[] backward(float[] x, int n, float[] gradOut) {
    if (gradOut.length < n * outputSize) {
      throw new IllegalArgumentException(
          "expected " + n * outputSize + " output gradients, got " + gradOut.length);
    }
    if (trainsInJava(n)) {
      return backwardJava(x, forwardKeep(x, n), n, gradOut, true);
    }
    syncNet();
    DataType dt = net.params().dataType();
    INDArray in = Nd4j.create(x, new long[] {n, inputSize}, 'c').castTo(dt);
    if (labels == null || labels.size(0) != n) {
      labels = Nd4j.zeros(dt, n, outputSize);
    }
    loss.setFn(
        (out, rows, w, g) -> {
          for (int i = 0; i < rows * w; i++) {
            g[i] = gradOut[i];
          }
          return 0;
        });
    org.nd4j.common.primitives.Pair<org.deeplearning4j.nn.gradient.Gradient, INDArray> p =
        net.calculateGradients(in, labels, null, null);
    INDArray g = net.getFlattenedGradients();
    grad = g.castTo(DataType.FLOAT).reshape(g.length()).toFloatVector();
    // As in computeGradient: CallbackLoss scaled by n for DL4J's minibatch convention.
    float inv = 1f / n;
    for (int i = 0; i < grad.length; i++) {
      grad[i] *= inv;
    }
    INDArray e = p.getSecond();
    float[] gin = e.castTo(DataType.FLOAT).dup('c').reshape(e.length()).toFloatVector();
    for (int i = 0; i < gin.length; i++) {
      gin[i] *= inv;
    }
    return gin;
  }

  /**
   * Clips the pending gradient of each weight matrix and each bias vector to L2 norm {@code clip}
   * separately (TensorFlow's {@code clip_by_norm} per variable, as RLlib's DQN does).
   */
  public void clipGradientPerVariable(double clip) {
    int nl = net.getnLayers();
    int off = 0;
    for (int l = 0; l < nl; l++) {
      org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff =
          (org.deeplearning4j.nn.conf.layers.FeedForwardLayer)
              net.getLayerWiseConfigurations().getConf(l).getLayer();
      int w = (int) (ff.getNIn() * ff.getNOut());
      int b = (int) ff.getNOut();
      clipRange(off, w, clip);
      off += w;
      clipRange(off, b, clip);
      off += b;
    }
  }

  /**
   * Adds {@code coeff · W} to the pending gradient of every weight matrix (not the biases): the
   * gradient of an L2 penalty {@code coeff/2 · Σ W²}.
   */
  public void addWeightDecay(double coeff) {
    int nl = net.getnLayers();
    int off = 0;
    for (int l = 0; l < nl; l++) {
      org.deeplearning4j.nn.conf.layers.FeedForwardLayer ff =
          (org.deeplearning4j.nn.conf.layers.FeedForwardLayer)
              net.getLayerWiseConfigurations().getConf(l).getLayer();
      int w = (int) (ff.getNIn() * ff.getNOut());
      for (int i = off; i < off + w; i++) {
        grad[i] += (float) (coeff * params[i]);
      }
      off += w + (int) ff.getNOut();
    }
  }

  private void clipRange(int off, int len, double clip) {
    double ss = 0;
    for (int i = off; i < off + len; i++) {
      ss += grad[i] * grad[i];
    }
    double norm = Math.sqrt(ss);
    if (norm > clip) {
      float c = (float) (clip / norm);
      for (int i = off; i < off + len; i++) {
        grad[i] *= c;
      }
    }
  }

  /**
   * Whether a training pass over {@code n} rows runs in plain Java: FLOAT models whose every layer
   * has a Java path, when the pass is small enough that DL4J's per-call cost (≈ 0.3-1 ms) would
   * dominate (below {@code tune4j.model.javaTrainMacs} multiply-adds, forward and backward).
   */
  boolean trainsInJava(int n) {
    refresh();
    return fastPath && !forceDl4jTraining && net.params().dataType() == DataType.FLOAT
        && 3L * n * macsPerRow <= JAVA_TRAIN_MACS;
  }

  /**
   * Above this many multiply-adds per training pass DL4J wins: measured with one thread, a 64x64 net
   * trains 500 rows in 1.96 ms in Java against 2.69 ms in DL4J (6.3M multiply-adds), a 256x256 net
   * 32 rows in 1.66 against 1.57 ms (6.3M), and 128 rows in 6.4 against 2.8 ms.
   */
  static final long JAVA_TRAIN_MACS = Long.getLong("tune4j.model.javaTrainMacs", 6_000_000L);

  /** Tests force the DL4J training path to compare the two. */
  boolean forceDl4jTraining;

  private float[][] forwardKeep(float[] x, int n) {
    return JavaBackprop.forward(weights, biases, widths, acts, x, n);
  }

  private float[] backwardJava(float[] x, float[][] activations, int n, float[] dOut, boolean wantInput) {
    float[][] out = JavaBackprop.backward(weights, widths, acts, params.length, outputSize, activations, n, dOut,
        wantInput);
    grad = out[0];
    return out[1];
  }

  /** Sum of squares of the pending gradient. */
  public double gradientSumSquares() {
    double ss = 0;
    for (float g : grad) {
      ss += g * g;
    }
    return ss;
  }

  /** A copy of the pending gradient of the mean loss, in parameter order. */
  public float[] gradient() {
    return grad.clone();
  }

  /**
   * Replaces the pending gradient with {@code meanGrad} (a gradient of the mean loss computed
   * elsewhere), to be applied by {@link #applyGradient()}.
   */
  public void setGradient(float[] meanGrad) {
    if (meanGrad.length != params.length) {
      throw new IllegalArgumentException(
          "expected a gradient of " + params.length + " values, got " + meanGrad.length);
    }
    grad = meanGrad.clone();
  }

  /** Multiplies the pending gradient by {@code c} (global-norm clipping). */
  public void scaleGradient(double c) {
    float f = (float) c;
    for (int i = 0; i < grad.length; i++) {
      grad[i] *= f;
    }
  }

  /** Applies the pending gradient with {@link Adam}. */
  public void applyGradient() {
    adam.step(params, grad, lr);
    stale = true;
    netStale = true;
  }

  /** Sets Adam's learning rate. */
  public void setLearningRate(double lr) {
    this.lr = lr;
  }

  /** A copy of the flat parameter vector (DL4J's order). */
  public float[] params() {
    return params.clone();
  }

  /** Replaces the flat parameter vector. */
  public void setParams(float[] p) {
    if (p.length != params.length) {
      throw new IllegalArgumentException(
          "expected " + params.length + " parameters, got " + p.length);
    }
    System.arraycopy(p, 0, params, 0, p.length);
    stale = true;
    netStale = true;
  }

  /** A copy of Adam's moments [m..., v...]. */
  public float[] updaterState() {
    return adam.state();
  }

  /** Restores {@link #updaterState()} and the step count used for bias correction. */
  public void setUpdaterState(float[] state, int iterations) {
    adam.setState(state, iterations);
  }

  /** Adam steps taken so far. */
  public int iterations() {
    return adam.steps();
  }

  /** Writes the network with DL4J's {@link ModelSerializer}. */
  public void save(File file) {
    syncNet();
    try {
      ModelSerializer.writeModel(net, file, false);
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
    weights = new float[nl][][];
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
    float[] flat = params;
    int off = 0;
    for (int l = 0; l < nl; l++) {
      int nIn = widths[l];
      int nOut = widths[l + 1];
      float[][] w = new float[nIn][nOut];
      // DL4J keeps W as an 'f'-order [nIn, nOut] view: W[i][j] at off + i + j * nIn.
      for (int j = 0; j < nOut; j++) {
        for (int i = 0; i < nIn; i++) {
          w[i][j] = flat[off + i + j * nIn];
        }
      }
      off += nIn * nOut;
      weights[l] = w;
      biases[l] = java.util.Arrays.copyOfRange(flat, off, off + nOut);
      off += nOut;
    }
    int maxW = 0;
    macsPerRow = 0;
    for (int l = 0; l < nl; l++) {
      macsPerRow += (long) widths[l] * widths[l + 1];
    }
    for (int w : widths) {
      maxW = Math.max(maxW, w);
    }
    bufA = new float[BLOCK][maxW];
    bufB = new float[BLOCK][maxW];
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
