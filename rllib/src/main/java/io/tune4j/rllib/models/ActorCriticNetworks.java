package io.tune4j.rllib.models;

import io.tune4j.rllib.env.Box;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The networks of a deterministic actor-critic (RLlib 2019's DDPG, {@code ddpg_policy.py}): an
 * actor {@code μ(s)} of {@code actor_hiddens} layers and a linear output squashed into the action
 * box as {@code low + (high − low) · sigmoid(2x)}, and a critic {@code Q(s, a)} over the
 * concatenated observation and action with {@code critic_hiddens} layers and one linear output
 * (plus a twin critic for TD3's {@code twin_q}). Each is a {@link Model} with a plain-Java
 * inference path; {@link #actorGradient} chains the critic's input gradient back into the actor
 * through {@link Model#backward}. Flat parameter order: actor, critic, twin critic. Not
 * thread-safe.
 */
public final class ActorCriticNetworks {
  private final int obsSize;
  private final int actSize;
  private final double[] low;
  private final double[] range;
  private final Model actor;
  private final Model critic;
  private final Model twin;
  private final List<Model> parts = new ArrayList<>();

  /**
   * Builds the networks (Glorot-uniform weights, zero biases, as TensorFlow's dense layers).
   *
   * @param actionSpace the action box (finite bounds)
   * @param twinQ whether to add a second critic
   */
  public ActorCriticNetworks(int obsSize, Box actionSpace, List<Integer> actorHiddens, String actorActivation,
      List<Integer> criticHiddens, String criticActivation, boolean twinQ, double actorLr, double criticLr,
      Random rng, DataType dataType) {
    this.obsSize = obsSize;
    this.actSize = actionSpace.flatSize();
    this.low = actionSpace.low();
    double[] high = actionSpace.high();
    this.range = new double[actSize];
    for (int j = 0; j < actSize; j++) {
      if (!Double.isFinite(low[j]) || !Double.isFinite(high[j])) {
        throw new IllegalArgumentException("DDPG needs a bounded action space, got " + actionSpace);
      }
      range[j] = high[j] - low[j];
    }
    actor = ModelCatalog.buildMlp(obsSize, actorHiddens, actorActivation, actSize, "linear", false, actorLr, rng,
        dataType);
    critic = ModelCatalog.buildMlp(obsSize + actSize, criticHiddens, criticActivation, 1, "linear", false, criticLr,
        rng, dataType);
    twin = twinQ ? ModelCatalog.buildMlp(obsSize + actSize, criticHiddens, criticActivation, 1, "linear", false,
        criticLr, rng, dataType) : null;
    parts.add(actor);
    parts.add(critic);
    if (twin != null) {
      parts.add(twin);
    }
  }

  /** The actor's network (pre-squash outputs). */
  public Model actor() {
    return actor;
  }

  /** The critic. */
  public Model critic() {
    return critic;
  }

  /** The twin critic, or null. */
  public Model twin() {
    return twin;
  }

  /** Width of an action row. */
  public int actionSize() {
    return actSize;
  }

  /** Deterministic actions {@code μ(s)} for {@code n} rows, squashed into the box. */
  public float[] act(float[] obs, int n) {
    float[] pre = new float[n * actSize];
    actor.forward(obs, n, pre);
    float[] a = new float[n * actSize];
    for (int i = 0; i < a.length; i++) {
      int j = i % actSize;
      a[i] = (float) (low[j] + range[j] / (1.0 + Math.exp(-2.0 * pre[i])));
    }
    return a;
  }

  /** Rows of {@code [obs, action]}, the critics' input. */
  public float[] criticInput(float[] obs, float[] act, int n) {
    int w = obsSize + actSize;
    float[] x = new float[n * w];
    for (int r = 0; r < n; r++) {
      System.arraycopy(obs, r * obsSize, x, r * w, obsSize);
      System.arraycopy(act, r * actSize, x, r * w + obsSize, actSize);
    }
    return x;
  }

  /** {@code Q(s, a)} of {@code model} (the critic or the twin) for {@code n} rows. */
  public float[] q(Model model, float[] obs, float[] act, int n) {
    float[] out = new float[n];
    model.forward(criticInput(obs, act, n), n, out);
    return out;
  }

  /**
   * Sets the actor's pending gradient of {@code −mean_s Q(s, μ(s))} (DDPG's actor loss), through
   * the critic's input gradient; the critic's own pending gradient is overwritten, so compute it
   * afterwards.
   *
   * @return the actor loss
   */
  public double actorGradient(float[] obs, int n) {
    float[] pre = new float[n * actSize];
    actor.forward(obs, n, pre);
    float[] a = new float[n * actSize];
    double[] slope = new double[n * actSize];
    for (int i = 0; i < a.length; i++) {
      int j = i % actSize;
      double sg = 1.0 / (1.0 + Math.exp(-2.0 * pre[i]));
      a[i] = (float) (low[j] + range[j] * sg);
      slope[i] = range[j] * 2.0 * sg * (1.0 - sg);
    }
    float[] x = criticInput(obs, a, n);
    float[] qv = new float[n];
    critic.forward(x, n, qv);
    float[] dq = new float[n];
    double loss = 0;
    for (int r = 0; r < n; r++) {
      dq[r] = -1f / n;
      loss -= qv[r];
    }
    float[] gIn = critic.backward(x, n, dq);
    int w = obsSize + actSize;
    float[] dPre = new float[n * actSize];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < actSize; j++) {
        dPre[r * actSize + j] = (float) (gIn[r * w + obsSize + j] * slope[r * actSize + j]);
      }
    }
    actor.backward(obs, n, dPre);
    return loss / n;
  }

  /** The models, in parameter order. */
  public List<Model> parts() {
    return parts;
  }

  /** All parameters, flat. */
  public float[] params() {
    int total = 0;
    for (Model m : parts) {
      total += m.numParams();
    }
    float[] out = new float[total];
    int off = 0;
    for (Model m : parts) {
      float[] p = m.params();
      System.arraycopy(p, 0, out, off, p.length);
      off += p.length;
    }
    return out;
  }

  /** Replaces all parameters from {@link #params()}. */
  public void setParams(float[] flat) {
    int total = 0;
    for (Model m : parts) {
      total += m.numParams();
    }
    if (flat.length != total) {
      throw new IllegalArgumentException("expected " + total + " actor-critic parameters, got " + flat.length);
    }
    int off = 0;
    for (Model m : parts) {
      m.setParams(java.util.Arrays.copyOfRange(flat, off, off + m.numParams()));
      off += m.numParams();
    }
  }

  /** Polyak averaging towards {@code online}: {@code θ' ← τ θ + (1 − τ) θ'}. */
  public void softUpdateFrom(ActorCriticNetworks online, double tau) {
    float[] t = params();
    float[] o = online.params();
    for (int i = 0; i < t.length; i++) {
      t[i] = (float) (tau * o[i] + (1 - tau) * t[i]);
    }
    setParams(t);
  }

  /** Writes {@code actor.zip}, {@code critic.zip} (and {@code twin_critic.zip}). */
  public void export(Path dir) {
    actor.save(dir.resolve("actor.zip").toFile());
    critic.save(dir.resolve("critic.zip").toFile());
    if (twin != null) {
      twin.save(dir.resolve("twin_critic.zip").toFile());
    }
  }
}
