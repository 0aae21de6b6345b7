package io.tune4j.rllib.env;

import java.util.HashMap;
import java.util.Map;

/**
 * Ends episodes after a fixed number of steps, as gym 0.12.5's {@code TimeLimit} wrapper: at the
 * {@code maxEpisodeSteps}-th step since {@link #reset()} it sets {@code done = true} and {@code
 * info["TimeLimit.truncated"] = !doneFromEnv}.
 *
 * <p>{@link Envs#make(String)} applies it with the registered {@code max_episode_steps}. {@link
 * #wrap(Env, int)} returns a wrapper that is also a {@link StatefulEnv} when the inner env is one
 * ({@code setState} does not reset the step counter).
 */
public class TimeLimit extends EnvWrapper {
  /** The info key set at the time limit. */
  public static final String TRUNCATED_KEY = "TimeLimit.truncated";

  private final int maxEpisodeSteps;
  private int elapsedSteps = -1;

  /**
   * Wraps an env.
   *
   * @param env the inner env
   * @param maxEpisodeSteps steps per episode, at least 1
   */
  protected TimeLimit(Env env, int maxEpisodeSteps) {
    super(env);
    if (maxEpisodeSteps < 1) {
      throw new IllegalArgumentException(
          "TimeLimit: max_episode_steps must be >= 1, got " + maxEpisodeSteps);
    }
    this.maxEpisodeSteps = maxEpisodeSteps;
  }

  /**
   * Wraps an env in a time limit.
   *
   * @param env the inner env
   * @param maxEpisodeSteps steps per episode, at least 1
   * @return the wrapper, a {@link StatefulEnv} if {@code env} is one
   */
  public static TimeLimit wrap(Env env, int maxEpisodeSteps) {
    return env instanceof StatefulEnv s
        ? new Stateful(s, maxEpisodeSteps)
        : new TimeLimit(env, maxEpisodeSteps);
  }

  /** Returns the step limit. */
  public int maxEpisodeSteps() {
    return maxEpisodeSteps;
  }

  /** Returns the steps taken since the last reset, or -1 before the first reset. */
  public int elapsedSteps() {
    return elapsedSteps;
  }

  @Override
  public Object reset() {
    elapsedSteps = 0;
    return env().reset();
  }

  /**
   * Steps the inner env and applies the limit.
   *
   * @throws IllegalStateException if called before {@link #reset()}
   */
  @Override
  public StepResult step(Object action) {
    if (elapsedSteps < 0) {
      throw new IllegalStateException("Cannot call env.step() before calling reset()");
    }
    StepResult r = env().step(action);
    elapsedSteps++;
    if (elapsedSteps >= maxEpisodeSteps) {
      Map<String, Object> info = new HashMap<>(r.info());
      info.put(TRUNCATED_KEY, !r.done());
      return new StepResult(r.observation(), r.reward(), true, info);
    }
    return r;
  }

  @Override
  public String toString() {
    return "TimeLimit<" + env() + ", " + maxEpisodeSteps + ">";
  }

  private static final class Stateful extends TimeLimit implements StatefulEnv {
    private final StatefulEnv inner;

    Stateful(StatefulEnv env, int maxEpisodeSteps) {
      super(env, maxEpisodeSteps);
      this.inner = env;
    }

    @Override
    public double[] getState() {
      return inner.getState();
    }

    @Override
    public void setState(double[] state) {
      inner.setState(state);
      TimeLimit self = this;
      if (self.elapsedSteps < 0) {
        self.elapsedSteps = 0; // stepping from a set state needs no reset()
      }
    }
  }
}
