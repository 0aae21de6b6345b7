package io.tune4j.rllib.agents.es;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.CheckpointRestore;
import io.tune4j.rllib.agents.ConfigException;
import io.tune4j.rllib.agents.CommonConfig;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ES: the noise table, centred ranks, reproducible workers, RLlib's CartPole bar, checkpoints. */
class EsTest {

  @Test
  void theNoiseTableIsTheSameForASeedAndStandardNormal() {
    NoiseTable a = NoiseTable.create(3_000_000, NoiseTable.SEED);
    NoiseTable b = NoiseTable.decode(NoiseTable.create(3_000_000, NoiseTable.SEED).encode());
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i), b.get(i), "noise[" + i + "]");
      sum += a.get(i);
      sq += (double) a.get(i) * a.get(i);
    }
    assertEquals(0, sum / a.size(), 0.005);
    assertEquals(1, sq / a.size(), 0.005);
    assertNotEquals(a.get(17), NoiseTable.create(3_000_000, 124).get(17));
    // Indices drawn with one seed repeat; every slice fits.
    Random r1 = new Random(5);
    Random r2 = new Random(5);
    for (int i = 0; i < 100; i++) {
      int k = a.sampleIndex(r1, 1000);
      assertEquals(k, a.sampleIndex(r2, 1000));
      assertTrue(k >= 0 && k + 1000 <= a.size());
    }
  }

  @Test
  void centeredRanksSpanMinusHalfToHalf() {
    assertArrayEquals(new float[] {0f, -0.5f, 0.5f, 0.25f, -0.25f},
        EsOptimizer.centeredRanks(new float[] {3f, -10f, 50f, 7f, 1f}), 1e-6f);
  }

  @Test
  void workersWithOneSeedDrawTheSameNoiseIndicesAndReturns() {
    Map<String, Object> c = new HashMap<>(CommonConfig.merge("ES", EsConfig.DEFAULTS,
        Map.of("env", "CartPole-v0", "seed", 11, "noise_size", 1_000_000, "eval_prob", 0.0)));
    NoiseTable table = NoiseTable.create(1_000_000, NoiseTable.SEED);
    byte[] bytes = table.encode();
    EsWorker w1 = new EsWorker();
    EsWorker w2 = new EsWorker();
    w1.setup(bytes, new EsWorker.Setup(c, 1, "test-noise-a"));
    w2.setup(bytes, new EsWorker.Setup(c, 1, "test-noise-b"));
    EsPolicy p = new EsPolicy(new io.tune4j.rllib.env.Box(new double[] {-10, -10, -10, -10}, new double[] {10, 10, 10, 10}), new io.tune4j.rllib.env.Discrete(2), c);
    float[] theta = p.params();
    ByteBuffer bb = ByteBuffer.allocate(4 * theta.length);
    bb.asFloatBuffer().put(theta);
    EsWorker.Result r1 = EsWorker.Result.decode(w1.doRollouts(bb.array(), 5));
    EsWorker.Result r2 = EsWorker.Result.decode(w2.doRollouts(bb.array(), 5));
    int n = r1.noiseIndices().length;
    assertEquals(5, n, "5 antithetic pairs");
    assertArrayEquals(Arrays.copyOf(r1.noiseIndices(), n), Arrays.copyOf(r2.noiseIndices(), n));
    assertArrayEquals(Arrays.copyOf(r1.returns(), 2 * n), Arrays.copyOf(r2.returns(), 2 * n));
    w1.close();
    w2.close();
    NoiseTable.unshare("test-noise-a");
    NoiseTable.unshare("test-noise-b");
  }

  @Test
  @Tag("learning")
  @Tag("ray")
  void esCartPoleReaches75Within400kSteps() {
    // RLlib's cartpole-es.yaml.
    Map<String, Object> c = new LinkedHashMap<>(Map.of("num_workers", 2, "noise_size", 25_000_000,
        "episodes_per_batch", 50, "seed", 1));
    try (EsTrainer t = new EsTrainer(c, "CartPole-v0")) {
      io.tune4j.rllib.agents.TrainUntil.Run run = io.tune4j.rllib.agents.TrainUntil.bar(t, 75, 400_000);
      double reward = run.reward();
      long steps = run.steps();
      Map<String, Object> r = run.last();
      System.out.printf("ES CartPole: reward %.1f after %d steps, %.1f s%n", reward, steps, run.seconds());
      assertTrue(reward >= 75, "reward " + reward + " after " + steps + " steps");
      assertTrue(r.keySet().containsAll(java.util.List.of("episode_reward_mean", "episode_len_mean",
          "timesteps_this_iter", "info")), r.keySet().toString());
      @SuppressWarnings("unchecked")
      Map<String, Object> info = (Map<String, Object>) r.get("info");
      assertTrue(info.keySet().containsAll(java.util.List.of("weights_norm", "grad_norm", "update_ratio",
          "episodes_this_iter", "episodes_so_far")), info.keySet().toString());
      assertTrue(((Number) info.get("episodes_this_iter")).longValue() >= 50, info.toString());
    }
  }

  @Test
  @Tag("ray")
  void aCheckpointRestoresTheSameActions(@TempDir Path dir) {
    Map<String, Object> c = Map.of("num_workers", 1, "noise_size", 2_000_000, "episodes_per_batch", 10,
        "train_batch_size", 500, "seed", 2, "model", Map.of("fcnet_hiddens", java.util.List.of(16)));
    CheckpointRestore.assertSameActions(() -> new EsTrainer(c, "CartPole-v0"), 2, dir);
  }

  @Test
  void configErrorsNameTheKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> new EsTrainer().mergeConfig(Map.of("num_workers", 0)));
    assertTrue(e.getMessage().contains("'num_workers' must be >= 1"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> new EsTrainer().mergeConfig(Map.of("return_proc_mode", "sign")));
    assertTrue(e.getMessage().contains("'return_proc_mode'"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> new EsTrainer().mergeConfig(Map.of("eval_prob", 1.5)));
    assertTrue(e.getMessage().contains("'eval_prob'"), e.getMessage());
    assertEquals(250_000_000, new EsTrainer().mergeConfig(Map.of()).get("noise_size"));
  }
}
