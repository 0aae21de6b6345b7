package io.tune4j.rllib.agents.dqn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.CommonConfig;
import io.tune4j.rllib.agents.ConfigException;
import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.models.QNetworks;
import io.tune4j.rllib.optimizers.PrioritizedReplayBuffer;
import io.tune4j.rllib.optimizers.SyncReplayOptimizer;
import io.tune4j.rllib.policy.SampleBatch;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class DqnTest {
  static final Box OBS = new Box(new double[] {-1, -1, -1}, new double[] {1, 1, 1});

  static Map<String, Object> config(Object... kv) {
    Map<String, Object> c = new LinkedHashMap<>(CommonConfig.DEFAULTS);
    c.putAll(DqnConfig.DEFAULTS);
    c.put("model", Map.of("fcnet_hiddens", List.of(6)));
    c.put("hiddens", List.of(5));
    c.put("seed", 3L);
    for (int i = 0; i < kv.length; i += 2) {
      c.put((String) kv[i], kv[i + 1]);
    }
    return c;
  }

  static SampleBatch fragment(int n, int obsSize) {
    float[] obs = new float[n * obsSize];
    float[] newObs = new float[n * obsSize];
    float[] actions = new float[n];
    float[] rewards = new float[n];
    float[] dones = new float[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < obsSize; j++) {
        obs[i * obsSize + j] = i;
        newObs[i * obsSize + j] = i + 1;
      }
      actions[i] = i % 2;
      rewards[i] = i + 1;
    }
    dones[n - 1] = 1;
    return new SampleBatch().putFloats(SampleBatch.OBS, obsSize, obs).putFloats(SampleBatch.NEW_OBS, obsSize, newObs)
        .putFloats(SampleBatch.ACTIONS, 1, actions).putFloats(SampleBatch.REWARDS, 1, rewards)
        .putFloats(SampleBatch.DONES, 1, dones);
  }

  @Test
  void nStepPostprocessingSumsDiscountedRewardsAndPointsAtTheLaterObservation() {
    DqnPolicy p = new DqnPolicy(OBS, new Discrete(2), config("n_step", 3, "gamma", 0.5));
    SampleBatch b = p.postprocessTrajectory(fragment(5, 3), true);
    // rewards 1..5: r0 = 1 + .5*2 + .25*3 = 2.75; r3 = 4 + .5*5 = 6.5; r4 = 5
    assertArrayEquals(new float[] {2.75f, 4.5f, 6.25f, 6.5f, 5f}, b.floats(SampleBatch.REWARDS), 1e-6f);
    float[] newObs = b.floats(SampleBatch.NEW_OBS);
    assertEquals(3f, newObs[0], "row 0 bootstraps from new_obs of row 2");
    assertEquals(5f, newObs[3 * 3], "row 3 from row 4 (truncated at the end)");
    assertArrayEquals(new float[] {0, 0, 1, 1, 1}, b.floats(SampleBatch.DONES), "rows reaching the terminal step");
    // A fragment cut by the batch (or by the time limit, with no_done_at_end) is not terminal: every row bootstraps.
    SampleBatch cut = p.postprocessTrajectory(fragment(5, 3), false);
    assertArrayEquals(new float[5], cut.floats(SampleBatch.DONES));
  }

  @Test
  void lossGradientMatchesFiniteDifferencesWithImportanceWeightsAndDoubleQ() {
    DqnPolicy p = new DqnPolicy(OBS, new Discrete(3), config("n_step", 2, "gamma", 0.9, "grad_norm_clipping", null),
        DataType.DOUBLE);
    QNetworks q = p.qNetworks();
    Random r = new Random(5);
    float[] moved = q.params();
    for (int i = 0; i < moved.length; i++) {
      moved[i] += (float) (0.3 * r.nextGaussian());
    }
    q.setParams(moved); // online differs from target
    int n = 6;
    SampleBatch b = fragment(n, 3);
    float[] obs = b.floats(SampleBatch.OBS);
    for (int i = 0; i < obs.length; i++) {
      obs[i] = (float) r.nextGaussian();
    }
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.2f + i * 0.15f;
    }
    b.putFloats(PrioritizedReplayBuffer.WEIGHTS, 1, w);
    b.putLongs(PrioritizedReplayBuffer.BATCH_INDEXES, new long[n]); // replayed rows: weights are importance weights
    float[] rewards = b.floats(SampleBatch.REWARDS);
    for (int i = 0; i < n; i++) {
      rewards[i] = (float) (3 * r.nextGaussian()); // some |td| above and below Huber's delta
    }
    var g = p.computeGradients(b);
    float[] td = (float[]) g.stats().get(SyncReplayOptimizer.TD_ERROR);
    assertEquals(n, td.length);
    boolean small = false;
    boolean large = false;
    for (float t : td) {
      small |= Math.abs(t) < 1;
      large |= Math.abs(t) > 1;
    }
    assertTrue(small && large, "both Huber branches exercised: " + java.util.Arrays.toString(td));
    float[] p0 = q.params();
    double h = 1e-3;
    int informative = 0;
    for (int k = 0; k < p0.length; k++) {
      float[] x = p0.clone();
      x[k] += h;
      q.setParams(x);
      double up = meanTdLoss(p, b);
      x[k] = (float) (p0[k] - h);
      q.setParams(x);
      double dn = meanTdLoss(p, b);
      double fd = (up - dn) / (2 * h);
      assertEquals(fd, g.flat()[k], 2e-3 + 2e-2 * Math.abs(fd), "parameter " + k);
      informative += Math.abs(fd) > 1e-3 ? 1 : 0;
    }
    assertTrue(informative > p0.length / 3, "informative: " + informative + " of " + p0.length);
  }

  /** The loss recomputed from td errors (the target network is fixed). */
  private static double meanTdLoss(DqnPolicy p, SampleBatch b) {
    float[] td = (float[]) p.computeGradients(b).stats().get(SyncReplayOptimizer.TD_ERROR);
    float[] w = b.floats(PrioritizedReplayBuffer.WEIGHTS);
    double s = 0;
    for (int i = 0; i < td.length; i++) {
      double a = Math.abs(td[i]);
      s += w[i] * (a < 1 ? 0.5 * a * a : a - 0.5);
    }
    return s / td.length;
  }

  @Test
  void epsilonFollowsRllibsScheduleAndPerWorkerConstants() {
    Map<String, Object> c = config();
    assertEquals(1.0, DqnConfig.epsilon(c, 0, 0), 1e-12);
    assertEquals(0.51, DqnConfig.epsilon(c, 0, 5_000), 1e-12);
    assertEquals(0.02, DqnConfig.epsilon(c, 0, 20_000), 1e-12);
    Map<String, Object> apex = config("per_worker_exploration", true, "num_workers", 8);
    assertEquals(0.0, DqnConfig.epsilon(apex, 0, 0));
    assertEquals(0.4, DqnConfig.epsilon(apex, 1, 0), 1e-12);
    assertEquals(Math.pow(0.4, 8), DqnConfig.epsilon(apex, 8, 0), 1e-12);
  }

  @Test
  void greedyActionsAreTheArgmaxAndStateRoundTrips() {
    DqnPolicy p = new DqnPolicy(OBS, new Discrete(3), config());
    p.setEpsilon(0);
    float[] obs = {0.1f, -0.2f, 0.3f, 0.5f, 0.5f, -0.5f};
    var out = p.computeActions(obs, 2, true);
    float[] q = out.extras().get("q_values");
    for (int r = 0; r < 2; r++) {
      int best = 0;
      for (int j = 1; j < 3; j++) {
        best = q[r * 3 + j] > q[r * 3 + best] ? j : best;
      }
      assertEquals(best, (int) out.actions()[r]);
    }
    p.setEpsilon(1.0);
    int[] counts = new int[3];
    for (int i = 0; i < 300; i++) {
      counts[(int) p.computeActions(obs, 1, true).actions()[0]]++;
    }
    for (int c : counts) {
      assertTrue(c > 60, "uniform at epsilon 1: " + java.util.Arrays.toString(counts));
    }
    byte[] state = p.getState();
    DqnPolicy other = new DqnPolicy(OBS, new Discrete(3), config("seed", 9L));
    assertNotEquals(p.qNetworks().params()[0], other.qNetworks().params()[0]);
    other.setState(state);
    assertArrayEquals(p.qNetworks().params(), other.qNetworks().params());
    assertEquals(1.0, other.epsilon());
  }

  @Test
  void configErrorsNameTheKey() {
    DqnTrainer t = new DqnTrainer();
    ConfigException e = assertThrows(ConfigException.class, () -> t.mergeConfig(Map.of("num_atoms", 51)));
    assertTrue(e.getMessage().contains("'num_atoms' = 51 is not supported yet"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> t.mergeConfig(Map.of("n_stepp", 3)));
    assertTrue(e.getMessage().contains("did you mean 'n_step'"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> t.mergeConfig(Map.of("per_worker_exploration", true)));
    assertTrue(e.getMessage().contains("'num_workers' >= 2"), e.getMessage());
    assertEquals(6, t.mergeConfig(Map.of("n_step", 6)).get("sample_batch_size"), "sample batch covers n_step");
    IllegalArgumentException box = assertThrows(IllegalArgumentException.class,
        () -> new DqnPolicy(OBS, OBS, config()));
    assertTrue(box.getMessage().contains("DQN needs a Discrete action space"), box.getMessage());
  }

  @TempDir Path dir;

  @Test
  @Tag("ray")
  void trainerReportsRllibsInfoKeysSyncsTheTargetAndRestoresItsCounters() throws Exception {
    Map<String, Object> c = Map.of("learning_starts", 200, "timesteps_per_iteration", 500, "min_iter_time_s", 0,
        "target_network_update_freq", 200, "seed", 1, "model", Map.of("fcnet_hiddens", List.of(32)),
        "hiddens", List.of(32));
    Path ckpt;
    long updates;
    try (DqnTrainer t = new DqnTrainer(c, "CartPole-v0")) {
      t.train();
      Map<String, Object> r = t.train();
      @SuppressWarnings("unchecked")
      Map<String, Object> info = (Map<String, Object>) r.get("info");
      assertEquals(1000L, ((Number) r.get("timesteps_total")).longValue());
      assertEquals(1.0 - 500 * 0.98 / 10_000, ((Number) info.get("max_exploration")).doubleValue(), 1e-9);
      assertEquals(4L, info.get("num_target_updates"), "a sync every 200+ sampled steps: " + info);
      @SuppressWarnings("unchecked")
      Map<String, Object> learner = (Map<String, Object>) ((Map<String, Object>) info.get("learner")).get("default_policy");
      for (String k : List.of("cur_lr", "mean_q", "min_q", "max_q", "mean_td_error")) {
        assertTrue(learner.containsKey(k), k + " in " + learner);
      }
      assertTrue(!learner.containsKey("td_error"), "per-row td errors stay in the optimizer");
      for (String k : List.of("sample_time_ms", "replay_time_ms", "grad_time_ms", "update_time_ms", "num_steps_trained")) {
        assertTrue(info.containsKey(k), k + " in " + info);
      }
      // learning starts once 200 steps were sampled: steps 51..250 of 4 rows each learn on 32 rows
      assertEquals(200L * 32, ((Number) info.get("num_steps_trained")).longValue());
      updates = t.numTargetUpdates();
      ckpt = t.save(dir);
    }
    try (DqnTrainer t = new DqnTrainer(c, "CartPole-v0")) {
      t.restore(ckpt);
      assertEquals(updates, t.numTargetUpdates());
      Map<String, Object> r = t.evaluate();
      assertTrue(((Number) r.get("episodes_this_iter")).intValue() >= 1, r.toString());
    }
  }
}
