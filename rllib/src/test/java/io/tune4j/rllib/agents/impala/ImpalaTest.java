package io.tune4j.rllib.agents.impala;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.CheckpointRestore;
import io.tune4j.rllib.agents.ConfigException;
import io.tune4j.rllib.policy.SampleBatch;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IMPALA: V-trace by hand, batch segmentation, the CartPole bar, checkpoints and config errors. */
class ImpalaTest {

  @Test
  void vtraceMatchesAHandComputedThreeStepExample() {
    // ρ = (2, 0.5, 1) clipped at 1: ρ̄ = (1, 0.5, 1), c = (1, 0.5, 1); γ = 0.9; V(s_3) = 2.
    // δ_2 = 2 + 0.9·2 − 1.5 = 2.3                     v_2 = 1.5 + 2.3 = 3.8
    // δ_1 = 0.5·(0 + 0.9·1.5 − 1) = 0.175; v_1 − V = 0.175 + 0.9·0.5·2.3 = 1.21; v_1 = 2.21
    // δ_0 = 1 + 0.9·1 − 0.5 = 1.4; v_0 − V = 1.4 + 0.9·1·1.21 = 2.489; v_0 = 2.989
    // A_0 = 1 + 0.9·2.21 − 0.5 = 2.489; A_1 = 0.5·(0.9·3.8 − 1) = 1.21; A_2 = 2 + 0.9·2 − 1.5 = 2.3
    float[] vs = new float[3];
    float[] adv = new float[3];
    VTrace.fromImportanceWeights(
        new float[] {(float) Math.log(2), (float) Math.log(0.5), 0f}, new float[] {0.9f, 0.9f, 0.9f},
        new float[] {1f, 0f, 2f}, new float[] {0.5f, 1.0f, 1.5f}, 2.0f, 1.0, 1.0, vs, adv);
    assertArrayEquals(new float[] {2.989f, 2.21f, 3.8f}, vs, 1e-5f);
    assertArrayEquals(new float[] {2.489f, 1.21f, 2.3f}, adv, 1e-5f);
  }

  @Test
  void onPolicyVtraceIsTheBootstrappedReturnAndEpisodeEndsCutTheBootstrap() {
    float[] vs = new float[3];
    float[] adv = new float[3];
    // On-policy (log ρ = 0): v_t = Σ γ^k r_{t+k} + γ^{T−t} V(s_T); the episode ends at t = 2, so V(s_3) drops out.
    VTrace.fromImportanceWeights(new float[3], new float[] {0.5f, 0.5f, 0f}, new float[] {1f, 2f, 4f},
        new float[] {7f, -3f, 11f}, 100f, 1.0, 1.0, vs, adv);
    assertArrayEquals(new float[] {1 + 0.5f * 2 + 0.25f * 4, 2 + 0.5f * 4, 4}, vs, 1e-5f);
    assertArrayEquals(new float[] {vs[0] - 7f, vs[1] + 3f, vs[2] - 11f}, adv, 1e-5f);
  }

  @Test
  void segmentsBreakAtEpisodeEndsOtherEpisodesAndTimeGaps() {
    SampleBatch b = new SampleBatch()
        .putLongs(SampleBatch.EPS_ID, new long[] {1, 1, 1, 2, 2, 3, 3, 3})
        .putLongs(SampleBatch.T, new long[] {0, 1, 2, 0, 1, 5, 6, 9})
        .putFloats(SampleBatch.DONES, 1, new float[] {0, 1, 0, 0, 0, 0, 0, 0});
    // rows 0-1 end with done; row 2 continues episode 1 in the batch layout but after the end;
    // episode 2 is rows 3-4; episode 3 jumps from t=6 to t=9 at row 7.
    assertArrayEquals(new int[] {0, 2, 3, 5, 7, 8}, VTrace.segmentStarts(b));
  }

