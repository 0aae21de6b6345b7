package io.tune4j.rllib.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.pg.PgPolicy;
import io.tune4j.rllib.agents.pg.PgTrainer;
import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.evaluation.WorkerSpec;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The replay path: a FIFO buffer sampled uniformly, and PG's policy learning from replay. */
class ReplayTest {

  private static SampleBatch rows(long from, int n) {
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = from + i;
    }
    return new SampleBatch().putLongs("t", t);
  }

  @Test
  void theBufferKeepsTheNewestRowsAndSamplesThemUniformly() {
    ReplayBuffer buf = new ReplayBuffer(100, 7L);
    for (int i = 0; i < 13; i++) {
      buf.add(rows(i * 30L, 30)); // rows 0..389
    }
    assertEquals(100, buf.size());
    assertEquals(390, buf.added());
    int[] hits = new int[390];
    for (int round = 0; round < 1000; round++) {
      for (long t : buf.sample(100).longs("t")) {
        hits[(int) t]++;
      }
    }
    for (int t = 0; t < 290; t++) {
      assertEquals(0, hits[t], "row " + t + " was evicted but sampled");
    }
    // 100,000 draws over 100 rows: each row about 1,000 times (binomial sd ~31); 6 sd bounds.
    for (int t = 290; t < 390; t++) {
      assertTrue(hits[t] > 810 && hits[t] < 1190, "row " + t + " drawn " + hits[t] + " times");
    }
    ReplayBuffer big = new ReplayBuffer(10, 1L);
    big.add(rows(0, 25));
    assertEquals(10, big.size());
    Set<Long> seen = new HashSet<>();
    for (long t : big.sample(200).longs("t")) {
      seen.add(t);
    }
    assertEquals(Set.of(15L, 16L, 17L, 18L, 19L, 20L, 21L, 22L, 23L, 24L), seen);
  }

  @Test
  @Tag("ray")
  void pgsPolicyLearnsFromReplayAfterLearningStarts() {
    Map<String, Object> merged =
        new PgTrainer().mergeConfig(Map.of("env", "CartPole-v0", "num_workers", 1, "sample_batch_size", 100, "seed", 3));
    try (WorkerSet ws = new WorkerSet(new WorkerSpec("PG", PgPolicy::new, merged, 0), 1)) {
      SyncReplayOptimizer opt = new SyncReplayOptimizer(ws, 250, 300, 64, 5L);
      StepOutcome first = opt.step();
      assertEquals(100, first.stepsSampled());
      assertEquals(0, first.stepsTrained(), "no learning before learning_starts");
      assertTrue(first.learnerStats().isEmpty());
      opt.step();
      assertEquals(0, opt.step().stepsTrained(), "RLlib checks learning_starts before adding the step's samples");
      byte[] before = ws.localWorker().getPolicy().getWeights();
      StepOutcome third = opt.step(); // 300 sampled before this step: learning starts
      assertEquals(64, third.stepsTrained());
      assertTrue(third.learnerStats().containsKey("policy_loss"), third.learnerStats().toString());
      assertTrue(!java.util.Arrays.equals(before, ws.localWorker().getPolicy().getWeights()), "the policy learned");
      assertEquals(250, opt.buffer().size(), "capped at buffer_size");
      assertEquals(Map.of("replay_buffer_size", 250, "num_steps_replayed", 64L), opt.stats());
    }
  }
}
