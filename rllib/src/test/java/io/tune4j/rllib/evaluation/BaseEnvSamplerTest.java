package io.tune4j.rllib.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.Callbacks;
import io.tune4j.rllib.env.BaseEnv;
import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.models.Preprocessors;
import io.tune4j.rllib.policy.MultiAgentBatch;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The multi-agent sampler over a {@link BaseEnv} that behaves like an external simulator: sub-env
 * 1 answers only every other poll and resets itself (its {@code tryReset} returns null).
 */
class BaseEnvSamplerTest {

  /** Two sub-envs, one agent "a" each, episodes of 3 steps with reward 1 per step. */
  static final class SlowEnv implements BaseEnv {
    final int[] t = new int[2];
    final Map<Integer, Map<String, Object>> queued = new HashMap<>();
    final Map<Integer, Boolean> done = new HashMap<>();
    int polls;
    boolean started;

    @Override
    public Poll poll() {
      polls++;
      Map<Integer, Map<String, Object>> obs = new LinkedHashMap<>();
      Map<Integer, Map<String, Double>> rew = new LinkedHashMap<>();
      Map<Integer, Map<String, Boolean>> dones = new LinkedHashMap<>();
      if (!started) {
        started = true;
        for (int i = 0; i < 2; i++) {
          obs.put(i, Map.of("a", new double[] {0}));
          dones.put(i, Map.of("__all__", false));
        }
        return new Poll(obs, rew, dones, Map.of());
      }
      for (int i = 0; i < 2; i++) {
        if (!queued.containsKey(i) || (i == 1 && polls % 2 == 0)) {
          continue; // env 1 is slow: it answers every other poll
        }
        queued.remove(i);
        t[i]++;
        boolean end = t[i] == 3;
        if (end && i == 1) {
          // an external env starts its next episode itself: report the end now, the new
          // episode's first observation on a later poll
          t[i] = 0;
          done.put(i, true);
        }
        obs.put(i, Map.of("a", new double[] {t[i]}));
        rew.put(i, Map.of("a", 1.0));
        dones.put(i, Map.of("a", end, "__all__", end));
      }
      for (Map.Entry<Integer, Boolean> e : new HashMap<>(done).entrySet()) {
        if (!dones.containsKey(e.getKey())) {
          obs.put(e.getKey(), Map.of("a", new double[] {0}));
          dones.put(e.getKey(), Map.of("__all__", false));
          done.remove(e.getKey());
        }
      }
      return new Poll(obs, rew, dones, Map.of());
    }

    @Override
    public void sendActions(Map<Integer, Map<String, Object>> actions) {
      queued.putAll(actions);
    }

    @Override
    public Map<String, Object> tryReset(int envId) {
      if (envId == 1) {
        return null;
      }
      t[0] = 0;
      return Map.of("a", new double[] {0});
    }

    @Override
    public int numEnvs() {
      return 2;
    }

    @Override
    public Space observationSpace() {
      return new Box(-10, 10, Box.Dtype.FLOAT32, 1);
    }

    @Override
    public Space actionSpace() {
      return new Box(-1, 1, Box.Dtype.FLOAT32, 1);
    }
  }

  @Test
  void slowAndSelfResettingSubEnvsStillYieldWholeEpisodes() {
    Policy p = new ConstantPolicy(0.5);
    SlowEnv env = new SlowEnv();
    MultiAgentSampler s = new MultiAgentSampler(env, Map.of("default_policy", p),
        Map.of("default_policy", Preprocessors.get(p.observationSpace())), agent -> "default_policy", Callbacks.NONE,
        SamplerConfig.defaults().withBatchMode("complete_episodes").withSampleBatchSize(3));
    MultiAgentBatch b = s.sample();
    SampleBatch rows = b.policyBatches().get("default_policy");
    assertTrue(b.envSteps() >= 6, "complete episodes of both envs: " + b.envSteps());
    assertEquals(b.envSteps(), rows.count(), "one agent per env: one row per env step");
    List<EpisodeMetrics> eps = s.pollMetrics();
    assertTrue(eps.size() >= 2, eps.toString());
    for (EpisodeMetrics e : eps) {
      assertEquals(3, e.length(), e.toString());
      assertEquals(3.0, e.totalReward(), 1e-9);
    }
    for (SampleBatch ep : rows.splitByEpisode()) {
      float[] d = ep.floats(SampleBatch.DONES);
      assertEquals(3, ep.count());
      assertEquals(1f, d[2]);
      assertEquals(0f, d[0]);
    }
  }
}
