package io.tune4j.rllib.models;

import io.tune4j.rllib.policy.ConfigReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A Q-network as RLlib 2019's DQN builds it ({@code dqn_policy.py}, {@code QNetwork}): a trunk of
 * the model config's {@code fcnet_hiddens} layers (normc-initialised, {@code fcnet_activation}),
 * then an action-score head of {@code hiddens} ReLU layers and one linear output per action. With
 * {@code dueling} a second head of the same shape estimates V(s) and
 *
 * <pre>
 *   Q(s, a) = V(s) + A(s, a) − mean_a' A(s, a')
 * </pre>
 *
 * <p>The three parts are separate {@link Model}s chained by {@link Model#backward}; each keeps the
 * plain-Java inference copy, so acting costs microseconds and training runs in DL4J. Flat parameter
 * order: trunk, action-score head, state-value head. Not thread-safe.
 *
 * <pre>{@code
 * QNetworks q = new QNetworks(4, 2, ModelCatalog.resolve(Map.of()), List.of(256), true, 5e-4,
 *     new Random(0), DataType.FLOAT);
 * float[] values = new float[2 * batch];
 * q.forward(obs, batch, values);
 * }</pre>
 */
public final class QNetworks {
  /** A loss over Q-values: fills ∂(mean loss)/∂Q and returns the mean loss. */
  @FunctionalInterface
  public interface QLoss {
    /**
     * @param q row-major {@code n * numActions} Q-values
     * @param gradQ receives ∂(mean loss)/∂q (zeroed on entry)
     */
    double apply(float[] q, int n, double[] gradQ);
  }

  private final int obsSize;
  private final int numActions;
  private final Model trunk; // null when fcnet_hiddens is empty
  private final Model advantage;
  private final Model value; // null unless dueling
  private final List<Model> parts = new ArrayList<>();

  /**
   * Builds the networks.
   *
   * @param model a model config resolved by {@link ModelCatalog#resolve} (its {@code fcnet_hiddens}
   *     and {@code fcnet_activation} shape the trunk)
   * @param hiddens the heads' ReLU layers (DQN's {@code hiddens})
   * @param dueling whether to add the state-value head
   */
  public QNetworks(
      int obsSize,
      int numActions,
      Map<String, Object> model,
      List<Integer> hiddens,
      boolean dueling,
      double lr,
      Random rng,
      DataType dataType) {
    ConfigReader c = new ConfigReader(model, "model");
    if (c.getString("custom_model") != null) {
      throw new IllegalArgumentException(
          "model config 'custom_model' is not supported yet for Q-networks; use fcnet_hiddens");
    }
    this.obsSize = obsSize;
    this.numActions = numActions;
    List<Integer> fc = c.getIntList("fcnet_hiddens");
    String act = c.getString("fcnet_activation");
    int features = obsSize;
    if (fc.isEmpty()) {
      trunk = null;
    } else {
      features = fc.get(fc.size() - 1);
      trunk = ModelCatalog.buildMlp(
          obsSize, fc.subList(0, fc.size() - 1), act, features, act, true, lr, rng, dataType);
      parts.add(trunk);
    }
    advantage = ModelCatalog.buildMlp(
        features, hiddens, "relu", numActions, "linear", false, lr, rng, dataType);
    parts.add(advantage);
    if (dueling) {
      value = ModelCatalog.buildMlp(features, hiddens, "relu", 1, "linear", false, lr, rng, dataType);
      parts.add(value);
    } else {
      value = null;
    }
  }

  /** Number of actions (Q-values per row). */
  public int numActions() {
    return numActions;
  }

  /** Width of an observation row. */
  public int observationSize() {
    return obsSize;
  }

  /** Computes {@code n * numActions()} Q-values into {@code q}. */
  public void forward(float[] obs, int n, float[] q) {
    float[] f = features(obs, n);
    float[] a = new float[n * numActions];
    advantage.forward(f, n, a);
    combine(f, n, a, q);
  }

  private float[] features(float[] obs, int n) {
    if (trunk == null) {
      return obs;
    }
    float[] f = new float[n * trunk.outputSize()];
    trunk.forward(obs, n, f);
    return f;
  }

  private void combine(float[] f, int n, float[] a, float[] q) {
    if (value == null) {
      System.arraycopy(a, 0, q, 0, n * numActions);
      return;
    }
    float[] v = new float[n];
    value.forward(f, n, v);
    for (int r = 0; r < n; r++) {
      double mean = 0;
      for (int j = 0; j < numActions; j++) {
        mean += a[r * numActions + j];
      }
      mean /= numActions;
      for (int j = 0; j < numActions; j++) {
        q[r * numActions + j] = (float) (v[r] + a[r * numActions + j] - mean);
      }
    }
  }

  /**
   * Computes the gradient of {@code loss} into the networks without applying it.
   *
   * @return the mean loss
   */
  public double computeGradient(float[] obs, int n, QLoss loss) {
    int k = numActions;
    float[] f = features(obs, n);
    float[] a = new float[n * k];
    advantage.forward(f, n, a);
    float[] q = new float[n * k];
    combine(f, n, a, q);
    double[] dq = new double[n * k];
    double l = loss.apply(q, n, dq);
    float[] da = new float[n * k];
    float[] dv = value == null ? null : new float[n];
    for (int r = 0; r < n; r++) {
      double sum = 0;
      for (int j = 0; j < k; j++) {
        sum += dq[r * k + j];
      }
      double centre = value == null ? 0 : sum / k;
      for (int j = 0; j < k; j++) {
        da[r * k + j] = (float) (dq[r * k + j] - centre);
      }
      if (dv != null) {
        dv[r] = (float) sum;
      }
    }
    float[] df = advantage.backward(f, n, da);
    if (value != null) {
      float[] dfv = value.backward(f, n, dv);
      for (int i = 0; i < df.length; i++) {
        df[i] += dfv[i];
      }
    }
    if (trunk != null) {
      trunk.backward(obs, n, df);
    }
    return l;
  }

  /** Clips each weight matrix's and bias vector's gradient to norm {@code clip} (RLlib's DQN). */
  public void clipGradientPerVariable(double clip) {
    for (Model m : parts) {
      m.clipGradientPerVariable(clip);
    }
  }

  /** Applies the pending gradients with Adam. */
  public void applyGradient() {
    for (Model m : parts) {
      m.applyGradient();
    }
  }

  /** Sets Adam's learning rate. */
  public void setLearningRate(double lr) {
    for (Model m : parts) {
      m.setLearningRate(lr);
    }
  }

  /** Number of parameters. */
  public int numParams() {
    int n = 0;
    for (Model m : parts) {
      n += m.numParams();
    }
    return n;
  }

  /** All parameters, flat, in part order. */
  public float[] params() {
    return join(parts.stream().map(Model::params).toList());
  }

  /** Replaces all parameters from {@link #params()}. */
  public void setParams(float[] flat) {
    split(flat, "parameter vector", Model::setParams);
  }

  /** The pending gradient, flat. */
  public float[] gradient() {
    return join(parts.stream().map(Model::gradient).toList());
  }

  /** Sets the pending gradient from a flat vector. */
  public void setGradient(float[] flat) {
    split(flat, "gradient", Model::setGradient);
  }

  /** Adam state per part followed by the step counts. */
  public float[][] optimizerState() {
    float[][] s = new float[parts.size() + 1][];
    float[] steps = new float[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      s[i] = parts.get(i).updaterState();
      steps[i] = parts.get(i).iterations();
    }
    s[parts.size()] = steps;
    return s;
  }

  /** Restores {@link #optimizerState()}. */
  public void setOptimizerState(float[][] s) {
    if (s.length != parts.size() + 1) {
      throw new IllegalArgumentException(
          "Q-network optimizer state must hold " + (parts.size() + 1) + " arrays, got " + s.length);
    }
    for (int i = 0; i < parts.size(); i++) {
      parts.get(i).setUpdaterState(s[i], (int) s[parts.size()][i]);
    }
  }

  /** Writes {@code q_trunk.zip}, {@code q_action_scores.zip}, {@code q_state_value.zip}. */
  public void export(Path dir) {
    if (trunk != null) {
      trunk.save(dir.resolve("q_trunk.zip").toFile());
    }
    advantage.save(dir.resolve("q_action_scores.zip").toFile());
    if (value != null) {
      value.save(dir.resolve("q_state_value.zip").toFile());
    }
  }

  private void split(float[] flat, String what, java.util.function.BiConsumer<Model, float[]> to) {
    if (flat.length != numParams()) {
      throw new IllegalArgumentException(
          "expected a " + what + " of " + numParams() + " values, got " + flat.length);
    }
    int off = 0;
    for (Model m : parts) {
      to.accept(m, java.util.Arrays.copyOfRange(flat, off, off + m.numParams()));
      off += m.numParams();
    }
  }

  private static float[] join(List<float[]> arrays) {
    int n = 0;
    for (float[] a : arrays) {
      n += a.length;
    }
    float[] out = new float[n];
    int off = 0;
    for (float[] a : arrays) {
      System.arraycopy(a, 0, out, off, a.length);
      off += a.length;
    }
    return out;
  }
}
