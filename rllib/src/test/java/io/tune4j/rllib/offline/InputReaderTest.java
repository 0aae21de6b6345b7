package io.tune4j.rllib.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.pg.PgPolicy;
import io.tune4j.rllib.agents.pg.PgTrainer;
import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.evaluation.WorkerSpec;
import io.tune4j.rllib.optimizers.StepOutcome;
import io.tune4j.rllib.optimizers.SyncSamplesOptimizer;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A rollout worker's batches come from its InputReader: the sampler by default, or another. */
class InputReaderTest {
  @Test
  void anOptimizerLearnsFromWhateverTheWorkersInputReturns() {
    Map<String, Object> merged =
        new PgTrainer().mergeConfig(Map.of("env", "CartPole-v0", "num_workers", 0, "sample_batch_size", 200, "seed", 1));
    try (WorkerSet ws = new WorkerSet(new WorkerSpec("PG", PgPolicy::new, merged, 0), 0)) {
      SampleBatch recorded = ws.localWorker().sampleBatch(); // from the sampler, the default input
      assertEquals(200, recorded.count());
      AtomicInteger reads = new AtomicInteger();
      ws.localWorker().setInput(() -> {
        reads.incrementAndGet();
        return recorded.copy();
      });
      byte[] before = ws.localWorker().getPolicy().getWeights();
      StepOutcome out = new SyncSamplesOptimizer(ws, 400).step();
      assertEquals(2, reads.get(), "two recorded batches make a 400-step train batch");
      assertEquals(400, out.stepsSampled());
      assertTrue(out.learnerStats().containsKey("policy_loss"));
      assertTrue(!java.util.Arrays.equals(before, ws.localWorker().getPolicy().getWeights()), "the policy learned from them");
    }
  }
}
