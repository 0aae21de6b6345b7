package io.tune4j.rllib.policy;

import java.util.Map;

/**
 * Looks at a policy's loss while it learns: the Java counterpart of RLlib's "eager mode" for
 * debugging a loss. Set one on a policy ({@link Dl4jPolicy#setLossInspector}); after every
 * gradient computation of {@code learnOnBatch} it receives the loss's intermediate values for
 * that (mini)batch by name, one value per row, and the batch's stats. PPO names {@code
 * advantages}, {@code logp}, {@code logp_old}, {@code ratio}, {@code surrogate} (the clipped
 * objective's term), {@code kl} and {@code entropy}, and with GAE {@code vf}, {@code vf_preds},
 * {@code value_targets} and {@code vf_loss}; other algorithms' losses report their stats only.
 * Called on the learner's thread; the arrays are fresh copies the inspector may keep.
 *
 * <pre>{@code
 * ((Dl4jPolicy) trainer.getPolicy()).setLossInspector(values ->
 *     System.out.println(java.util.Arrays.toString(values.tensors().get("ratio"))));
 * }</pre>
 */
@FunctionalInterface
public interface LossInspector {
  /**
   * Receives one gradient computation's values.
   *
   * @param values the loss's intermediate values and stats
   */
  void inspect(LossValues values);

  /**
   * What a loss computed on one (mini)batch.
   *
   * @param tensors per-row values by name (empty for losses that record none)
   * @param stats the loss's stats for the batch (e.g. {@code policy_loss}, {@code kl})
   */
  record LossValues(Map<String, float[]> tensors, Map<String, Double> stats) {}
}
