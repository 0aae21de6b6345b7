package io.tune4j.rllib.policy;

import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.models.ActionDistribution;
import io.tune4j.rllib.models.ModelCatalog;
import io.tune4j.rllib.models.PolicyNetworks;
import io.tune4j.rllib.models.Preprocessors;
import io.tune4j.rllib.util.DeveloperApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The plumbing shared by policies trained with DL4J (RLlib's {@code TFPolicy} role): networks from
 * the {@code model} config, batched inference in plain Java, the learning-rate schedule,
 * weights/state encoding and model export. A subclass adds its algorithm's math — the loss ({@link
 * #loss}), trajectory postprocessing and the optimisation loop of {@link #learnOnBatch}.
 *
 * <p>Config keys read here: {@code model}, {@code lr}, {@code lr_schedule} (optional), {@code
 * vf_share_layers} (optional, default false), {@code seed} (optional: seeds the initial weights and
 * the action sampling RNG). Not thread-safe (one worker thread).
 */
@DeveloperApi
public abstract class Dl4jPolicy implements Policy {
  /** A loss over one batch that also reports learner stats. */
  public interface BatchLoss extends PolicyNetworks.Loss {
    /** Stats computed by the last {@code policyLoss}/{@code valueLoss} calls. */
    Map<String, Double> stats();

    /**
     * Per-row intermediate values of the last {@code policyLoss}/{@code valueLoss} calls, by name,
     * for a {@link LossInspector}; empty unless the loss was built to record them ({@link
     * Dl4jPolicy#inspecting()}). Default: empty.
     */
    default Map<String, float[]> tensors() {
      return Map.of();
    }
  }

  private LossInspector lossInspector;

  /**
   * Looks at every gradient computation's loss values from now on (null: stop).
   *
   * @param inspector receives each (mini)batch's values on the learner's thread
   */
  public void setLossInspector(LossInspector inspector) {
    this.lossInspector = inspector;
  }

  /** Whether a {@link LossInspector} is set: losses then record their per-row values. */
  protected boolean inspecting() {
    return lossInspector != null;
  }

  private void inspect(BatchLoss loss) {
    if (lossInspector != null) {
      lossInspector.inspect(new LossInspector.LossValues(loss.tensors(), Map.copyOf(loss.stats())));
    }
  }

  protected final Space observationSpace;
  protected final Space actionSpace;
  protected final ConfigReader config;
  protected final ActionDistribution dist;
  protected final PolicyNetworks nets;

  /** Action sampling and minibatch shuffling. */
  protected final Random rng;
  /** How actions are picked from the distribution (sampling, unless a subclass sets another). */
  protected io.tune4j.rllib.exploration.Exploration exploration = new io.tune4j.rllib.exploration.StochasticSampling();

  private final int obsSize;
  private final double[][] lrSchedule;
  private double curLr;

  /**
   * Builds the networks.
   *
   * @param name the algorithm, for error messages
   * @param valueFunction whether the policy has a value function
   */
  protected Dl4jPolicy(
      Space observationSpace,
      Space actionSpace,
      Map<String, Object> config,
      String name,
      boolean valueFunction) {
    this(observationSpace, actionSpace, config, name, valueFunction, DataType.FLOAT);
  }

  /** As above, with the networks' data type (DOUBLE for gradient checks). */
  protected Dl4jPolicy(
      Space observationSpace,
      Space actionSpace,
      Map<String, Object> config,
      String name,
      boolean valueFunction,
      DataType dataType) {
    this.observationSpace = observationSpace;
    this.actionSpace = actionSpace;
    this.config = new ConfigReader(config, name);
    this.obsSize = Preprocessors.get(observationSpace).size();
    this.dist = ModelCatalog.getActionDist(actionSpace);
    Map<String, Object> model = ModelCatalog.resolve(this.config.getMap("model"));
    long seed = this.config.has("seed") ? this.config.getLong("seed") : new Random().nextLong();
    this.rng = new Random(seed ^ 0x5DEECE66DL);
    this.curLr = this.config.getDouble("lr");
    this.lrSchedule = this.config.getSchedule("lr_schedule");
    boolean share = this.config.has("vf_share_layers") && this.config.getBool("vf_share_layers");
    this.nets =
        new PolicyNetworks(
            obsSize, dist, model, valueFunction, share, curLr, new Random(seed), dataType);
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
    return dist.actionSize();
  }

  /** The networks (for tests, benchmarks and custom training loops). */
  public PolicyNetworks networks() {
    return nets;
  }

  /**
   * Samples (or, without exploration, takes the mode of) the action distribution for each row;
   * extras: {@code action_logp}, {@code behaviour_logits} (the distribution inputs) and, with a
   * value function, {@code vf_preds}.
   */
  @Override
  public ActionOutput computeActions(float[] obs, int n, boolean explore) {
    int k = dist.inputSize();
    int a = dist.actionSize();
    float[] inputs = new float[n * k];
    float[] values = nets.hasValueFunction() ? new float[n] : null;
    nets.forward(obs, n, inputs, values);
    double[] actions = new double[n * a];
    float[] logp = new float[n];
    float[] act = new float[a];
    for (int r = 0; r < n; r++) {
      exploration.action(dist, inputs, r * k, r, explore, rng, act, 0);
      logp[r] = (float) dist.logp(inputs, r * k, act, 0);
      for (int j = 0; j < a; j++) {
        actions[r * a + j] = act[j];
      }
    }
    Map<String, float[]> extras = new HashMap<>(4);
    extras.put(SampleBatch.ACTION_LOGP, logp);
    extras.put(SampleBatch.BEHAVIOUR_LOGITS, inputs);
    if (values != null) {
      extras.put(SampleBatch.VF_PREDS, values);
    }
    return new ActionOutput(actions, extras);
  }

  @Override
  public float[] computeLogLikelihoods(SampleBatch batch) {
    int n = batch.count();
    int k = dist.inputSize();
    int a = dist.actionSize();
    float[] inputs = new float[n * k];
    nets.forward(batch.floats(SampleBatch.OBS), n, inputs, null);
    float[] actions = batch.floats(SampleBatch.ACTIONS);
    float[] out = new float[n];
    for (int r = 0; r < n; r++) {
      out[r] = (float) dist.logp(inputs, r * k, actions, r * a);
    }
    return out;
  }

  /** V(s) of one preprocessed observation row (0 without a value function). */
  protected float value(float[] obs, int off) {
    if (!nets.hasValueFunction()) {
      return 0f;
    }
    float[] row = java.util.Arrays.copyOfRange(obs, off, off + obsSize);
    float[] v = new float[1];
    nets.forward(row, 1, new float[dist.inputSize()], v);
    return v[0];
  }

  /** The loss of this algorithm on a (mini)batch. */
  protected abstract BatchLoss loss(SampleBatch batch);

  /** Global-norm gradient clipping threshold, or 0 for none. */
  protected double gradClip() {
    return 0;
  }

  /**
   * Sets the global timestep, which drives {@code lr_schedule} (RLlib's {@code
   * on_global_var_update}); without a schedule the learning rate stays {@code lr}.
   */
  @Override
  public void onGlobalVarUpdate(long timestep) {
    setTimestep(timestep);
    exploration.onGlobalTimestep(timestep);
  }

  /** Same as {@link #onGlobalVarUpdate}. */
  public void setTimestep(long timestep) {
    if (lrSchedule != null) {
      curLr = ConfigReader.scheduleValue(lrSchedule, timestep);
      nets.setLearningRate(curLr);
    }
  }

  /** The current learning rate. */
  public double curLr() {
    return curLr;
  }

  /** One gradient step on {@code batch}; returns the loss's stats plus {@code cur_lr}. */
  protected Map<String, Double> sgdStep(SampleBatch batch) {
    BatchLoss loss = loss(batch);
    nets.computeGradient(batch.floats(SampleBatch.OBS), batch.count(), loss);
    inspect(loss);
    nets.clipGradient(gradClip());
    nets.applyGradient();
    Map<String, Double> stats = new HashMap<>(loss.stats());
    stats.put("cur_lr", curLr);
    return stats;
  }

  @Override
  public Gradients computeGradients(SampleBatch batch) {
    BatchLoss loss = loss(batch);
    nets.computeGradient(batch.floats(SampleBatch.OBS), batch.count(), loss);
    inspect(loss);
    nets.clipGradient(gradClip());
    Map<String, Object> stats = new HashMap<>(loss.stats());
    stats.put("cur_lr", curLr);
    return new Gradients(nets.gradient(), stats);
  }

  @Override
  public void applyGradients(Gradients gradients) {
    nets.setGradient(gradients.flat());
    nets.applyGradient();
  }

  @Override
  public byte[] getWeights() {
    return FloatArrays.encode(nets.params());
  }

  @Override
  public void setWeights(byte[] weights) {
    float[][] a = FloatArrays.decode(weights, getClass().getSimpleName() + " weights");
    if (a.length != 1) {
      throw new IllegalArgumentException("weights must hold one array, got " + a.length);
    }
    nets.setParams(a[0]);
  }

  /** Algorithm state beyond weights and optimiser (e.g. PPO's KL coefficient). */
  protected float[] extraState() {
    return new float[0];
  }

  /** Restores {@link #extraState()}. */
  protected void setExtraState(float[] state) {}

  /** Weights, optimiser state (Adam moments, step counts), learning rate and extra state. */
  @Override
  public byte[] getState() {
    float[][] opt = nets.optimizerState();
    return FloatArrays.encode(
        nets.params(), opt[0], opt[1], opt[2], opt[3], new float[] {(float) curLr}, extraState());
  }

  @Override
  public void setState(byte[] state) {
    float[][] a = FloatArrays.decode(state, getClass().getSimpleName() + " state");
    if (a.length != 7) {
      throw new IllegalArgumentException("policy state must hold 7 arrays, got " + a.length);
    }
    nets.setParams(a[0]);
    nets.setOptimizerState(new float[][] {a[1], a[2], a[3], a[4]});
    // With an lr_schedule the saved rate is where the schedule was; without one, this policy's
    // configured lr applies (so restoring into a trainer with a new lr uses it, as in RLlib).
    curLr = lrSchedule != null ? a[5][0] : this.config.getDouble("lr");
    nets.setLearningRate(curLr);
    setExtraState(a[6]);
  }

  /** Writes {@code policy.zip} (and {@code value.zip}) in DL4J's ModelSerializer format. */
  @Override
  public void exportModel(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create export directory " + dir, e);
    }
    nets.export(dir);
  }
}
