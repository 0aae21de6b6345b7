package io.tune4j.rllib.agents.ddpg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.CommonConfig;
import io.tune4j.rllib.agents.ConfigException;
import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.models.ActorCriticNetworks;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class DdpgTest {
  static final Box OBS = new Box(new double[] {-1, -1, -1}, new double[] {1, 1, 1});
  static final Box ACT = new Box(new double[] {-2, 0}, new double[] {2, 1});

  static Map<String, Object> config(Object... kv) {
    Map<String, Object> c = new LinkedHashMap<>(CommonConfig.DEFAULTS);
    c.putAll(DdpgConfig.DEFAULTS);
    c.put("actor_hiddens", List.of(5));
    c.put("critic_hiddens", List.of(6));
    c.put("seed", 3L);
    for (int i = 0; i < kv.length; i += 2) {
      c.put((String) kv[i], kv[i + 1]);
    }
    return c;
  }

  @Test
  void actorGradientIsTheGradientOfMinusMeanQThroughTheSquashedActions() {
    ActorCriticNetworks nets = new ActorCriticNetworks(3, ACT, List.of(5), "relu", List.of(6), "tanh", false, 1e-3,
        1e-3, new Random(1), DataType.DOUBLE);
    Random r = new Random(2);
    int n = 5;
    float[] obs = new float[n * 3];
    for (int i = 0; i < obs.length; i++) {
      obs[i] = (float) r.nextGaussian();
    }
    double loss = nets.actorGradient(obs, n);
    float[] g = nets.actor().gradient();
    float[] p0 = nets.actor().params();
    assertEquals(actorLoss(nets, obs, n), loss, 1e-5);
    double h = 1e-3;
    int informative = 0;
    for (int k = 0; k < p0.length; k++) {
      float[] p = p0.clone();
      p[k] += h;
      nets.actor().setParams(p);
      double up = actorLoss(nets, obs, n);
      p[k] = (float) (p0[k] - h);
      nets.actor().setParams(p);
      double dn = actorLoss(nets, obs, n);
      double fd = (up - dn) / (2 * h);
      assertEquals(fd, g[k], 1e-3 + 2e-2 * Math.abs(fd), "actor parameter " + k);
      informative += Math.abs(fd) > 1e-4 ? 1 : 0;
    }
    assertTrue(informative > p0.length / 3, "informative: " + informative + " of " + p0.length);
    nets.actor().setParams(p0);
    float[] a = nets.act(obs, n);
    for (int i = 0; i < a.length; i++) {
      int j = i % 2;
      assertTrue(a[i] > ACT.low()[j] && a[i] < ACT.high()[j], "squashed into the box: " + a[i]);
    }
  }

  private static double actorLoss(ActorCriticNetworks nets, float[] obs, int n) {
    float[] q = nets.q(nets.critic(), obs, nets.act(obs, n), n);
    double s = 0;
    for (float v : q) {
      s -= v;
    }
    return s / n;
  }

  @Test
  void explorationIsUniformFirstThenOuNoiseWithinTheBoxAndNoneWhenGreedy() {
    DdpgPolicy p = new DdpgPolicy(OBS, ACT, config("pure_exploration_steps", 100));
    float[] obs = {0.1f, 0.2f, 0.3f};
    double[] det = p.computeActions(obs, 1, false).actions();
    double[] uniform = p.computeActions(obs, 1, true).actions();
    assertTrue(Math.abs(uniform[0] - det[0]) > 1e-6, "pure exploration ignores the actor");
    p.onGlobalVarUpdate(100);
    double maxDev = 0;
    for (int i = 0; i < 200; i++) {
      double[] a = p.computeActions(obs, 1, true).actions();
      assertTrue(a[0] >= -2 && a[0] <= 2 && a[1] >= 0 && a[1] <= 1, java.util.Arrays.toString(a));
      maxDev = Math.max(maxDev, Math.abs(a[0] - det[0]));
    }
    assertTrue(maxDev > 0.01 && maxDev < 2.0, "OU noise of scale 0.1 x range: " + maxDev);
    p.setEpsilon(0);
    assertEquals(det[0], p.computeActions(obs, 1, true).actions()[0], 1e-6, "scale 0: deterministic");
  }

  @Test
  void noiseScaleSchedulesAndConfigErrors() {
    assertEquals(1.0, DdpgConfig.noiseScale(config(), 0, 50_000));
    Map<String, Object> anneal = config("exploration_should_anneal", true);
    assertEquals(1.0 - 0.5 * 0.98, DdpgConfig.noiseScale(anneal, 0, 5_000), 1e-12);
    DdpgTrainer t = new DdpgTrainer();
    ConfigException e = assertThrows(ConfigException.class, () -> t.mergeConfig(Map.of("parameter_noise", true)));
    assertTrue(e.getMessage().contains("'parameter_noise' = true is not supported yet"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> t.mergeConfig(Map.of("exploration_noise_type", "pink")));
    assertTrue(e.getMessage().contains("'exploration_noise_type' must be ou or gaussian"), e.getMessage());
    IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
        () -> new DdpgPolicy(OBS, new Discrete(2), config()));
    assertTrue(d.getMessage().contains("DDPG needs a Box action space"), d.getMessage());
  }

  @Test
  void learningMovesTheCriticTowardsTheTargetAndTheTargetByPolyak() {
    DdpgPolicy p = new DdpgPolicy(OBS, ACT, config("twin_q", true, "policy_delay", 2, "smooth_target_policy", true));
    int n = 16;
    Random r = new Random(4);
    float[] obs = new float[n * 3];
    float[] newObs = new float[n * 3];
    float[] act = new float[n * 2];
    float[] rew = new float[n];
    for (int i = 0; i < n * 3; i++) {
      obs[i] = (float) r.nextGaussian();
      newObs[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < n; i++) {
      act[2 * i] = (float) (4 * r.nextDouble() - 2);
      act[2 * i + 1] = (float) r.nextDouble();
      rew[i] = 1f;
    }
    SampleBatch b = new SampleBatch().putFloats(SampleBatch.OBS, 3, obs).putFloats(SampleBatch.NEW_OBS, 3, newObs)
        .putFloats(SampleBatch.ACTIONS, 2, act).putFloats(SampleBatch.REWARDS, 1, rew)
        .putFloats(SampleBatch.DONES, 1, new float[n]);
    float[] actor0 = p.networks().actor().params();
    double first = (double) p.learnOnBatch(b).get("critic_loss");
    assertTrue(!java.util.Arrays.equals(actor0, p.networks().actor().params()), "step 0: actor learns");
    float[] actor1 = p.networks().actor().params();
    p.learnOnBatch(b);
    assertTrue(java.util.Arrays.equals(actor1, p.networks().actor().params()), "policy_delay 2: step 1 skips the actor");
    double last = first;
    for (int i = 0; i < 200; i++) {
      last = (double) p.learnOnBatch(b).get("critic_loss");
    }
    assertTrue(last < first, "critic loss falls: " + first + " -> " + last);
    float[] before = p.computeTdError(b);
    p.updateTarget();
    float[] after = p.computeTdError(b);
    assertTrue(!java.util.Arrays.equals(before, after), "Polyak update moved the targets");
  }

  @Test
  @Tag("learning")
  @Tag("ray")
  void pendulumReachesRllibsRegressionBarWithTheTunedExampleNetworks() {
    // RLlib's regression test pendulum-ddpg.yaml (-900 within 100k steps) with the networks and replay
    // settings of its tuned example pendulum-ddpg.yaml ([64, 64], batch 64): the regression file's
    // [400, 300] networks reach the bar too (bench: -857.6 at 10k steps) but take 4 minutes here.
    Map<String, Object> c = new LinkedHashMap<>(Map.of("use_huber", true, "clip_rewards", false,
        "exploration_fraction", 0.1, "seed", 1));
    c.put("actor_hiddens", List.of(64, 64));
    c.put("critic_hiddens", List.of(64, 64));
    c.put("exploration_should_anneal", true);
    c.put("timesteps_per_iteration", 600);
    c.put("tau", 0.001);
    c.put("buffer_size", 10000);
    c.put("learning_starts", 500);
    c.put("train_batch_size", 64);
    long t0 = System.nanoTime();
    try (DdpgTrainer t = new DdpgTrainer(c, "Pendulum-v0")) {
      Map<String, Object> r = Map.of();
      while (true) {
        r = t.train();
        long steps = ((Number) r.get("timesteps_total")).longValue();
        double reward = ((Number) r.get("episode_reward_mean")).doubleValue();
        if (reward >= -900 || steps >= 100_000) {
          System.out.printf("DDPG Pendulum: reward %.1f after %d steps, %.1f s%n", reward, steps,
              (System.nanoTime() - t0) / 1e9);
          assertTrue(reward >= -900, "reward " + reward + " after " + steps + " steps");
          break;
        }
      }
    }
  }

  @Test
  @Tag("ray")
  @SuppressWarnings("unchecked")
  void apexDdpgRunsWithReplayShardsAndWorkerNoiseScales() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("num_workers", 2);
    c.put("learning_starts", 200);
    c.put("buffer_size", 5000);
    c.put("train_batch_size", 32);
    c.put("timesteps_per_iteration", 1000);
    c.put("min_iter_time_s", 0);
    c.put("actor_hiddens", List.of(16));
    c.put("critic_hiddens", List.of(16));
    c.put("optimizer", Map.of("num_replay_buffer_shards", 2));
    c.put("seed", 2);
    try (ApexDdpgTrainer t = new ApexDdpgTrainer(c, "Pendulum-v0")) {
      Map<String, Object> r = t.train();
      r = t.train();
      Map<String, Object> info = (Map<String, Object>) r.get("info");
      assertTrue(((Number) info.get("num_steps_trained")).longValue() > 0, info.toString());
      assertEquals(0.4, ((Number) info.get("max_exploration")).doubleValue(), 1e-12);
      assertEquals(0.0, ((Number) info.get("min_exploration")).doubleValue(), 1e-12, "the local worker does not explore");
      assertTrue(((Number) r.get("timesteps_total")).longValue() >= 2000);
    }
  }

  @Test
  @Tag("learning")
  @Tag("ray")
  @SuppressWarnings("unchecked")
  void apexDdpgPendulumReachesMinus900Within200kSteps() {
    // RLlib's pendulum-apex-ddpg.yaml settings (use_huber, clip_rewards false, tau 1.0 with a target
    // sync every target_network_update_freq trained rows) with APEX_DDPG's default n_step 3, on 2
    // workers and [64, 64] networks. Small sample calls (5 steps) pace the two samplers against the
    // one learner: with 20-step calls they outran it and needed 92k-218k steps.
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("num_workers", 2);
    c.put("use_huber", true);
    c.put("clip_rewards", false);
    c.put("n_step", 3);
    c.put("tau", 1.0);
    c.put("target_network_update_freq", 4000);
    c.put("learning_starts", 1000);
    c.put("buffer_size", 50_000);
    c.put("train_batch_size", 256);
    c.put("sample_batch_size", 5);
    c.put("timesteps_per_iteration", 2000);
    c.put("min_iter_time_s", 1);
    c.put("actor_hiddens", List.of(64, 64));
    c.put("critic_hiddens", List.of(64, 64));
    c.put("optimizer", Map.of("num_replay_buffer_shards", 2));
    c.put("seed", 1);
    long t0 = System.nanoTime();
    try (ApexDdpgTrainer t = new ApexDdpgTrainer(c, "Pendulum-v0")) {
      while (true) {
        Map<String, Object> r = t.train();
        long steps = ((Number) r.get("timesteps_total")).longValue();
        double reward = ((Number) r.get("episode_reward_mean")).doubleValue();
        System.out.printf("APEX_DDPG iter: %d steps, reward %.1f, trained %s, %.1f s%n", steps, reward,
            ((Map<String, Object>) r.get("info")).get("num_steps_trained"), (System.nanoTime() - t0) / 1e9);
        if (reward >= -900 || steps >= 200_000) {
          System.out.printf("APEX_DDPG Pendulum: reward %.1f after %d steps, %.1f s%n", reward, steps,
              (System.nanoTime() - t0) / 1e9);
          assertTrue(reward >= -900, "reward " + reward + " after " + steps + " steps");
          break;
        }
      }
    }
  }
}
