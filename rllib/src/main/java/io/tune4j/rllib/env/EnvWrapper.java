package io.tune4j.rllib.env;

import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * gym's {@code Wrapper}: an env around another that passes every call through; subclasses
 * override what they change ({@link TimeLimit} the episode end, the monitor the recording).
 *
 * <pre>{@code
 * class RewardScale extends EnvWrapper {
 *   RewardScale(Env env) {
 *     super(env);
 *   }
 *
 *   @Override
 *   public StepResult step(Object action) {
 *     StepResult r = env().step(action);
 *     return new StepResult(r.observation(), r.reward() / 10, r.done(), r.info());
 *   }
 * }
 * }</pre>
 */
public abstract class EnvWrapper implements Env {
  private final Env env;

  /**
   * Wraps an env.
   *
   * @param env the inner env
   * @throws IllegalArgumentException when it is null
   */
  protected EnvWrapper(Env env) {
    if (env == null) {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": env is null");
    }
    this.env = env;
  }

  /**
   * The env this one wraps.
   *
   * @return the inner env
   */
  public Env env() {
    return env;
  }

  @Override
  public Object reset() {
    return env.reset();
  }

  @Override
  public StepResult step(Object action) {
    return env.step(action);
  }

  @Override
  public Space observationSpace() {
    return env.observationSpace();
  }

  @Override
  public Space actionSpace() {
    return env.actionSpace();
  }

  @Override
  public void seed(long seed) {
    env.seed(seed);
  }

  @Override
  public BufferedImage render() {
    return env.render();
  }

  @Override
  public Map<String, Object> metadata() {
    return env.metadata();
  }

  @Override
  public Env unwrapped() {
    return env.unwrapped();
  }

  /**
   * Closes the inner env.
   *
   * @throws IllegalStateException naming the inner env when its close fails
   */
  @Override
  public void close() {
    try {
      env.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing " + env + " failed", e);
    }
  }
}
