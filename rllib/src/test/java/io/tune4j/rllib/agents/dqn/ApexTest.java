package io.tune4j.rllib.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Ape-X on CartPole: replay-shard actors, a learner thread and two sampling workers. */
@Tag("ray")
class ApexTest {

  static Map<String, Object> smallConfig() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("num_workers", 2);
    c.put("buffer_size", 50_000);
    c.put("learning_starts", 1000);
    c.put("train_batch_size", 64);
    c.put("sample_batch_size", 5); // paces the samplers against the learner (see DdpgTest)
    c.put("target_network_update_freq", 4000);
    c.put("timesteps_per_iteration", 2000);
    c.put("min_iter_time_s", 1);
    c.put("gamma", 0.95);
    c.put("optimizer", Map.of("num_replay_buffer_shards", 2, "max_weight_sync_delay", 400));
    c.put("model", Map.of("fcnet_hiddens", List.of(64)));
    c.put("hiddens", List.of(64));
    c.put("seed", 1);
    return c;
  }

  @Test
  @Tag("learning")
  @SuppressWarnings("unchecked")
  void cartPoleReaches150() {
    long t0 = System.nanoTime();
    try (ApexTrainer t = new ApexTrainer(smallConfig(), "CartPole-v0")) {
      Map<String, Object> r = Map.of();
      for (int i = 0; i < 60; i++) {
        r = t.train();
        Map<String, Object> info = (Map<String, Object>) r.get("info");
        System.out.printf("APEX iter %d: %d steps, reward %.1f, trained %s, dropped %s, syncs %s, eps %s..%s%n", i + 1,
            ((Number) r.get("timesteps_total")).longValue(), r.get("episode_reward_mean"), info.get("num_steps_trained"),
            info.get("num_samples_dropped"), info.get("num_weight_syncs"), info.get("min_exploration"),
            info.get("max_exploration"));
        if (((Number) r.get("episode_reward_mean")).doubleValue() >= 150) {
          break;
        }
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("APEX: reward %.1f after %d steps, %.1f s%n", r.get("episode_reward_mean"),
          ((Number) r.get("timesteps_total")).longValue(), s);
      assertTrue(((Number) r.get("episode_reward_mean")).doubleValue() >= 150, r.toString());
      assertTrue(((Number) r.get("timesteps_total")).longValue() <= 200_000, "within 200k steps: " + r.get("timesteps_total"));
      Map<String, Object> info = (Map<String, Object>) r.get("info");
      assertEquals(0.4, ((Number) info.get("max_exploration")).doubleValue(), 1e-12);
      assertTrue(((Number) info.get("num_weight_syncs")).longValue() > 0);
      assertTrue(info.containsKey("replay_shard_0"), info.toString());
    }
  }

  @Test
  void configErrorsNameTheKeyBeforeAnyActorStarts() {
    ApexTrainer t = new ApexTrainer();
    var e = org.junit.jupiter.api.Assertions.assertThrows(io.tune4j.rllib.agents.ConfigException.class,
        () -> t.mergeConfig(Map.of("num_workers", 0)));
    assertTrue(e.getMessage().contains("AsyncReplayOptimizer needs 'num_workers' >= 1"), e.getMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(io.tune4j.rllib.agents.ConfigException.class,
        () -> t.mergeConfig(Map.of("optimizer", Map.of("num_replay_buffer_shard", 2))));
    assertTrue(e.getMessage().contains("unknown config key 'optimizer.num_replay_buffer_shard'"), e.getMessage());
    Map<String, Object> merged = t.mergeConfig(Map.of("num_workers", 4));
    assertEquals(true, merged.get("worker_side_prioritization"));
    assertEquals(500_000, merged.get("target_network_update_freq"));
    assertEquals(Map.of("max_weight_sync_delay", 400, "num_replay_buffer_shards", 4, "debug", false),
        merged.get("optimizer"));
    e = org.junit.jupiter.api.Assertions.assertThrows(io.tune4j.rllib.agents.ConfigException.class,
        () -> new DqnTrainer().mergeConfig(Map.of("optimizer", Map.of("max_weight_sync_delay", 10))));
    assertTrue(e.getMessage().contains("only read by AsyncReplayOptimizer"), e.getMessage());
  }

  @Test
  void workerSidePrioritiesAreAbsoluteTdErrorsPlusEpsilon() {
    Map<String, Object> c = DqnTest.config("worker_side_prioritization", true, "n_step", 1, "gamma", 0.9);
    DqnPolicy p = new DqnPolicy(DqnTest.OBS, new io.tune4j.rllib.env.Discrete(2), c);
    var b = p.postprocessTrajectory(DqnTest.fragment(4, 3), true);
    float[] w = b.floats(io.tune4j.rllib.optimizers.PrioritizedReplayBuffer.WEIGHTS);
    float[] td = p.computeTdError(b);
    for (int i = 0; i < 4; i++) {
      assertEquals(Math.abs(td[i]) + 1e-6, w[i], 1e-6);
    }
    DqnPolicy plain = new DqnPolicy(DqnTest.OBS, new io.tune4j.rllib.env.Discrete(2), DqnTest.config());
    float[] ones = plain.postprocessTrajectory(DqnTest.fragment(4, 3), true)
        .floats(io.tune4j.rllib.optimizers.PrioritizedReplayBuffer.WEIGHTS);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {1, 1, 1, 1}, ones);
  }
}
