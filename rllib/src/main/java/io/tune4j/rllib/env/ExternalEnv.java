package io.tune4j.rllib.env;

import java.util.Map;

/**
 * An environment driven from outside (RLlib's {@code ExternalEnv}): the simulator, not the
 * trainer, owns the loop. It starts episodes, asks for actions or logs the actions it took
 * itself, reports rewards and ends episodes, from any number of threads; a rollout worker whose
 * env is an {@code ExternalEnv} samples the experience these calls produce. A {@link
 * io.tune4j.rllib.serving.PolicyServer} turns HTTP requests into these calls.
 *
 * <pre>{@code
 * ExternalEnv env = new ExternalEnv(new Discrete(2), new Box(new double[] {-1}, new double[] {1}), 100);
 * String id = env.startEpisode(null, true);
 * Object action = env.getAction(id, new double[] {0.5});   // waits for the trainer's policy
 * env.logReturns(id, 1.0, Map.of());
 * env.endEpisode(id, new double[] {0.25});
 * }</pre>
 *
 * <p>Register it like any env ({@code Envs.register("srv", ctx -> env)}) and train with {@code
 * num_workers: 0} and {@code num_envs_per_worker: 1}. Subclasses may override {@link #run()},
 * which then runs on a daemon thread once the worker starts (RLlib's serving loop).
 *
 * <p>At most {@code maxConcurrent} episodes run at once. {@link #getAction} and {@link #logAction}
 * wait up to the timeout for the trainer to sample; episodes started with {@code trainingEnabled}
 * false are played but not learned from. Thread-safe.
 */
public class ExternalEnv extends AbstractExternalEnv implements Env {
  /** The agent id of a single-agent external env in the sampler (RLlib's {@code _DUMMY_AGENT_ID}). */
  public static final String AGENT_ID = "agent0";

  /**
   * An external env with these spaces and at most {@code maxConcurrent} episodes at once (RLlib's
   * default is 100).
   */
  public ExternalEnv(Space actionSpace, Space observationSpace, int maxConcurrent) {
    super(actionSpace, observationSpace, maxConcurrent);
    if (actionSpace == null || observationSpace == null) {
      throw new IllegalArgumentException("an ExternalEnv needs its action and observation spaces");
    }
  }

  /** An external env with at most 100 concurrent episodes. */
  public ExternalEnv(Space actionSpace, Space observationSpace) {
    this(actionSpace, observationSpace, 100);
  }

  @Override
  public ExternalEnv setTimeout(long millis) {
    super.setTimeout(millis);
    return this;
  }

  private static Map<String, Object> one(Object value) {
    return value == null ? Map.of() : Map.of(AGENT_ID, value);
  }

  /**
   * Records an observation and waits for the policy's action for it.
   *
   * @throws ExternalEnvException for an unknown episode or an observation outside the space
   * @throws ActionTimeoutException when the trainer does not answer within the timeout
   */
  public Object getAction(String episodeId, Object observation) {
    return send(episodeId, one(observation), null).get(AGENT_ID);
  }

  /**
   * Records an observation and the action the simulator took itself (off-policy), waiting until the
   * trainer has taken it in.
   */
  public void logAction(String episodeId, Object observation, Object action) {
    if (action == null) {
      throw new ExternalEnvException("action", "missing action");
    }
    send(episodeId, one(observation), one(action));
  }

  /** Adds {@code reward} to the episode's reward since its last action; {@code info} replaces the last info. */
  public void logReturns(String episodeId, double reward, Map<String, Object> info) {
    logRewards(episodeId, Map.of(AGENT_ID, reward), info == null ? null : Map.of(AGENT_ID, info));
  }

  /** Ends the episode with its final observation. */
  public void endEpisode(String episodeId, Object observation) {
    end(episodeId, one(observation));
  }

  @Override
  public Object reset() {
    throw new UnsupportedOperationException("an ExternalEnv is driven from outside: use it as a rollout worker's"
        + " env (num_envs_per_worker 1), not with reset/step");
  }

  @Override
  public StepResult step(Object action) {
    return (StepResult) reset();
  }

  @Override
  public Space observationSpace() {
    return super.observationSpace();
  }

  @Override
  public Space actionSpace() {
    return super.actionSpace();
  }

  @Override
  public void close() {
    super.close();
  }
}
