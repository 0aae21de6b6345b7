package io.tune4j.rllib.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.pg.PgTrainer;
import io.tune4j.rllib.agents.ppo.PpoTrainer;
import io.tune4j.rllib.env.VectorEnv;
import io.tune4j.rllib.evaluation.Episode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Trainer API on real CartPole with real rollout-worker actors (Ray LOCAL mode). */
@Tag("ray")
class TrainerTest {
  @TempDir Path dir;

  private static Map<String, Object> small() {
    Map<String, Object> c = new HashMap<>();
    c.put("num_workers", 1);
    c.put("train_batch_size", 400);
    c.put("sample_batch_size", 100);
    c.put("sgd_minibatch_size", 100);
    c.put("num_sgd_iter", 2);
    c.put("model", Map.of("fcnet_hiddens", List.of(16, 16)));
    c.put("seed", 7);
    return c;
  }

  @Test
  void trainReturnsRllibResultKeys() throws Exception {
    PpoTrainer t = new PpoTrainer(small(), "CartPole-v0");
    try {
      Map<String, Object> r = t.train();
      assertEquals(400L, r.get("timesteps_this_iter"));
      assertEquals(400L, r.get("timesteps_total"));
      assertTrue(r.containsKey("episode_reward_mean") && r.containsKey("episode_len_mean"));
      assertTrue(r.containsKey("episodes_this_iter") && r.containsKey("sampler_perf"));
      @SuppressWarnings("unchecked")
      Map<String, Object> learner = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) r.get("info")).get("learner")).get("default_policy");
      for (String k : List.of("cur_kl_coeff", "cur_lr", "total_loss", "policy_loss", "vf_loss", "vf_explained_var", "kl", "entropy")) {
        assertNotNull(learner.get(k), k + " in " + learner);
      }
      Map<String, Object> r2 = t.train();
      assertEquals(800L, r2.get("timesteps_total"));
      assertEquals(2L, r2.get("training_iteration"));
      String pretty = Trainer.prettyPrint(r2);
      assertTrue(pretty.contains("episode_reward_mean: ") && pretty.contains("  learner:\n"), pretty);
    } finally {
      t.shutdown();
    }
  }

  @Test
  void foreachWorkerReturnsOneValuePerWorkerAndWeightsAgreeAfterSync() throws Exception {
    Map<String, Object> c = small();
    c.put("num_workers", 2);
    PpoTrainer t = new PpoTrainer(c, "CartPole-v0");
    try {
      t.train();
      t.workers().syncWeights();
      List<byte[]> weights = t.workers().foreachWorker(w -> w.getPolicy().getWeights());
      assertEquals(3, weights.size());
      assertArrayEquals(weights.get(0), weights.get(1));
      assertArrayEquals(weights.get(0), weights.get(2));
      assertArrayEquals(t.getPolicy().getWeights(), weights.get(0));
      List<Integer> ids = t.workers().foreachWorker(w -> System.identityHashCode(w));
      assertEquals(3, new java.util.HashSet<>(ids).size(), "three distinct workers: " + ids);
      List<Integer> idx = t.workers().foreachWorkerWithIndex((w, i) -> i);
      assertEquals(List.of(0, 1, 2), idx);
      List<Integer> envs = t.workers().foreachWorker(w -> {
        int[] n = {0};
        w.foreachEnv(e -> n[0]++);
        return n[0];
      });
      assertEquals(List.of(1, 1, 1), envs);
    } finally {
      t.shutdown();
    }
  }

  @Test
  void saveThenRestoreIntoAFreshTrainerGivesTheSameActions() throws Exception {
    Map<String, Object> c = small();
    c.put("observation_filter", "MeanStdFilter");
    PpoTrainer a = new PpoTrainer(c, "CartPole-v0");
    PpoTrainer b = null;
    try {
      a.train();
      a.train();
      Path ckpt = a.save(dir);
      assertTrue(Files.exists(ckpt) && ckpt.getFileName().toString().equals("checkpoint-2"), ckpt.toString());
      Map<String, Object> c2 = small();
      c2.put("observation_filter", "MeanStdFilter");
      c2.put("seed", 99);
      b = new PpoTrainer(c2, "CartPole-v0");
      b.restore(ckpt);
      Random rng = new Random(3);
      for (int i = 0; i < 10; i++) {
        double[] obs = {rng.nextGaussian() * 0.1, rng.nextGaussian() * 0.1, rng.nextGaussian() * 0.05, rng.nextGaussian() * 0.1};
        assertEquals(a.computeAction(obs, false), b.computeAction(obs, false), "observation " + i);
      }
      assertEquals(2L, b.iteration());
      Map<String, Object> r = b.train();
      assertEquals(1200L, r.get("timesteps_total"));
    } finally {
      a.shutdown();
      if (b != null) {
        b.shutdown();
      }
    }
  }

  @Test
  void aCorruptOrForeignCheckpointGetsAClearError() throws Exception {
    PgTrainer pg = new PgTrainer(Map.of("num_workers", 0, "train_batch_size", 100), "CartPole-v0");
    PpoTrainer ppo = new PpoTrainer(small(), "CartPole-v0");
    try {
      pg.train();
      Path ckpt = pg.save(dir);
      Exception e = assertThrows(IllegalArgumentException.class, () -> ppo.restore(ckpt));
      assertTrue(e.getMessage().contains("written by PG") && e.getMessage().contains("--run PG"), e.getMessage());
      byte[] bytes = Files.readAllBytes(ckpt);
      bytes[bytes.length / 2] ^= 0x5a;
      Path bad = Files.write(dir.resolve("bad"), bytes);
      Exception e2 = assertThrows(io.tune4j.tune.TrainableException.class, () -> pg.restore(bad));
      assertTrue(e2.getCause() instanceof java.io.IOException, String.valueOf(e2.getCause()));
      assertTrue(e2.getMessage().contains("corrupt checkpoint") && e2.getMessage().contains(bad.toString()), e2.getMessage());
      Path junk = Files.writeString(dir.resolve("junk"), "hello");
      Exception e3 = assertThrows(io.tune4j.tune.TrainableException.class, () -> pg.restore(junk));
      assertTrue(e3.getMessage().contains("not a Tune4j trainer checkpoint"), e3.getMessage());
    } finally {
      pg.shutdown();
      ppo.shutdown();
    }
  }

  /** The seed page's pole-angle callbacks. */
  public static class PoleAngleCallbacks implements Callbacks {
    @Override
    @SuppressWarnings("unchecked")
    public void onEpisodeStart(Episode episode, VectorEnv env) {
      episode.userData().put("pole_angles", new java.util.ArrayList<Double>());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onEpisodeStep(Episode episode, VectorEnv env) {
      ((List<Double>) episode.userData().get("pole_angles")).add(Math.abs(episode.lastRawObsFor()[2]));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onEpisodeEnd(Episode episode, VectorEnv env) {
      List<Double> a = (List<Double>) episode.userData().get("pole_angles");
      episode.customMetrics().put("pole_angle", a.stream().mapToDouble(d -> d).average().orElse(0));
    }

    @Override
    public void onTrainResult(Trainer trainer, Map<String, Object> result) {
      result.put("callback_saw", result.get("episodes_this_iter"));
    }
  }

  @Test
  void customMetricsFromCallbacksAppearInTheResult() throws Exception {
    Map<String, Object> c = new HashMap<>(Map.of("num_workers", 1, "train_batch_size", 400));
    c.put("callbacks", new PoleAngleCallbacks());
    PgTrainer t = new PgTrainer(c, "CartPole-v0");
    try {
      Map<String, Object> r = t.train();
      @SuppressWarnings("unchecked")
      Map<String, Object> cm = (Map<String, Object>) r.get("custom_metrics");
      double mean = ((Number) cm.get("pole_angle_mean")).doubleValue();
      assertTrue(mean > 0 && mean < 0.21, "pole angle mean " + mean);
      assertTrue(((Number) cm.get("pole_angle_min")).doubleValue() <= mean);
      assertEquals(r.get("episodes_this_iter"), r.get("callback_saw"));
      assertTrue(r.containsKey("info") && ((Map<?, ?>) ((Map<?, ?>) r.get("info")).get("learner")).containsKey("policy_loss"),
          "PG learner stats are flat: " + r.get("info"));
    } finally {
      t.shutdown();
    }
  }

  @Test
  void meanStdFiltersAreSyncedFromWorkersToDriverAndBack() throws Exception {
    Map<String, Object> c = small();
    c.put("num_workers", 2);
    c.put("observation_filter", "MeanStdFilter");
    PpoTrainer t = new PpoTrainer(c, "CartPole-v0");
    try {
      t.train();
      List<byte[]> states = t.workers().foreachWorker(w -> w.filter().getState());
      assertArrayEquals(states.get(0), states.get(1));
      assertArrayEquals(states.get(0), states.get(2));
      float[] probe = {0.1f, 0.2f, 0.01f, -0.3f};
      float[] copy = probe.clone();
      t.workers().localWorker().filter().apply(copy, 0, false);
      assertTrue(copy[0] != probe[0], "driver filter has absorbed the workers' 800 observations");
    } finally {
      t.shutdown();
    }
  }

  @Test
  void configErrorsNameKeysTypesAndBothValuesOfACrossKeyCheck() {
    Exception unknown = assertThrows(IllegalArgumentException.class,
        () -> new PpoTrainer(Map.of("sgd_batchsize", 64), "CartPole-v0"));
    assertTrue(unknown.getMessage().contains("unknown config key 'sgd_batchsize'")
        && unknown.getMessage().contains("did you mean 'sgd_minibatch_size'"), unknown.getMessage());
    Exception type = assertThrows(IllegalArgumentException.class,
        () -> new PpoTrainer(Map.of("num_workers", "two"), "CartPole-v0"));
    assertEquals("PPO: config key 'num_workers' must be an integer, got 'two' (String)", type.getMessage());
    Exception cross = assertThrows(IllegalArgumentException.class,
        () -> new PpoTrainer(Map.of("sgd_minibatch_size", 512, "train_batch_size", 256, "num_workers", 0), "CartPole-v0"));
    assertTrue(cross.getMessage().contains("512") && cross.getMessage().contains("256"), cross.getMessage());
    Exception env = assertThrows(IllegalArgumentException.class,
        () -> new PgTrainer(Map.of("num_workers", 0), "CartPol-v0"));
    assertTrue(env.getMessage().contains("CartPole-v0"), env.getMessage());
  }

  @Test
  void defaultResourceRequestReservesTheWorkers() {
    var r = new PpoTrainer().defaultResourceRequest(Map.of("num_workers", 3, "num_gpus", 0.5));
    assertEquals(1.0, r.cpu());
    assertEquals(3.0, r.extraCpu());
    assertEquals(0.5, r.gpu());
  }

  @Test
  @SuppressWarnings("unchecked")
  void evaluationRunsItsEpisodesAndReportsThemUnderEvaluation() throws Exception {
    Map<String, Object> c = small();
    c.put("evaluation_interval", 1);
    c.put("evaluation_num_episodes", 3);
    c.put("evaluation_config", Map.of("batch_mode", "truncate_episodes"));
    PpoTrainer t = new PpoTrainer(c, "CartPole-v0");
    try {
      Map<String, Object> r = t.train();
      Map<String, Object> ev = (Map<String, Object>) r.get("evaluation");
      assertNotNull(ev, "evaluation results: " + r.keySet());
      assertEquals(3, ((Number) ev.get("episodes_this_iter")).intValue());
      double mean = ((Number) ev.get("episode_reward_mean")).doubleValue();
      assertTrue(mean >= 8 && mean <= 200, "evaluation reward " + mean);
    } finally {
      t.shutdown();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void tuneRunsAPpoSweepWhoseTrialsEachOwnRolloutWorkers() {
    Map<String, Object> c = small();
    c.put("env", "CartPole-v0");
    c.put("lr", io.tune4j.tune.Tune.gridSearch(0.01, 0.001));
    var a = io.tune4j.tune.Tune.run(io.tune4j.tune.RunOptions.of("PPO").config(c).localDir(dir).verbose(0)
        .rayNumCpus(4).stop(Map.of("training_iteration", 1)));
    assertEquals(2, a.trials().size());
    for (var t : a.trials()) {
      assertEquals("TERMINATED", t.status());
      assertTrue(t.name().startsWith("PPO_CartPole-v0_"), t.name());
      Map<String, Object> learner = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) t.lastResult().get("info")).get("learner")).get("default_policy");
      assertEquals(((Number) t.config().get("lr")).doubleValue(), ((Number) learner.get("cur_lr")).doubleValue(), 1e-12);
      assertEquals(1, ((Number) t.lastResult().get("num_healthy_workers")).intValue());
    }
  }

  @Test
  void theSameSeedGivesTheSameResultsWithRemoteWorkers() throws Exception {
    List<List<Object>> runs = new java.util.ArrayList<>();
    for (int run = 0; run < 2; run++) {
      Map<String, Object> c = small();
      c.put("num_workers", 2);
      PpoTrainer t = new PpoTrainer(c, "CartPole-v0");
      List<Object> seen = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 2; i++) {
          Map<String, Object> r = t.train();
          seen.add(r.get("episode_reward_mean"));
          seen.add(r.get("episodes_this_iter"));
          seen.add(((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) r.get("info")).get("learner")).get("default_policy")).get("total_loss"));
        }
      } finally {
        t.shutdown();
      }
      runs.add(seen);
    }
    assertEquals(runs.get(0), runs.get(1));
  }

  @Test
  @SuppressWarnings("unchecked")
  void restoringIntoATrainerWithANewLrUsesTheNewLr() throws Exception {
    PpoTrainer a = new PpoTrainer(small(), "CartPole-v0");
    PpoTrainer b = null;
    try {
      a.train();
      Path ckpt = a.save(dir);
      Map<String, Object> c = small();
      c.put("lr", 1e-3);
      b = new PpoTrainer(c, "CartPole-v0");
      b.restore(ckpt);
      Map<String, Object> r = b.train();
      Map<String, Object> learner = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) r.get("info")).get("learner")).get("default_policy");
      assertEquals(1e-3, ((Number) learner.get("cur_lr")).doubleValue(), 1e-12);
    } finally {
      a.shutdown();
      if (b != null) {
        b.shutdown();
      }
    }
  }
}
