package io.tune4j.rllib.env;

/**
 * An env that can also step writing its observation straight into a caller's array, the
 * allocation-free fast path {@link VectorEnv} uses for the classic-control envs (developer API).
 *
 * <p>Flat layout: observations are {@link #flatObservationSize()} doubles (a Box observation
 * flattened); actions are {@link #flatActionSize()} doubles (a Discrete action is its index stored
 * as a double). {@code stepInto} follows exactly the same dynamics as {@link #step(Object)}.
 */
public interface FlatEnv extends Env {

  /** Returns the number of doubles of one flattened observation. */
  int flatObservationSize();

  /** Returns the number of doubles of one flattened action. */
  int flatActionSize();

  /**
   * Starts a new episode, writing the first observation.
   *
   * @param obs destination array
   * @param offset index of the first element to write
   */
  void resetInto(double[] obs, int offset);

  /**
   * Steps with the action stored at {@code actions[actionOffset..]}, writing the observation.
   *
   * @param actions source of the flattened action
   * @param actionOffset index of its first element
   * @param obs destination of the observation
   * @param obsOffset index of the first element to write
   * @return the reward of the step; {@link #lastDone()} tells whether the episode terminated
   * @throws IllegalArgumentException if the action is invalid (same rules as {@code step})
   */
  double stepInto(double[] actions, int actionOffset, double[] obs, int obsOffset);

  /** Returns the {@code done} flag of the most recent step (false after a reset). */
  boolean lastDone();
}
