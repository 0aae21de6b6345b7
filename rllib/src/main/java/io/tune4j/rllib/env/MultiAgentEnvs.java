package io.tune4j.rllib.env;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link BaseEnv#fromMultiAgentEnvs}: steps every sub-env synchronously in {@link #sendActions}. */
final class MultiAgentEnvs implements BaseEnv {
  private final List<MultiAgentEnv> envs;
  private final boolean[] started;
  private Map<Integer, Map<String, Object>> obs = new LinkedHashMap<>();
  private Map<Integer, Map<String, Double>> rewards = new LinkedHashMap<>();
  private Map<Integer, Map<String, Boolean>> dones = new LinkedHashMap<>();
  private Map<Integer, Map<String, Map<String, Object>>> infos = new LinkedHashMap<>();

  MultiAgentEnvs(List<MultiAgentEnv> envs) {
    this.envs = List.copyOf(envs);
    this.started = new boolean[envs.size()];
  }

  @Override
  public Poll poll() {
    for (int i = 0; i < envs.size(); i++) {
      if (!started[i]) {
        started[i] = true;
        Map<String, Object> first = envs.get(i).reset();
        obs.put(i, first == null ? Map.of() : first);
        dones.put(i, Map.of(MultiAgentEnv.ALL, false));
      }
    }
    Poll p = new Poll(obs, rewards, dones, infos);
    obs = new LinkedHashMap<>();
    rewards = new LinkedHashMap<>();
    dones = new LinkedHashMap<>();
    infos = new LinkedHashMap<>();
    return p;
  }

  @Override
  public void sendActions(Map<Integer, Map<String, Object>> actions) {
    for (Map.Entry<Integer, Map<String, Object>> e : actions.entrySet()) {
      MultiAgentStep s = envs.get(e.getKey()).step(e.getValue());
      obs.put(e.getKey(), s.observations());
      rewards.put(e.getKey(), s.rewards());
      dones.put(e.getKey(), s.dones());
      infos.put(e.getKey(), s.infos());
    }
  }

  @Override
  public Map<String, Object> tryReset(int envId) {
    Map<String, Object> first = envs.get(envId).reset();
    return first == null ? Map.of() : first;
  }

  @Override
  public int numEnvs() {
    return envs.size();
  }

  @Override
  public Space observationSpace() {
    return envs.get(0).observationSpace();
  }

  @Override
  public Space actionSpace() {
    return envs.get(0).actionSpace();
  }

  @Override
  public void seed(int envId, long seed) {
    envs.get(envId).seed(seed);
  }

  @Override
  public void close() {
    for (MultiAgentEnv e : envs) {
      try {
        e.close();
      } catch (Exception ignored) {
        // closing is best effort
      }
    }
  }
}