  @Test
  @Tag("learning")
  @Tag("ray")
  void impalaCartPoleReaches100Within200kSteps() {
    // RLlib's IMPALA defaults (2 workers, 50-step fragments, 500-step train batches), 5 envs per
    // worker, with 5,000-step iterations instead of 10-second ones so the bar is checked often.
    Map<String, Object> c = new LinkedHashMap<>(Map.of("num_envs_per_worker", 5, "seed", 1,
        "min_iter_time_s", 0, "timesteps_per_iteration", 5000));
    try (ImpalaTrainer t = new ImpalaTrainer(c, "CartPole-v0")) {
      io.tune4j.rllib.agents.TrainUntil.Run run = io.tune4j.rllib.agents.TrainUntil.bar(t, 100, 200_000);
      double reward = run.reward();
      long steps = run.steps();
      Map<String, Object> r = run.last();
      System.out.printf("IMPALA CartPole: reward %.1f after %d steps, %.1f s%n", reward, steps, run.seconds());
      assertTrue(reward >= 100, "reward " + reward + " after " + steps + " steps");
      @SuppressWarnings("unchecked")
      Map<String, Object> info = (Map<String, Object>) r.get("info");
      @SuppressWarnings("unchecked")
      Map<String, Object> learner = (Map<String, Object>) info.get("learner");
      for (String k : new String[] {"cur_lr", "policy_loss", "entropy", "grad_gnorm", "var_gnorm", "vf_loss",
          "vf_explained_var"}) {
        assertTrue(learner.containsKey(k), "info/learner/" + k + " in " + learner.keySet());
      }
      assertTrue(info.containsKey("learner_queue") && info.containsKey("timing_breakdown"), info.keySet().toString());
      assertTrue(((Number) info.get("num_weight_broadcasts")).longValue() > 0, info.toString());
    }
  }

  @Test
  @Tag("ray")
  void aCheckpointRestoresTheSameActions(@TempDir Path dir) {
    Map<String, Object> c = Map.of("num_workers", 1, "seed", 3, "min_iter_time_s", 0, "timesteps_per_iteration", 1000);
    CheckpointRestore.assertSameActions(() -> new ImpalaTrainer(c, "CartPole-v0"), 2, dir);
  }

  @Test
  @Tag("ray")
  void withoutVtraceItTrainsOnA3cAdvantagesAndReplayMixesOldBatches() {
    Map<String, Object> c = Map.of("num_workers", 1, "seed", 3, "min_iter_time_s", 0, "timesteps_per_iteration", 2000,
        "vtrace", false, "replay_buffer_num_slots", 20, "replay_proportion", 1.0, "num_sgd_iter", 2,
        "minibatch_buffer_size", 2);
    try (ImpalaTrainer t = new ImpalaTrainer(c, "CartPole-v0")) {
      Map<String, Object> info = null;
      for (int i = 0; i < 2; i++) {
        info = (Map<String, Object>) t.train().get("info");
      }
      assertTrue(((Number) info.get("num_steps_replayed")).longValue() > 0, info.toString());
      // Two passes over each batch: more rows trained than sampled (and replayed rows count too).
      assertTrue(((Number) info.get("num_steps_trained")).longValue()
          > ((Number) info.get("num_steps_sampled")).longValue(), info.toString());
    }
  }

  @Test
  void configErrorsNameTheKey() {
    ConfigException e = assertThrows(ConfigException.class, () -> new ImpalaTrainer().mergeConfig(Map.of("num_workers", 0)));
    assertTrue(e.getMessage().contains("'num_workers' must be >= 1"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> new ImpalaTrainer().mergeConfig(Map.of("opt_type", "rmsprop")));
    assertTrue(e.getMessage().contains("not supported yet"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> new ImpalaTrainer().mergeConfig(Map.of("replay_proportion", 0.5)));
    assertTrue(e.getMessage().contains("'replay_buffer_num_slots'"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> new ImpalaTrainer().mergeConfig(Map.of("vtrace_clip_rho_threshold", 0)));
    assertTrue(e.getMessage().contains("'vtrace_clip_rho_threshold' must be > 0"), e.getMessage());
    Map<String, Object> d = new ImpalaTrainer().mergeConfig(Map.of());
    assertEquals(500, d.get("train_batch_size"));
    assertEquals(50, d.get("sample_batch_size"));
    assertEquals(true, d.get("vtrace"));
  }
}
