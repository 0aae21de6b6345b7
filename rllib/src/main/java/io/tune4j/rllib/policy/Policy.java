package io.tune4j.rllib.policy;

import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.util.DeveloperApi;
import java.nio.file.Path;
import java.util.Map;

/**
 * The learnable part of an agent: computes actions, postprocesses trajectories and learns from
 * sample batches (RLlib's {@code Policy}). One instance lives in every rollout worker; the
 * driver's copy learns and its weights are broadcast to the others.
 *
 * <p>Threading: a policy is used by one thread at a time (its worker's). Observations reach it
 * already preprocessed (flattened, one-hot) and filtered, as float rows of width {@link
 * #observationSize()}.
 */
@DeveloperApi
public interface Policy {

  /** The environment's original observation space. */
  Space observationSpace();

  /** The environment's action space. */
  Space actionSpace();

  /** Width of one preprocessed observation row. */
  int observationSize();

  /** Width of one action row in {@link ActionOutput#actions()}. */
  int actionSize();

  /**
   * Computes actions for {@code n} observations.
   *
   * @param obs row-major {@code n * observationSize()} preprocessed observations
   * @param n number of rows
   * @param explore sample from the action distribution when true, else take its mode
   * @return the actions and extra outputs (e.g. {@code vf_preds}, {@code action_logp})
   */
  ActionOutput computeActions(float[] obs, int n, boolean explore);

  /**
   * Adds algorithm columns (advantages, value targets, ...) to one episode fragment of a single
   * agent, in order.
   *
   * @param fragment consecutive steps of one episode (columns obs, new_obs, actions, rewards,
   *     dones, plus the extras of {@link #computeActions})
   * @param terminated true if the fragment ends because the episode terminated; false if it was
   *     cut by the batch, the horizon or the time limit, in which case the value of the last
   *     {@code new_obs} is bootstrapped
   * @return the postprocessed batch (may be the same instance)
   */
  SampleBatch postprocessTrajectory(SampleBatch fragment, boolean terminated);

  /**
   * Runs this policy's optimisation on a batch (e.g. PPO's SGD epochs) and returns learner stats
   * such as {@code policy_loss}, {@code vf_loss}, {@code entropy}, {@code kl}, {@code cur_lr}.
   */
  Map<String, Object> learnOnBatch(SampleBatch batch);

  /**
   * Tells the policy the global timestep (env steps sampled so far across all workers), which
   * drives schedules such as {@code lr_schedule} or an exploration schedule (RLlib's {@code
   * on_global_var_update}). The default does nothing.
   */
  default void onGlobalVarUpdate(long timestep) {}

  /**
   * Log-probabilities of the batch's {@code actions} under this policy given its {@code obs}, for
   * off-policy estimation; policies without action probabilities (DQN, DDPG) do not support it.
   *
   * @throws UnsupportedOperationException naming the policy
   */
  default float[] computeLogLikelihoods(SampleBatch batch) {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + " has no action probabilities for off-policy estimation; set \"input_evaluation\": []");
  }

  /** Computes gradients on a batch without applying them (for asynchronous algorithms). */
  Gradients computeGradients(SampleBatch batch);

  /** Applies gradients computed by {@link #computeGradients}, possibly on another worker. */
  void applyGradients(Gradients gradients);

  /** The model weights, encoded compactly for an actor hop. */
  byte[] getWeights();

  /** Replaces the model weights with ones from {@link #getWeights()}. */
  void setWeights(byte[] weights);

  /** Weights plus optimizer state and counters (for checkpoints). */
  byte[] getState();

  /** Restores what {@link #getState()} returned. */
  void setState(byte[] state);

  /** Writes the model in DL4J's own format to {@code dir}. */
  void exportModel(Path dir);

  /**
   * Gradients of a policy's parameters plus the learner stats computed with them.
   *
   * @param flat the flattened gradient, in the order of the policy's parameter vector
   * @param stats learner stats of the batch the gradient came from
   */
  record Gradients(float[] flat, Map<String, Object> stats) implements java.io.Serializable {

    /**
     * The gradients as bytes for an actor reply: the floats raw (Java serialization writes a float
     * array one value at a time, which was A3C's largest cost), then the stats.
     */
    public byte[] encode() {
      byte[] s = io.tune4j.tune.runtime.Payloads.encode(new java.util.LinkedHashMap<>(stats));
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 * flat.length + s.length);
      b.putInt(flat.length);
      b.asFloatBuffer().put(flat);
      b.position(4 + 4 * flat.length);
      b.put(s);
      return b.array();
    }

    /** Decodes {@link #encode()}. */
    @SuppressWarnings("unchecked")
    public static Gradients decode(byte[] bytes) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
      float[] flat = new float[b.getInt()];
      b.asFloatBuffer().get(flat);
      byte[] s = java.util.Arrays.copyOfRange(bytes, 4 + 4 * flat.length, bytes.length);
      return new Gradients(flat, (Map<String, Object>) io.tune4j.tune.runtime.Payloads.decode(s));
    }
  }
}
