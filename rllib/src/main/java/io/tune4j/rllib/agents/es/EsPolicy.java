package io.tune4j.rllib.agents.es;

import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.models.Categorical;
import io.tune4j.rllib.models.Model;
import io.tune4j.rllib.models.ModelCatalog;
import io.tune4j.rllib.policy.ActionOutput;
import io.tune4j.rllib.policy.ConfigReader;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * ES's policy (RLlib 2019's {@code es/policies.py GenericPolicy}): the configured MLP from
 * preprocessed, filtered observations to the action distribution's "deterministic" inputs —
 * logits for a Discrete space (the action is sampled from them; the mode without exploration),
 * the action itself for a Box (plus Gaussian noise of std {@code action_noise_std} 0.01 in noisy
 * rollouts). Its weights are one flat float vector, the thing ES perturbs; it learns nothing by
 * gradient ({@link #learnOnBatch} is not supported).
 */
public final class EsPolicy implements Policy {
  /** RLlib's {@code action_noise_std} for Box actions in perturbed rollouts. */
  public static final double ACTION_NOISE_STD = 0.01;

  private final Space observationSpace;
  private final Space actionSpace;
  private final int obsSize;
  private final int actionSize;
  private final int outputs;
  private final boolean discrete;
  private final Model model;
  private final Random rng;

  /** Creates the policy (config: {@code model}, {@code seed}). */
  public EsPolicy(Space observationSpace, Space actionSpace, Map<String, Object> config) {
    this.observationSpace = observationSpace;
    this.actionSpace = actionSpace;
    ConfigReader c = new ConfigReader(config, "ES");
    if (actionSpace instanceof Discrete d) {
      discrete = true;
      outputs = d.n();
      actionSize = 1;
    } else if (actionSpace instanceof Box b) {
      discrete = false;
      outputs = b.flatSize();
      actionSize = outputs;
    } else {
      throw new IllegalArgumentException("ES supports Discrete and Box action spaces, got " + actionSpace);
    }
    this.obsSize = io.tune4j.rllib.models.Preprocessors.get(observationSpace).size();
    long seed = c.has("seed") ? c.getLong("seed") : new Random().nextLong();
    this.rng = new Random(seed);
    float[] std = new float[outputs];
    Arrays.fill(std, 0.01f);
    this.model = ModelCatalog.buildModel(obsSize, outputs, ModelCatalog.resolve(c.getMap("model")), std, 0.0,
        new Random(seed), DataType.FLOAT);
  }

  @Override
  public Space observationSpace() {
    return observationSpace;
  }

  @Override
  public Space actionSpace() {
    return actionSpace;
  }

  @Override
  public int observationSize() {
    return obsSize;
  }

  @Override
  public int actionSize() {
    return actionSize;
  }

  /** The number of parameters (the length of the vector ES perturbs). */
  public int numParams() {
    return model.numParams();
  }

  /** The flat parameters. */
  public float[] params() {
    return model.params();
  }

  /** Sets the flat parameters. */
  public void setParams(float[] p) {
    model.setParams(p);
  }

  /**
   * One action per row: sampled from the logits (the mode without {@code explore}) for Discrete;
   * the network output for Box, plus N(0, {@value #ACTION_NOISE_STD}²) noise with {@code
   * actionNoise}.
   */
  public double[] act(float[] obs, int n, boolean explore, boolean actionNoise, Random r) {
    float[] out = new float[n * outputs];
    model.forward(obs, n, out);
    double[] actions = new double[n * actionSize];
    if (discrete) {
      Categorical cat = new Categorical(outputs);
      float[] a = new float[1];
      for (int i = 0; i < n; i++) {
        if (explore) {
          cat.sample(out, i * outputs, r, a, 0);
        } else {
          cat.deterministicSample(out, i * outputs, a, 0);
        }
        actions[i] = a[0];
      }
    } else {
      for (int i = 0; i < out.length; i++) {
        actions[i] = out[i] + (actionNoise ? r.nextGaussian() * ACTION_NOISE_STD : 0);
      }
    }
    return actions;
  }

  @Override
  public ActionOutput computeActions(float[] obs, int n, boolean explore) {
    return new ActionOutput(act(obs, n, explore, false, rng), Map.of());
  }

  @Override
  public SampleBatch postprocessTrajectory(SampleBatch fragment, boolean terminated) {
    return fragment;
  }

  @Override
  public Map<String, Object> learnOnBatch(SampleBatch batch) {
    throw new UnsupportedOperationException("ES policies learn by evolution, not from sample batches");
  }

  @Override
  public Gradients computeGradients(SampleBatch batch) {
    throw new UnsupportedOperationException("ES policies have no gradients");
  }

  @Override
  public void applyGradients(Gradients gradients) {
    throw new UnsupportedOperationException("ES policies have no gradients");
  }

  @Override
  public byte[] getWeights() {
    float[] p = model.params();
    ByteBuffer b = ByteBuffer.allocate(4 * p.length);
    b.asFloatBuffer().put(p);
    return b.array();
  }

  @Override
  public void setWeights(byte[] weights) {
    float[] p = new float[weights.length / 4];
    if (p.length != model.numParams()) {
      throw new IllegalArgumentException("ES weights of " + p.length + " parameters for a model of "
          + model.numParams());
    }
    ByteBuffer.wrap(weights).asFloatBuffer().get(p);
    model.setParams(p);
  }

  @Override
  public byte[] getState() {
    return getWeights();
  }

  @Override
  public void setState(byte[] state) {
    setWeights(state);
  }

  @Override
  public void exportModel(Path dir) {
    try {
      java.nio.file.Files.createDirectories(dir);
      model.save(dir.resolve("model.zip").toFile());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("exporting the ES model to " + dir, e);
    }
  }
}
