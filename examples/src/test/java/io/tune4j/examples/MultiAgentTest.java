package io.tune4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.ConfigException;
import io.tune4j.rllib.agents.dqn.DqnTrainer;
import io.tune4j.rllib.agents.ppo.PpoTrainer;
import io.tune4j.rllib.env.MultiAgentEnvCreator;
import io.tune4j.rllib.policy.PolicySpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multi-agent training: two PPO policies over four CartPole agents. */
class MultiAgentTest {
  @TempDir Path dir;

  @Test
  @Tag("learning")
  @SuppressWarnings("unchecked")
  void twoPpoPoliciesEachReach150PerAgentWithin200kEnvSteps() {
    Map<String, Object> config = MultiAgentCartPoleExample.config(4, "");
    config.put("seed", 1);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    Map<String, Object> last = MultiAgentCartPoleExample.train(config, 100, 150, new PrintStream(log, true));
    double s = (System.nanoTime() - t0) / 1e9;
    Map<String, Double> rewards = (Map<String, Double>) last.get("policy_reward_mean");
    long steps = ((Number) last.get("timesteps_total")).longValue();
    System.out.printf("MULTI-AGENT: %s after %d env steps (%d agent steps), %.1f s%n", rewards, steps, 4 * steps, s);
    assertTrue(rewards.get("ppo_a") >= 150 && rewards.get("ppo_b") >= 150, rewards + "\n" + log);
    assertTrue(steps <= 200_000, steps + " env steps");
    Map<String, Object> learner = (Map<String, Object>) ((Map<String, Object>) last.get("info")).get("learner");
    assertEquals(java.util.Set.of("ppo_a", "ppo_b"), learner.keySet(), "learner stats per policy");
    // the episode reward sums the agents' rewards
    assertTrue((double) last.get("episode_reward_mean") > 3 * 150, last.get("episode_reward_mean").toString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void policiesToTrainLeavesTheOtherPolicyBitIdenticalAndCheckpointsHoldBoth() throws Exception {
    Map<String, Object> config = MultiAgentCartPoleExample.config(2, "ppo_a");
    config.put("seed", 2);
    config.put("train_batch_size", 400);
    config.put("sgd_minibatch_size", 200);
    config.put("num_envs_per_worker", 1);
    config.put("num_workers", 1);
    Path ckpt;
    byte[] a1;
    byte[] b0;
    try (PpoTrainer t = new PpoTrainer(config, null)) {
      byte[] a0 = t.getPolicy("ppo_a").getWeights();
      b0 = t.getPolicy("ppo_b").getWeights();
      Map<String, Object> r = t.train();
      a1 = t.getPolicy("ppo_a").getWeights();
      assertFalse(java.util.Arrays.equals(a0, a1), "ppo_a learned");
      assertArrayEquals(b0, t.getPolicy("ppo_b").getWeights(), "ppo_b is not in policies_to_train");
      Map<String, Double> rewards = (Map<String, Double>) r.get("policy_reward_mean");
      assertEquals(java.util.Set.of("ppo_a", "ppo_b"), rewards.keySet(), r.toString());
      Map<String, Object> learner = (Map<String, Object>) ((Map<String, Object>) r.get("info")).get("learner");
      assertEquals(java.util.Set.of("ppo_a"), learner.keySet());
      // weights go out at the start of each step: the remote worker has both policies as they were then
      List<byte[]> remote = t.workers().foreachPolicy((p, id) -> p.getWeights());
      assertEquals(4, remote.size(), "2 policies x (local + 1 remote)");
      assertArrayEquals(a0, remote.get(2));
      assertArrayEquals(b0, remote.get(3));
      Object action = t.computeAction(new double[] {0, 0, 0, 0}, "ppo_b", false);
      assertTrue(action instanceof Integer, String.valueOf(action));
      IllegalStateException e = assertThrows(IllegalStateException.class, t::getPolicy);
      assertTrue(e.getMessage().contains("[ppo_a, ppo_b]"), e.getMessage());
      ckpt = t.save(dir);
    }
    Map<String, Object> fresh = MultiAgentCartPoleExample.config(2, "ppo_a");
    fresh.put("seed", 9);
    try (PpoTrainer t = new PpoTrainer(fresh, null)) {
      t.restore(ckpt);
      assertArrayEquals(a1, t.getPolicy("ppo_a").getWeights());
      assertArrayEquals(b0, t.getPolicy("ppo_b").getWeights());
    }
  }

  @Test
  void badMultiagentConfigsNameTheKey() {
    Map<String, Object> config = new LinkedHashMap<>(MultiAgentCartPoleExample.config(2, ""));
    Map<String, Object> ma = new LinkedHashMap<>((Map<String, Object>) config.get("multiagent"));
    ma.put("policies_to_train", List.of("ppo_c"));
    config.put("multiagent", ma);
    ConfigException e = assertThrows(ConfigException.class, () -> new PpoTrainer().mergeConfig(config));
    assertTrue(e.getMessage().contains("'multiagent.policies_to_train' names 'ppo_c'"), e.getMessage());
    ma.remove("policies_to_train");
    ma.remove("policy_mapping_fn");
    e = assertThrows(ConfigException.class, () -> new PpoTrainer().mergeConfig(config));
    assertTrue(e.getMessage().contains("'multiagent.policy_mapping_fn' must be a PolicyMapping"), e.getMessage());
    ma.put("policies", Map.of("p", "PPOPolicy"));
    e = assertThrows(ConfigException.class, () -> new PpoTrainer().mergeConfig(config));
    assertTrue(e.getMessage().contains("'multiagent.policies.p' must be a PolicySpec"), e.getMessage());
    Map<String, Object> dqn = new LinkedHashMap<>();
    dqn.put("env", (MultiAgentEnvCreator) ctx -> new MultiAgentCartPole(2));
    dqn.put("multiagent", Map.of("policies", Map.of("q", PolicySpec.of(Map.of())),
        "policy_mapping_fn", (io.tune4j.rllib.policy.PolicyMapping) agent -> "q"));
    e = assertThrows(ConfigException.class, () -> new DqnTrainer(dqn, null));
    assertTrue(e.getMessage().contains("DQN does not support multi-agent envs yet"), e.getMessage());
  }
}
