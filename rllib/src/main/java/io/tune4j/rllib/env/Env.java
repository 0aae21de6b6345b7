package io.tune4j.rllib.env;

import java.awt.image.BufferedImage;

/**
 * A single-agent environment with gym's contract: {@link #reset()} starts an episode and returns
 * its first observation, {@link #step(Object)} advances it by one action.
 *
 * <p>Lifecycle: {@code reset()} must be called before the first {@code step}; after a step returns
 * {@code done} the caller should {@code reset()} again (stepping on is undefined in gym; the
 * classic-control envs keep following their equations). Envs are not thread-safe: one thread uses
 * an env at a time. Observations and actions follow the value conventions of {@link Space}.
 *
 * <pre>{@code
 * try (Env env = Envs.make("CartPole-v0")) {
 *   env.seed(42);
 *   Object obs = env.reset();
 *   StepResult r = env.step(1);
 * }
 * }</pre>
 */
public interface Env extends AutoCloseable {

  /**
   * Starts a new episode.
   *
   * @return the first observation, a member of {@link #observationSpace()}
   */
  Object reset();

  /**
   * Advances the episode by one action.
   *
   * @param action a member of {@link #actionSpace()} (Discrete: an integral {@code Number}; Box:
   *     {@code double[]}, or {@code float[]}/{@code Number} for one-element boxes)
   * @return the observation, reward, done flag and info of this step
   * @throws IllegalArgumentException if the action has the wrong type or is out of range; the
   *     message names the env, the action and the valid range
   */
  StepResult step(Object action);

  /** Returns the space observations belong to. */
  Space observationSpace();

  /** Returns the space actions must belong to. */
  Space actionSpace();

  /**
   * Seeds the env's random number generator (reset distributions); no-op by default.
   *
   * @param seed the seed
   */
  default void seed(long seed) {}

  /**
   * gym's {@code metadata}: what the env says about itself, such as {@code
   * "video.frames_per_second"} (the frame rate the monitor records its videos at; 30 when absent,
   * as gym's video recorder assumes) and {@code "render.modes"}.
   *
   * @return an unmodifiable map; empty by default
   */
  default java.util.Map<String, Object> metadata() {
    return java.util.Map.of();
  }

  /**
   * Draws the current state like gym's {@code render(mode="rgb_array")}.
   *
   * @return a new {@link BufferedImage#TYPE_INT_RGB} image
   * @throws UnsupportedOperationException if the env cannot render
   */
  default BufferedImage render() {
    throw new UnsupportedOperationException(getClass().getName() + " does not support render()");
  }

  /**
   * Returns the innermost env below any wrappers such as {@link TimeLimit}, like gym's {@code
   * env.unwrapped}; an unwrapped env returns itself.
   */
  default Env unwrapped() {
    return this;
  }

  /** Releases resources; no-op by default. */
  @Override
  default void close() {}
}
