package io.tune4j.examples;

import io.tune4j.rllib.env.EnvContext;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.env.FlatEnv;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.env.StepResult;
import io.tune4j.rllib.env.classic.CartPole;
import io.tune4j.rllib.evaluation.WorkerSet;
import java.util.List;

/**
 * CartPole whose difficulty a curriculum raises with {@link #setPhase(int)}: in phase {@code p}
 * every episode starts from a state drawn from {@code U(-0.05 (1 + p), 0.05 (1 + p))} per variable
 * instead of gym's {@code U(-0.05, 0.05)}, so later phases start further from upright. The
 * dynamics, reward and termination are CartPole's. Registered as {@value #ID} with a 500-step time
 * limit, so mean rewards above 200 (the seed page's last threshold) are reachable.
 *
 * <pre>{@code
 * CurriculumCartPole.register();
 * trainer.workers().foreachWorker(w -> {
 *   w.foreachEnv(env -> ((CurriculumCartPole) env.unwrapped()).setPhase(2));
 *   return null;
 * });
 * }</pre>
 *
 * <p>The initial phase comes from {@code env_config} key {@code phase} (default 0). Like every env,
 * not thread-safe: the worker that owns it calls {@code setPhase} between samples.
 */
public final class CurriculumCartPole implements FlatEnv {
  /** The registered env id. */
  public static final String ID = "CurriculumCartPole";

  /** Half-width of each state variable's initial range in phase 0 (gym's). */
  static final double BASE_SPREAD = 0.05;

  private final CartPole cartPole = new CartPole();
  private final double[] state = new double[4];
  private int phase;

  /** A curriculum CartPole in the phase named by {@code env_config} key {@code phase}. */
  public CurriculumCartPole(EnvContext ctx) {
    setPhase(ctx.getInt("phase", 0));
  }

  /** Registers {@value #ID} (idempotent; envs are created inside the rollout workers). */
  public static void register() {
    Envs.register(ID, CurriculumCartPole::new, 500);
  }

  /**
   * Sets the difficulty from the next episode on.
   *
   * @param phase 0 (gym's CartPole), 1 or 2 (harder); any value &gt;= 0 works
   * @throws IllegalArgumentException if {@code phase < 0}
   */
  public void setPhase(int phase) {
    if (phase < 0) {
      throw new IllegalArgumentException("CurriculumCartPole: phase must be >= 0, got " + phase);
    }
    this.phase = phase;
  }

  /** The current phase. */
  public int phase() {
    return phase;
  }

  /** Half-width of the initial range of each state variable in the current phase. */
  public double initialSpread() {
    return BASE_SPREAD * (1 + phase);
  }

  /**
   * The seed page's curriculum rule: phase 2 above {@code high}, 1 above {@code low}, else 0.
   *
   * @param episodeRewardMean the latest {@code episode_reward_mean} (NaN before any episode: 0)
   */
  public static int phaseFor(double episodeRewardMean, double low, double high) {
    if (episodeRewardMean > high) {
      return 2;
    }
    return episodeRewardMean > low ? 1 : 0;
  }

  /**
   * Sets {@code phase} on every env of every worker (local and remote) through {@code
   * foreachWorker} / {@code foreachEnv}, and reads the phases back.
   *
   * @return the phase each worker's envs now report, local worker first
   * @throws IllegalStateException if a worker's env is not a {@code CurriculumCartPole}
   */
  public static List<Integer> setPhase(WorkerSet workers, int phase) {
    return workers.foreachWorker(
        w -> {
          w.foreachEnv(env -> curriculum(env).setPhase(phase));
          int[] seen = {-1};
          w.foreachEnv(env -> seen[0] = curriculum(env).phase());
          return seen[0];
        });
  }

  /** The phase every worker's first env reports, local worker first. */
  public static List<Integer> phases(WorkerSet workers) {
    return workers.foreachWorker(
        w -> {
          int[] seen = {-1};
          w.foreachEnv(env -> seen[0] = curriculum(env).phase());
          return seen[0];
        });
  }

  private static CurriculumCartPole curriculum(io.tune4j.rllib.env.Env env) {
    if (env.unwrapped() instanceof CurriculumCartPole c) {
      return c;
    }
    throw new IllegalStateException(
        "expected the workers' env to be " + ID + ", got " + env.unwrapped());
  }

  // ---- the env: CartPole with a wider start ------------------------------------------------

  @Override
  public void resetInto(double[] obs, int offset) {
    cartPole.resetInto(obs, offset);
    if (phase > 0) {
      double[] s = cartPole.getState();
      for (int i = 0; i < 4; i++) {
        state[i] = s[i] * (1 + phase); // U(-0.05, 0.05) scaled to U(-spread, spread)
      }
      cartPole.setState(state);
      System.arraycopy(state, 0, obs, offset, 4);
    }
  }

  @Override
  public double stepInto(double[] actions, int actionOffset, double[] obs, int obsOffset) {
    return cartPole.stepInto(actions, actionOffset, obs, obsOffset);
  }

  @Override
  public boolean lastDone() {
    return cartPole.lastDone();
  }

  @Override
  public int flatObservationSize() {
    return cartPole.flatObservationSize();
  }

  @Override
  public int flatActionSize() {
    return cartPole.flatActionSize();
  }

  @Override
  public Object reset() {
    double[] obs = new double[4];
    resetInto(obs, 0);
    return obs;
  }

  @Override
  public StepResult step(Object action) {
    return cartPole.step(action);
  }

  @Override
  public Space observationSpace() {
    return cartPole.observationSpace();
  }

  @Override
  public Space actionSpace() {
    return cartPole.actionSpace();
  }

  @Override
  public void seed(long seed) {
    cartPole.seed(seed);
  }

  @Override
  public String toString() {
    return ID + "(phase=" + phase + ")";
  }
}
