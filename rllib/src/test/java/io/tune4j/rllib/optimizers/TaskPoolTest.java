package io.tune4j.rllib.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.pg.PgPolicy;
import io.tune4j.rllib.agents.pg.PgTrainer;
import io.tune4j.rllib.env.Env;
import io.tune4j.rllib.env.EnvContext;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.env.StepResult;
import io.tune4j.rllib.env.classic.CartPole;
import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.evaluation.WorkerSpec;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Asynchronous worker calls: whichever finishes first comes back first, nothing lost or twice. */
@Tag("ray")
class TaskPoolTest {
  /** Env steps taken, by worker index. */
  static final AtomicLongArray STEPS = new AtomicLongArray(4);

  /** CartPole that is slow on worker 1 and throws on the worker named by {@code fail_worker}. */
  static final class SpeedCartPole implements Env {
    private final CartPole inner = new CartPole();
    private final int worker;
    private final int failWorker;

    SpeedCartPole(EnvContext ctx) {
      this.worker = ctx.workerIndex();
      this.failWorker = ctx.getInt("fail_worker", -1);
    }

    @Override
    public Object reset() {
      return inner.reset();
    }

    @Override
    public StepResult step(Object action) {
      if (worker == failWorker) {
        throw new IllegalStateException("env broke on worker " + worker);
      }
      if (worker == 1) {
        try {
          Thread.sleep(1); // about 50 ms per 50-step batch
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      STEPS.incrementAndGet(worker);
      return inner.step(action);
    }

    @Override
    public Space observationSpace() {
      return inner.observationSpace();
    }

    @Override
    public Space actionSpace() {
      return inner.actionSpace();
    }

    @Override
    public void seed(long seed) {
      inner.seed(seed);
    }
  }

  private static WorkerSet workers(Map<String, Object> envConfig) {
    Envs.register("SpeedCartPole", SpeedCartPole::new);
    Map<String, Object> merged =
        new PgTrainer().mergeConfig(Map.of("env", "SpeedCartPole", "num_workers", 2, "sample_batch_size", 50, "env_config", envConfig));
    return new WorkerSet(new WorkerSpec("PG", PgPolicy::new, merged, 0), 2);
  }

  @Test
  void theFastWorkersBatchesComeFirstAndNoneIsLostOrDuplicated() {
    for (int i = 0; i < 4; i++) {
      STEPS.set(i, 0);
    }
    try (WorkerSet ws = workers(Map.of())) {
      TaskPool<byte[]> pool = new TaskPool<>();
      pool.add(1, ws.sampleAsync(1));
      pool.add(2, ws.sampleAsync(2));
      int[] batches = new int[3];
      long[] rows = new long[3];
      int taken = 0;
      while (taken < 24) {
        List<TaskPool.Done<byte[]>> done = pool.completed(10_000);
        assertFalse(done.isEmpty(), "nothing finished in 10 s");
        for (TaskPool.Done<byte[]> d : done) {
          assertFalse(d.failed(), String.valueOf(d.error()));
          SampleBatch b = SampleBatch.decode(d.value());
          batches[d.worker()]++;
          rows[d.worker()] += b.count();
          taken++;
          if (taken + pool.count() < 24) {
            pool.add(d.worker(), ws.sampleAsync(d.worker()));
          }
        }
      }
      assertEquals(0, pool.count());
      assertTrue(batches[2] >= 3 * batches[1], "fast worker 2 returned " + batches[2] + " batches, slow worker 1 " + batches[1]);
      // Every step an env took arrived exactly once.
      assertEquals(STEPS.get(1), rows[1]);
      assertEquals(STEPS.get(2), rows[2]);
    }
  }

  @Test
  void aThrowingWorkerIsReportedByIndexWithoutAHang() {
    try (WorkerSet ws = workers(Map.of("fail_worker", 2))) {
      TaskPool<byte[]> pool = new TaskPool<>();
      pool.add(1, ws.sampleAsync(1));
      pool.add(2, ws.sampleAsync(2));
      boolean sawFailure = false;
      boolean sawOk = false;
      while (pool.count() > 0) {
        for (TaskPool.Done<byte[]> d : pool.completed(10_000)) {
          if (d.failed()) {
            assertEquals(2, d.worker());
            assertTrue(d.error().getMessage().contains("rollout worker 2 failed")
                && d.error().getMessage().contains("env broke on worker 2"), d.error().getMessage());
            sawFailure = true;
          } else {
            assertEquals(1, d.worker());
            sawOk = true;
          }
        }
      }
      assertTrue(sawFailure && sawOk);
    }
  }

  @Test
  void asyncGradientsApplyEveryWorkersGradientToTheLocalPolicy() {
    for (int i = 0; i < 4; i++) {
      STEPS.set(i, 0);
    }
    try (WorkerSet ws = workers(Map.of())) {
      AsyncGradientsOptimizer opt = new AsyncGradientsOptimizer(ws, 10);
      byte[] before = ws.localWorker().getPolicy().getWeights();
      StepOutcome out = opt.step();
      assertEquals(10 * 50, out.stepsSampled(), "ten gradients of one 50-step batch each");
      assertEquals(STEPS.get(1) + STEPS.get(2), out.stepsSampled(), "every sampled step went into a gradient");
      assertTrue(STEPS.get(2) > STEPS.get(1), "the fast worker computed more of them: " + STEPS);
      assertTrue(out.learnerStats().containsKey("policy_loss"), out.learnerStats().toString());
      assertFalse(java.util.Arrays.equals(before, ws.localWorker().getPolicy().getWeights()));
    }
  }

  @Test
  void asyncSamplesFeedTheLearnerThreadWhileWorkersKeepSampling() throws Exception {
    try (WorkerSet ws = workers(Map.of())) {
      byte[] before = ws.localWorker().getPolicy().getWeights();
      AsyncSamplesOptimizer opt = new AsyncSamplesOptimizer(ws, 200, 2, 1, 4);
      try {
        long sampled = 0;
        for (int i = 0; i < 5; i++) {
          StepOutcome out = opt.step();
          assertTrue(out.stepsSampled() > 0, "a step samples (rows left over from the last step count too)");
          sampled += out.stepsSampled();
        }
        // Each step queued at least one 200-row train batch, all made of rows sampled in these steps.
        assertTrue(sampled >= 5 * 200, "sampled " + sampled);
        long deadline = System.currentTimeMillis() + 10_000;
        while (((Number) opt.stats().get("num_batches_trained")).longValue() < 5 && System.currentTimeMillis() < deadline) {
          Thread.sleep(20);
        }
        Map<String, Object> stats = opt.stats();
        assertTrue(((Number) stats.get("num_batches_trained")).longValue() >= 5, stats.toString());
        assertTrue(((Number) stats.get("num_weight_broadcasts")).longValue() >= sampled / 50 - 1, stats.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> queue = (Map<String, Object>) stats.get("learner_queue");
        assertTrue(((Number) queue.get("size_count")).longValue() >= 5, queue.toString());
        double mean = ((Number) queue.get("size_mean")).doubleValue();
        assertTrue(mean >= 0 && mean <= 4, "the queue holds at most 4 batches: " + queue);
        assertFalse(java.util.Arrays.equals(before, ws.localWorker().getPolicy().getWeights()), "the learner trained");
      } finally {
        opt.stop();
      }
    }
  }
}
