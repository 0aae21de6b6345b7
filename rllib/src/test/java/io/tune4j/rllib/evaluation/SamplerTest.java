package io.tune4j.rllib.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.Callbacks;
import io.tune4j.rllib.env.EnvContext;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.env.VectorEnv;
import io.tune4j.rllib.evaluation.CartPoleRulePolicy.Rule;
import io.tune4j.rllib.evaluation.TestPolicyBase.Fragment;
import io.tune4j.rllib.models.Preprocessors;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SamplerTest {

  static Sampler cartPole(TestPolicyBase policy, int envs, SamplerConfig config,
      ObservationFilter filter, Callbacks callbacks) {
    VectorEnv v = Envs.makeVector("CartPole-v0", EnvContext.empty(), envs);
    return new Sampler(v, policy, Preprocessors.get(v.observationSpace()), filter, callbacks,
        config);
  }

  static SamplerConfig config(String mode, int size) {
    return SamplerConfig.defaults().withBatchMode(mode).withSampleBatchSize(size).withSeed(42L);
  }

  /** Checks every run of rows with one eps_id: t consecutive, dones only on the last row. */
  static void assertEpisodeRunsConsistent(SampleBatch b) {
    long[] ids = b.longs(SampleBatch.EPS_ID);
    long[] t = b.longs(SampleBatch.T);
    float[] dones = b.floats(SampleBatch.DONES);
    for (int i = 1; i < ids.length; i++) {
      if (ids[i] == ids[i - 1]) {
        assertEquals(t[i - 1] + 1, t[i], "t consecutive within an episode at row " + i);
        assertEquals(0f, dones[i - 1], "done only on an episode's last row, row " + (i - 1));
      }
    }
  }

  @Test
  void truncateModeReturnsExactRowsAndBootstrapsCutFragments() {
    CartPoleRulePolicy policy = new CartPoleRulePolicy(Rule.ANGLE);
    Sampler s = cartPole(policy, 3, config(SamplerConfig.TRUNCATE_EPISODES, 50),
        new NoFilter(), Callbacks.NONE);
    Map<Long, Long> lastT = new HashMap<>();
    int cut = 0;
    int fell = 0;
    for (int call = 0; call < 4; call++) {
      int before = policy.fragments.size();
      SampleBatch b = s.sample();
      assertEquals(150, b.count());
      assertEpisodeRunsConsistent(b);
      assertTrue(b.has(SampleBatch.ADVANTAGES) && b.has(SampleBatch.VF_PREDS), b.toString());
      int rows = 0;
      for (Fragment f : policy.fragments.subList(before, policy.fragments.size())) {
        SampleBatch fb = f.batch();
        rows += fb.count();
        float lastDone = fb.floats(SampleBatch.DONES)[fb.count() - 1];
        long lastT1 = fb.longs(SampleBatch.T)[fb.count() - 1];
        if (lastDone == 0f) {
          cut++;
          assertFalse(f.terminated(), "a fragment cut by the batch bootstraps");
        } else {
          fell++;
          assertTrue(lastT1 < 199, "the angle rule never survives 200 steps");
          assertTrue(f.terminated(), "a fallen pole terminates");
        }
        // an episode continued from the previous batch continues its t
        long id = fb.longs(SampleBatch.EPS_ID)[0];
        long firstT = fb.longs(SampleBatch.T)[0];
        assertEquals(lastT.getOrDefault(id, -1L) + 1, firstT, "t continues across batches");
        lastT.put(id, lastT1);
      }
      assertEquals(150, rows);
      // vf_preds extra holds the pole angle the policy saw, i.e. obs[2]
      float[] obs = b.floats(SampleBatch.OBS);
      float[] vf = b.floats(SampleBatch.VF_PREDS);
      for (int i = 0; i < b.count(); i++) {
        assertEquals(obs[i * 4 + 2], vf[i]);
      }
    }
    assertEquals(12, cut, "each of 3 envs is cut at each of 4 batch ends");
    assertTrue(fell > 5, "episodes ended by falling: " + fell);
    List<EpisodeMetrics> m = s.pollMetrics();
    assertEquals(fell, m.size());
    assertTrue(s.pollMetrics().isEmpty(), "poll clears");
  }

  @Test
  void obsOfNextRowIsNewObsOfThePreviousWithinAnEpisode() {
    Sampler s = cartPole(new CartPoleRulePolicy(Rule.ANGLE), 2,
        config(SamplerConfig.TRUNCATE_EPISODES, 100), new NoFilter(), Callbacks.NONE);
    SampleBatch b = s.sample();
    long[] ids = b.longs(SampleBatch.EPS_ID);
    float[] obs = b.floats(SampleBatch.OBS);
    float[] next = b.floats(SampleBatch.NEW_OBS);
    int checked = 0;
    for (int i = 1; i < ids.length; i++) {
      if (ids[i] == ids[i - 1]) {
        for (int k = 0; k < 4; k++) {
          assertEquals(next[(i - 1) * 4 + k], obs[i * 4 + k]);
        }
        checked++;
      }
    }
    assertTrue(checked > 150);
  }

  /**
   * The time limit ends an episode as RLlib 2019 does (terminal, value 0) by default, and with
   * {@code no_done_at_end} as a truncation that bootstraps.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void timeLimitEndsEpisodeAsTerminalOrWithNoDoneAtEndAsTruncated(boolean noDoneAtEnd) {
    CartPoleRulePolicy policy = new CartPoleRulePolicy(Rule.ANGULAR_VELOCITY);
    Sampler s = cartPole(policy, 2, config(SamplerConfig.TRUNCATE_EPISODES, 250).withNoDoneAtEnd(noDoneAtEnd),
        new NoFilter(), Callbacks.NONE);
    SampleBatch b = s.sample();
    assertEquals(500, b.count());
    List<EpisodeMetrics> m = s.pollMetrics();
    assertEquals(2, m.size());
    int limited = 0;
    for (Fragment f : policy.fragments) {
      SampleBatch fb = f.batch();
      int last = fb.count() - 1;
      if (fb.floats(SampleBatch.DONES)[last] == 1f) {
        assertEquals(199, fb.longs(SampleBatch.T)[last], "CartPole-v0 time limit is 200 steps");
        assertEquals(!noDoneAtEnd, f.terminated(), "terminal unless no_done_at_end");
        assertEquals(noDoneAtEnd ? 1 + TestPolicyBase.BOOTSTRAP : 1f, fb.floats(SampleBatch.ADVANTAGES)[last],
            "bootstrap only with no_done_at_end");
        limited++;
      }
    }
    assertEquals(2, limited);
    for (EpisodeMetrics e : m) {
      assertEquals(200, e.length());
      assertEquals(200.0, e.totalReward());
    }
  }

  @Test
  void fallenPoleTerminatesWithoutBootstrap() {
    CartPoleRulePolicy policy = new CartPoleRulePolicy(Rule.WRONG_WAY);
    Sampler s = cartPole(policy, 4, config(SamplerConfig.COMPLETE_EPISODES, 10),
        new NoFilter(), Callbacks.NONE);
    SampleBatch b = s.sample();
    assertTrue(b.count() >= 40);
    assertFalse(policy.fragments.isEmpty());
    for (Fragment f : policy.fragments) {
      SampleBatch fb = f.batch();
      assertTrue(f.terminated());
      assertEquals(1f, fb.floats(SampleBatch.ADVANTAGES)[fb.count() - 1], "no bootstrap");
      assertTrue(fb.count() < 50, "pushing the wrong way falls fast: " + fb.count());
    }
  }

  @Test
  void completeEpisodesReturnsWholeEpisodesOnly() {
    CartPoleRulePolicy policy = new CartPoleRulePolicy(Rule.ANGLE);
    Sampler s = cartPole(policy, 4, config(SamplerConfig.COMPLETE_EPISODES, 20),
        new NoFilter(), Callbacks.NONE);
    for (int call = 0; call < 3; call++) {
      SampleBatch b = s.sample();
      assertTrue(b.count() >= 80, "at least the target rows: " + b.count());
      assertEpisodeRunsConsistent(b);
      long[] ids = b.longs(SampleBatch.EPS_ID);
      long[] t = b.longs(SampleBatch.T);
      float[] dones = b.floats(SampleBatch.DONES);
      Set<Long> episodes = new HashSet<>();
      for (int i = 0; i < ids.length; i++) {
        boolean first = i == 0 || ids[i] != ids[i - 1];
        boolean last = i == ids.length - 1 || ids[i] != ids[i + 1];
        if (first) {
          assertEquals(0, t[i], "episodes start at t=0");
          assertTrue(episodes.add(ids[i]), "an episode appears once");
        }
        if (last) {
          assertEquals(1f, dones[i], "every episode in the batch ends with done");
        }
      }
      assertEquals(episodes.size(), s.pollMetrics().size());
    }
  }

  @Test
  void horizonEndsEpisodesAndBootstraps() {
    CartPoleRulePolicy policy = new CartPoleRulePolicy(Rule.ANGULAR_VELOCITY);
    Sampler s = cartPole(policy, 2,
        config(SamplerConfig.TRUNCATE_EPISODES, 25).withHorizon(10), new NoFilter(),
        Callbacks.NONE);
    SampleBatch b = s.sample();
    assertEquals(50, b.count());
    long[] t = b.longs(SampleBatch.T);
    for (long v : t) {
      assertTrue(v < 10, "t below the horizon: " + v);
    }
    List<EpisodeMetrics> m = s.pollMetrics();
    assertEquals(4, m.size());
    for (EpisodeMetrics e : m) {
      assertEquals(10, e.length());
    }
    int ended = 0;
    for (Fragment f : policy.fragments) {
      assertFalse(f.terminated(), "horizon and batch cuts bootstrap");
      SampleBatch fb = f.batch();
      if (fb.floats(SampleBatch.DONES)[fb.count() - 1] == 1f) {
        assertEquals(10, fb.count());
        ended++;
      } else {
        assertEquals(5, fb.count(), "25 = 10 + 10 + 5 rows per env");
      }
    }
    assertEquals(4, ended);
  }

  @Test
  void clipsRewardsInTheBatchAndActionsSentToTheEnv() {
    ConstantPolicy policy = new ConstantPolicy(3.0);
    VectorEnv v = VectorEnv.of(List.of(new EchoEnv(), new EchoEnv()));
    SamplerConfig c = config(SamplerConfig.TRUNCATE_EPISODES, EchoEnv.LENGTH)
        .withClipRewards(true).withClipActions(true);
    Sampler s = new Sampler(v, policy, Preprocessors.get(v.observationSpace()), new NoFilter(),
        Callbacks.NONE, c);
    SampleBatch b = s.sample();
    assertEquals(10, b.count());
    for (int i = 0; i < 10; i++) {
      assertEquals(1f, b.floats(SampleBatch.NEW_OBS)[i], "env received the clipped action");
      assertEquals(3f, b.floats(SampleBatch.ACTIONS)[i], "batch keeps the policy's action");
      assertEquals(1f, b.floats(SampleBatch.REWARDS)[i], "sign(2.5)");
    }
    for (EpisodeMetrics e : s.pollMetrics()) {
      assertEquals(12.5, e.totalReward(), 1e-12, "episode reward stays unclipped");
    }

    VectorEnv v2 = VectorEnv.of(List.of(new EchoEnv()));
    Sampler raw = new Sampler(v2, new ConstantPolicy(-0.4), Preprocessors.get(v2.observationSpace()),
        new NoFilter(), Callbacks.NONE, c.withClipRewards(null).withClipActions(false));
    SampleBatch rb = raw.sample();
    assertEquals(-1.0f, rb.floats(SampleBatch.REWARDS)[0], 1e-6f);
    assertEquals(-0.4f, rb.floats(SampleBatch.NEW_OBS)[0], 1e-6f);
  }

  @Test
  void meanStdFilterNormalisesObservationColumns() {
    MeanStdFilter filter = new MeanStdFilter(4);
    Sampler s = cartPole(new CartPoleRulePolicy(Rule.ANGLE), 4,
        config(SamplerConfig.TRUNCATE_EPISODES, 250), filter, Callbacks.NONE);
    SampleBatch b = s.sample();
    int episodes = s.pollMetrics().size();
    assertEquals(s.totalSteps() + episodes + 4, filter.runningStat().count(),
        "every observation (step results and episode starts) updates the filter");
    assertEquals(filter.runningStat().count(), filter.buffer().count());
    float[] obs = b.floats(SampleBatch.OBS);
    for (int k = 0; k < 4; k++) {
      double sum = 0;
      double sq = 0;
      for (int i = 0; i < b.count(); i++) {
        sum += obs[i * 4 + k];
        sq += obs[i * 4 + k] * obs[i * 4 + k];
      }
      double mean = sum / b.count();
      double std = Math.sqrt(sq / b.count() - mean * mean);
      assertTrue(Math.abs(mean) < 0.3, "column " + k + " mean " + mean);
      assertTrue(std > 0.6 && std < 1.5, "column " + k + " std " + std);
    }
  }

  @Test
  void seededSamplersAreReproducible() {
    SamplerConfig c = config(SamplerConfig.TRUNCATE_EPISODES, 60);
    SampleBatch a = cartPole(new CartPoleRulePolicy(Rule.ANGLE), 2, c, new NoFilter(),
        Callbacks.NONE).sample();
    SampleBatch b = cartPole(new CartPoleRulePolicy(Rule.ANGLE), 2, c, new NoFilter(),
        Callbacks.NONE).sample();
    SampleBatch other = cartPole(new CartPoleRulePolicy(Rule.ANGLE), 2, c.withSeed(43L),
        new NoFilter(), Callbacks.NONE).sample();
    assertArrayEquals(a.floats(SampleBatch.OBS), b.floats(SampleBatch.OBS));
    assertArrayEquals(a.longs(SampleBatch.EPS_ID), b.longs(SampleBatch.EPS_ID));
    assertFalse(java.util.Arrays.equals(a.floats(SampleBatch.OBS), other.floats(SampleBatch.OBS)));
  }

  @Test
  void perfIsMeasuredPerVectorStepAndReset() {
    Sampler s = cartPole(new CartPoleRulePolicy(Rule.ANGLE), 2,
        config(SamplerConfig.TRUNCATE_EPISODES, 30), new NoFilter(), Callbacks.NONE);
    assertEquals(SamplerPerf.EMPTY, s.pollPerf());
    s.sample();
    SamplerPerf p = s.pollPerf();
    assertEquals(30, p.steps());
    assertTrue(p.meanEnvWaitMs() > 0 && p.meanInferenceMs() > 0 && p.meanProcessingMs() > 0, p.toString());
    assertEquals(0, s.pollPerf().steps());
    assertEquals(60, s.totalSteps());
  }

  @Test
  void mismatchedSizesAreRejectedWithBothNumbers() {
    VectorEnv v = VectorEnv.of(List.of(new EchoEnv()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Sampler(v, new CartPoleRulePolicy(Rule.ANGLE),
            Preprocessors.get(v.observationSpace()), new NoFilter(), Callbacks.NONE,
            SamplerConfig.defaults()));
    assertTrue(e.getMessage().contains("4") && e.getMessage().contains("1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new Sampler(v, new ConstantPolicy(0), Preprocessors.get(v.observationSpace()),
            new MeanStdFilter(3), Callbacks.NONE, SamplerConfig.defaults()));
    assertTrue(e.getMessage().contains("observation_filter"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SamplerConfig.defaults().withBatchMode("complete"));
    assertEquals("batch_mode must be one of [truncate_episodes, complete_episodes], got 'complete'",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SamplerConfig.defaults().withHorizon(0));
    assertTrue(e.getMessage().startsWith("horizon"), e.getMessage());
  }
}
