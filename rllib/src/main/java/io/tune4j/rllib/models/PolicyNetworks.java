package io.tune4j.rllib.models;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The networks of an actor-critic policy, as RLlib builds them: a policy network whose outputs are
 * the action distribution's inputs, and either no value function, a separate value network ({@code
 * vf_share_layers: false}, RLlib's default) or a value head on the policy network's last hidden
 * layer ({@code vf_share_layers: true}); with {@code free_log_std} a Gaussian's log σ are free
 * variables (initialised to 0) instead of network outputs.
 *
 * <p>A training step takes a {@link Loss} that reports ∂loss/∂(distribution inputs) and
 * ∂loss/∂(values); gradients are clipped by their global norm over all parameters when asked
 * (TensorFlow's {@code clip_by_global_norm}) and applied with Adam. Not thread-safe.
 *
 * <p>Flat parameter order: policy network, value network, free log σ.
 */
public final class PolicyNetworks {
  /** A loss over one minibatch, split into the parts that touch each network. */
  public interface Loss {
    /**
     * @param distInputs row-major {@code n * dist.inputSize()} distribution inputs
     * @param grad receives ∂(mean loss)/∂distInputs (zeroed on entry)
     * @return the mean of the policy terms of the loss
     */
    double policyLoss(float[] distInputs, int n, double[] grad);

    /**
     * @param values the {@code n} value predictions
     * @param grad receives ∂(mean loss)/∂values (zeroed on entry)
     * @return the mean of the value terms of the loss (0 without a value function)
     */
    double valueLoss(float[] values, int n, double[] grad);
  }

  private final ActionDistribution dist;
  private final Model policy;
  private final Model value; // null if none or shared
  private final boolean shared;
  private final boolean hasValue;
  private final float[] logStd; // null unless free_log_std
  private final float[] logStdGrad;
  private final Adam logStdAdam;
  private double lr;
  private float[] scratch = new float[0];

  /** Runs value-network backward passes; idle threads exit after 30 s. */
  private static final ExecutorService VALUE_EXECUTOR =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "tune4j-value-net");
            t.setDaemon(true);
            return t;
          });

  /**
   * Builds the networks.
   *
   * @param obsSize preprocessed observation width
   * @param dist the action distribution (its input width sets the policy outputs)
   * @param model a model config resolved by {@link ModelCatalog#resolve}
   * @param valueFunction whether a value function is needed
   * @param shareLayers {@code vf_share_layers}
   * @param lr Adam's initial learning rate
   * @param rng source of the initial weights
   * @param dataType FLOAT normally, DOUBLE for gradient checks
   */
  public PolicyNetworks(
      int obsSize,
      ActionDistribution dist,
      Map<String, Object> model,
      boolean valueFunction,
      boolean shareLayers,
      double lr,
      Random rng,
      DataType dataType) {
    this.dist = dist;
    this.lr = lr;
    this.hasValue = valueFunction;
    this.shared = valueFunction && shareLayers;
    boolean free = Boolean.TRUE.equals(model.get("free_log_std"));
    int k = dist.inputSize();
    if (free) {
      if (!(dist instanceof DiagGaussian)) {
        throw new IllegalArgumentException(
            "model config 'free_log_std' needs a Box action space, got " + dist);
      }
      k /= 2;
      logStd = new float[k];
      logStdGrad = new float[k];
      logStdAdam = new Adam(k);
    } else {
      logStd = null;
      logStdGrad = null;
      logStdAdam = null;
    }
    float[] std = new float[k + (shared ? 1 : 0)];
    Arrays.fill(std, 0.01f);
    if (shared) {
      std[k] = 1.0f; // RLlib's value_function(): linear(last_layer, 1, normc(1.0))
    }
    policy = ModelCatalog.buildModel(obsSize, std.length, model, std, lr, rng, dataType);
    if (valueFunction && !shared) {
      // RLlib builds the value net from the same model config, free_log_std off, 1 output.
      value = ModelCatalog.buildModel(obsSize, 1, model, new float[] {0.01f}, lr, rng, dataType);
    } else {
      value = null;
    }
  }

  /** The action distribution. */
  public ActionDistribution dist() {
    return dist;
  }

  /** True if there is a value function. */
  public boolean hasValueFunction() {
    return hasValue;
  }

  /** The policy network. */
  public Model policyModel() {
    return policy;
  }

  /** The separate value network, or null. */
  public Model valueModel() {
    return value;
  }

  /**
   * Plain-Java forward pass.
   *
   * @param distInputs receives {@code n * dist().inputSize()} values
   * @param values receives {@code n} value predictions; may be null (ignored)
   */
  public void forward(float[] obs, int n, float[] distInputs, float[] values) {
    int w = policy.outputSize();
    float[] out = buffer(n * w);
    policy.forward(obs, n, out);
    toDistInputs(out, n, w, distInputs);
    if (values != null && hasValue) {
      if (shared) {
        for (int r = 0; r < n; r++) {
          values[r] = out[r * w + w - 1];
        }
      } else {
        value.forward(obs, n, values);
      }
    }
  }

  private float[] buffer(int size) {
    if (scratch.length < size) {
      scratch = new float[size];
    }
    return scratch;
  }

  private void toDistInputs(float[] out, int n, int w, float[] distInputs) {
    int k = dist.inputSize();
    int netK = logStd == null ? k : k / 2;
    for (int r = 0; r < n; r++) {
      System.arraycopy(out, r * w, distInputs, r * k, netK);
      if (logStd != null) {
        System.arraycopy(logStd, 0, distInputs, r * k + netK, netK);
      }
    }
  }

  /**
   * Computes the gradient of {@code loss} on a minibatch into the networks without applying it.
   * With a separate value network its backward pass runs on a second thread while the policy
   * network's runs on the caller's (the two share no parameters; the {@link Loss} must tolerate
   * {@code policyLoss} and {@code valueLoss} running concurrently).
   *
   * @return the mean loss (policy terms plus value terms)
   */
  public double computeGradient(float[] obs, int n, Loss loss) {
    Future<Double> valuePart = null;
    if (value != null) {
      valuePart =
          valueExecutor()
              .submit(
                  () -> {
                    double[] l = new double[1];
                    value.computeGradient(
                        obs, n, (out, rows, w, grad) -> l[0] = loss.valueLoss(out, rows, grad));
                    return l[0];
                  });
    }
    double total = 0;
    try {
      total = policyGradient(obs, n, loss);
    } finally {
      if (valuePart != null) {
        try {
          total += valuePart.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted in the value network's backward pass", e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("value network backward pass failed", e.getCause());
        }
      }
    }
    return total;
  }

  private double policyGradient(float[] obs, int n, Loss loss) {
    int k = dist.inputSize();
    int netK = logStd == null ? k : k / 2;
    double[] total = new double[1];
    if (logStdGrad != null) {
      Arrays.fill(logStdGrad, 0);
    }
    policy.computeGradient(
        obs,
        n,
        (out, rows, w, grad) -> {
          float[] di = new float[rows * k];
          toDistInputs(out, rows, w, di);
          double[] dg = new double[rows * k];
          double l = loss.policyLoss(di, rows, dg);
          for (int r = 0; r < rows; r++) {
            for (int j = 0; j < netK; j++) {
              grad[r * w + j] = dg[r * k + j];
            }
            if (logStdGrad != null) {
              for (int j = 0; j < netK; j++) {
                logStdGrad[j] += (float) dg[r * k + netK + j];
              }
            }
          }
          if (shared) {
            float[] v = new float[rows];
            for (int r = 0; r < rows; r++) {
              v[r] = out[r * w + w - 1];
            }
            double[] vg = new double[rows];
            l += loss.valueLoss(v, rows, vg);
            for (int r = 0; r < rows; r++) {
              grad[r * w + w - 1] = vg[r];
            }
          }
          total[0] = l;
          return l;
        });
    if (!hasValue) {
      total[0] += loss.valueLoss(new float[n], n, new double[n]);
    }
    return total[0];
  }

  private static ExecutorService valueExecutor() {
    return VALUE_EXECUTOR;
  }

  /**
   * Global L2 norm of the pending gradient over all parameters; if {@code clip > 0} and the norm
   * exceeds it, scales every gradient by {@code clip / norm} (TensorFlow's {@code
   * clip_by_global_norm}).
   *
   * @return the norm before clipping
   */
  public double clipGradient(double clip) {
    double ss = policy.gradientSumSquares() + (value == null ? 0 : value.gradientSumSquares());
    if (logStdGrad != null) {
      for (double g : logStdGrad) {
        ss += g * g;
      }
    }
    double norm = Math.sqrt(ss);
    if (clip > 0 && norm > clip) { // a * clip / max(norm, clip)
      double c = clip / norm;
      policy.scaleGradient(c);
      if (value != null) {
        value.scaleGradient(c);
      }
      if (logStdGrad != null) {
        for (int i = 0; i < logStdGrad.length; i++) {
          logStdGrad[i] *= c;
        }
      }
    }
    return norm;
  }

  /** Applies the pending gradient with Adam. */
  public void applyGradient() {
    policy.applyGradient();
    if (value != null) {
      value.applyGradient();
    }
    if (logStd != null) {
      logStdAdam.step(logStd, logStdGrad, lr);
    }
  }

  /** The pending gradient (of the mean loss) as one flat vector in parameter order. */
  public float[] gradient() {
    return concat(
        policy.gradient(), value == null ? new float[0] : value.gradient(), copy(logStdGrad));
  }

  /** Sets the pending gradient from a flat vector (e.g. computed on another worker). */
  public void setGradient(float[] flat) {
    checkLength(flat, "gradient");
    int p = policy.numParams();
    policy.setGradient(Arrays.copyOfRange(flat, 0, p));
    int v = value == null ? 0 : value.numParams();
    if (value != null) {
      value.setGradient(Arrays.copyOfRange(flat, p, p + v));
    }
    if (logStdGrad != null) {
      for (int i = 0; i < logStdGrad.length; i++) {
        logStdGrad[i] = flat[p + v + i];
      }
    }
  }

  /** Number of parameters of all networks and free variables. */
  public int numParams() {
    return policy.numParams()
        + (value == null ? 0 : value.numParams())
        + (logStd == null ? 0 : logStd.length);
  }

  /** All parameters as one flat vector. */
  public float[] params() {
    return concat(policy.params(), value == null ? new float[0] : value.params(), copy(logStd));
  }

  /** Replaces all parameters from {@link #params()}. */
  public void setParams(float[] flat) {
    checkLength(flat, "parameter vector");
    int p = policy.numParams();
    policy.setParams(Arrays.copyOfRange(flat, 0, p));
    int v = value == null ? 0 : value.numParams();
    if (value != null) {
      value.setParams(Arrays.copyOfRange(flat, p, p + v));
    }
    if (logStd != null) {
      System.arraycopy(flat, p + v, logStd, 0, logStd.length);
    }
  }

  private void checkLength(float[] flat, String what) {
    if (flat.length != numParams()) {
      throw new IllegalArgumentException(
          "expected a " + what + " of " + numParams() + " values, got " + flat.length);
    }
  }

  /** Sets Adam's learning rate for all parameters. */
  public void setLearningRate(double lr) {
    this.lr = lr;
    policy.setLearningRate(lr);
    if (value != null) {
      value.setLearningRate(lr);
    }
  }

  /**
   * Optimiser state as arrays: [policy Adam state, value Adam state, log σ Adam state, step counts
   * (policy, value, log σ)].
   */
  public float[][] optimizerState() {
    return new float[][] {
      policy.updaterState(),
      value == null ? new float[0] : value.updaterState(),
      logStdAdam == null ? new float[0] : logStdAdam.state(),
      new float[] {
        policy.iterations(),
        value == null ? 0 : value.iterations(),
        logStdAdam == null ? 0 : logStdAdam.steps()
      }
    };
  }

  /** Restores {@link #optimizerState()}. */
  public void setOptimizerState(float[][] s) {
    if (s.length != 4 || s[3].length != 3) {
      throw new IllegalArgumentException("optimizer state must hold 4 arrays, got " + s.length);
    }
    policy.setUpdaterState(s[0], (int) s[3][0]);
    if (value != null) {
      value.setUpdaterState(s[1], (int) s[3][1]);
    }
    if (logStdAdam != null) {
      logStdAdam.setState(s[2], (int) s[3][2]);
    }
  }

  /**
   * Writes each network in DL4J's format ({@code policy.zip}, {@code value.zip}) to {@code dir}.
   */
  public void export(Path dir) {
    policy.save(dir.resolve("policy.zip").toFile());
    if (value != null) {
      value.save(dir.resolve("value.zip").toFile());
    }
  }

  private static float[] copy(float[] f) {
    return f == null ? new float[0] : f.clone();
  }

  private static float[] concat(float[] a, float[] b, float[] c) {
    float[] out = new float[a.length + b.length + c.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    System.arraycopy(c, 0, out, a.length + b.length, c.length);
    return out;
  }
}
