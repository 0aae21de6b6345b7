package io.tune4j.rllib.env;

import java.util.Map;

/**
 * A multi-agent environment driven from outside (RLlib's {@code ExternalMultiAgentEnv}): like
 * {@link ExternalEnv}, with every observation, action and reward a map by agent id. Only the agents
 * in an observation map act next; rewards add up per agent until that agent's next action.
 *
 * <pre>{@code
 * ExternalMultiAgentEnv env = new ExternalMultiAgentEnv(new Discrete(2), cartPoleObs, 100);
 * String id = env.startEpisode(null, true);
 * Map<String, Object> actions = env.getAction(id, Map.of("car_0", obs0, "car_1", obs1));
 * env.logReturns(id, Map.of("car_0", 1.0, "car_1", 0.5), null);
 * env.endEpisode(id, Map.of("car_0", last0, "car_1", last1));
 * }</pre>
 *
 * <p>Register it as a multi-agent env ({@code Envs.registerMultiAgent("srv", ctx -> env)}) and
 * configure {@code multiagent} as for any multi-agent env; the agents share one observation and
 * one action space, which the server checks values against.
 */
public class ExternalMultiAgentEnv extends AbstractExternalEnv implements MultiAgentEnv {

  /** An external multi-agent env with these shared spaces and at most {@code maxConcurrent} episodes. */
  public ExternalMultiAgentEnv(Space actionSpace, Space observationSpace, int maxConcurrent) {
    super(actionSpace, observationSpace, maxConcurrent);
    if (actionSpace == null || observationSpace == null) {
      throw new IllegalArgumentException("an ExternalMultiAgentEnv needs the agents' shared action and"
          + " observation spaces");
    }
  }

  @Override
  public ExternalMultiAgentEnv setTimeout(long millis) {
    super.setTimeout(millis);
    return this;
  }

  /** Records the observing agents' observations and waits for their actions. */
  public Map<String, Object> getAction(String episodeId, Map<String, Object> observations) {
    return send(episodeId, observations, null);
  }

  /** Records observations and the actions the simulator took itself (off-policy). */
  public void logAction(String episodeId, Map<String, Object> observations, Map<String, Object> actions) {
    if (actions == null || !actions.keySet().equals(observations == null ? null : observations.keySet())) {
      throw new ExternalEnvException("action", "logged actions must name the same agents as the observations, got "
          + (actions == null ? null : actions.keySet()) + " and " + (observations == null ? null : observations.keySet()));
    }
    send(episodeId, observations, actions);
  }

  /** Adds rewards per agent; infos per agent replace the last ones. */
  public void logReturns(String episodeId, Map<String, Double> rewards, Map<String, Map<String, Object>> infos) {
    logRewards(episodeId, rewards, infos);
  }

  /** Ends the episode with the agents' final observations. */
  public void endEpisode(String episodeId, Map<String, Object> observations) {
    end(episodeId, observations);
  }

  @Override
  public Map<String, Object> reset() {
    throw new UnsupportedOperationException("an ExternalMultiAgentEnv is driven from outside: use it as a rollout"
        + " worker's env (num_envs_per_worker 1), not with reset/step");
  }

  @Override
  public MultiAgentStep step(Map<String, Object> actions) {
    reset();
    return null;
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
