package io.tune4j.rllib.env;

import java.util.List;

/**
 * N copies of an env stepped together for batched inference, with flat {@code double} buffers and
 * auto-reset; no allocation per step on the fast path (classic-control envs, {@link FlatEnv}).
 *
 * <p>Layout: {@link #observations()} holds {@code numEnvs() * observationSize()} doubles, row
 * {@code i} at offset {@code i * observationSize()}; actions passed to {@link #step(double[])} are
 * {@code numEnvs() * actionSize()} doubles (a Discrete action is its index as a double). The
 * returned arrays are owned by the vector env and overwritten by the next call; they are the same
 * instances for the env's lifetime.
 *
 * <pre>{@code
 * VectorEnv v = Envs.makeVector("CartPole-v0", EnvContext.empty(), 8);
 * v.resetAll();
 * v.step(actions); // v.rewards(), v.dones(), v.observations() ...
 * }</pre>
 */
public interface VectorEnv extends AutoCloseable {

  /** Returns the number of env copies. */
  int numEnvs();

  /** Returns the observation space shared by all copies. */
  Space observationSpace();

  /** Returns the action space shared by all copies. */
  Space actionSpace();

  /** Returns the flat double length of one observation (Box: flatSize; Discrete: 1, the index). */
  int observationSize();

  /** Returns the flat double length of one action (Discrete: 1, the index; Box: flatSize). */
  int actionSize();

  /** Resets every env and fills {@link #observations()}. */
  void resetAll();

  /**
   * Resets env {@code i} (e.g. at the sampler's horizon) and fills its row of {@link
   * #observations()}.
   *
   * @param i the env index
   */
  void resetAt(int i);

  /**
   * Steps every env with its row of actions ({@code numEnvs * actionSize}). Envs that finish are
   * auto-reset: their row of {@link #observations()} holds the new episode's first observation and
   * their row of {@link #terminalObservations()} holds the final observation of the finished
   * episode.
   *
   * @param actions the flattened actions
   * @throws IllegalStateException before {@link #resetAll()}
   * @throws IllegalArgumentException on a wrong length or an invalid action
   */
  void step(double[] actions);

  /** Returns the current observations, one row per env. */
  double[] observations();

  /**
   * Returns the final observations of episodes that ended in the last step; row {@code i} is only
   * meaningful where {@code dones()[i]}.
   */
  double[] terminalObservations();

  /** Returns the rewards of the last step. */
  double[] rewards();

  /** Returns which envs ended an episode in the last step (terminated or truncated). */
  boolean[] dones();

  /** Returns which envs were ended by the time limit (not terminated) in the last step. */
  boolean[] truncated();

  /**
   * Returns the i-th env as passed in (for {@code worker.foreachEnv}). Stepping it directly
   * bypasses the vector's step counters.
   *
   * @param i the env index
   * @return the env
   */
  Env env(int i);

  @Override
  default void close() {}

  /**
   * Vectorizes existing envs. Works for any env whose observation space is a Box, Discrete,
   * MultiDiscrete or MultiBinary (generic path, may allocate per step); envs that are {@link
   * FlatEnv}s, possibly inside a {@link TimeLimit}, take the allocation-free path.
   *
   * @param envs one or more envs with equal spaces
   * @return the vector env; closing it closes the envs
   * @throws IllegalArgumentException if the list is empty, the spaces differ or are unsupported
   */
  static VectorEnv of(List<? extends Env> envs) {
    return new DefaultVectorEnv(envs);
  }
}
