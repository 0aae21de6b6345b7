package io.tune4j.examples;

import io.tune4j.rllib.env.Env;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.env.MultiAgentEnv;
import io.tune4j.rllib.env.MultiAgentStep;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.env.StepResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * N independent CartPole-v0 games as the agents {@code "0" .. "N-1"} of one multi-agent env
 * (RLlib's {@code examples/multiagent_cartpole.py} {@code MultiCartpole}): an agent that drops
 * its pole reports its last observation with {@code done} and stops acting; the episode ends when
 * every agent is done.
 */
public final class MultiAgentCartPole implements MultiAgentEnv {
  private final List<Env> agents = new ArrayList<>();
  private final Set<String> done = new HashSet<>();

  /** {@code numAgents} CartPole-v0 games. */
  public MultiAgentCartPole(int numAgents) {
    if (numAgents < 1) {
      throw new IllegalArgumentException("num_agents must be >= 1, got " + numAgents);
    }
    for (int i = 0; i < numAgents; i++) {
      agents.add(Envs.make("CartPole-v0"));
    }
  }

  @Override
  public Map<String, Object> reset() {
    done.clear();
    Map<String, Object> obs = new LinkedHashMap<>();
    for (int i = 0; i < agents.size(); i++) {
      obs.put(String.valueOf(i), agents.get(i).reset());
    }
    return obs;
  }

  @Override
  public MultiAgentStep step(Map<String, Object> actions) {
    Map<String, Object> obs = new LinkedHashMap<>();
    Map<String, Double> rewards = new LinkedHashMap<>();
    Map<String, Boolean> dones = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : actions.entrySet()) {
      StepResult r = agents.get(Integer.parseInt(e.getKey())).step(e.getValue());
      obs.put(e.getKey(), r.observation());
      rewards.put(e.getKey(), r.reward());
      dones.put(e.getKey(), r.done());
      if (r.done()) {
        done.add(e.getKey());
      }
    }
    dones.put(ALL, done.size() == agents.size());
    return new MultiAgentStep(obs, rewards, dones, Map.of());
  }

  @Override
  public Space observationSpace() {
    return agents.get(0).observationSpace();
  }

  @Override
  public Space actionSpace() {
    return agents.get(0).actionSpace();
  }

  @Override
  public void seed(long seed) {
    for (int i = 0; i < agents.size(); i++) {
      agents.get(i).seed(seed + i);
    }
  }

  @Override
  public void close() {
    agents.forEach(Env::close);
  }
}
