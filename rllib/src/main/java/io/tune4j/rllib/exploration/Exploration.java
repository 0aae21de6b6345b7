package io.tune4j.rllib.exploration;

import io.tune4j.rllib.models.ActionDistribution;
import io.tune4j.rllib.util.DeveloperApi;
import java.util.Map;
import java.util.Random;

/**
 * How a policy picks the action of one row from its action-distribution inputs. A policy calls
 * {@link #action} once per row, in row order, from the thread that computes actions, and passes
 * the global timestep to {@link #onGlobalTimestep} through {@code Policy.onGlobalVarUpdate}.
 *
 * <pre>{@code
 * Exploration e = new EpsilonGreedy(1.0, 0.02, 10_000);
 * e.onGlobalTimestep(5_000);              // epsilon 0.51
 * e.action(dist, qValues, 0, 0, true, rng, out, 0);
 * }</pre>
 */
@DeveloperApi
public interface Exploration {

  /**
   * Writes the action of row {@code row} into {@code out} at {@code outOff}.
   *
   * @param dist the policy's action distribution
   * @param inputs its inputs (logits, means and log-stds, or Q-values), row-major
   * @param inOff where this row's inputs start
   * @param row the row's index in the batch (for per-row state such as OU noise)
   * @param explore false for the deterministic action (evaluation, {@code explore=False})
   */
  void action(ActionDistribution dist, float[] inputs, int inOff, int row, boolean explore, Random rng, float[] out, int outOff);

  /** The global timestep moved (env steps sampled so far); schedules follow it. */
  default void onGlobalTimestep(long timestep) {}

  /** Values to report, such as {@code cur_epsilon} (may be empty). */
  default Map<String, Object> stats() {
    return Map.of();
  }
}
