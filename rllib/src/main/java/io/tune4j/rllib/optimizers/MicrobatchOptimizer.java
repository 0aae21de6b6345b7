package io.tune4j.rllib.optimizers;

import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RLlib's {@code MicrobatchOptimizer} (A2C with {@code microbatch_size}): samples synchronously in
 * microbatches of at least {@code microbatch_size} steps, computes each one's gradient on the local
 * policy and adds them up, and applies the sum once {@code train_batch_size} steps were used. A
 * summed loss over a large batch costs the memory of one microbatch.
 */
public final class MicrobatchOptimizer implements PolicyOptimizer {
  private final WorkerSet workers;
  private final int trainBatchSize;
  private final int microbatchSize;
  private long stepsSampled;

  /** An optimizer over {@code workers}. */
  public MicrobatchOptimizer(WorkerSet workers, int trainBatchSize, int microbatchSize) {
    if (microbatchSize < 1 || microbatchSize > trainBatchSize) {
      throw new IllegalArgumentException("microbatch_size must be in [1, train_batch_size " + trainBatchSize
          + "], got " + microbatchSize);
    }
    this.workers = workers;
    this.trainBatchSize = trainBatchSize;
    this.microbatchSize = microbatchSize;
  }

  @Override
  public void setGlobalTimestep(long steps) {
    this.stepsSampled = steps;
  }

  @Override
  public StepOutcome step() {
    long t0 = System.nanoTime();
    workers.syncWeights();
    Policy policy = workers.localWorker().getPolicy();
    float[] sum = null;
    Map<String, Object> stats = Map.of();
    int used = 0;
    int microbatches = 0;
    long sampleNs = 0;
    while (used < trainBatchSize) {
      long s0 = System.nanoTime();
      SampleBatch mb = SyncSamplesOptimizer.collect(workers, microbatchSize);
      sampleNs += System.nanoTime() - s0;
      Policy.Gradients g = policy.computeGradients(mb);
      if (sum == null) {
        sum = g.flat().clone();
      } else {
        float[] f = g.flat();
        for (int i = 0; i < sum.length; i++) {
          sum[i] += f[i];
        }
      }
      stats = g.stats();
      used += mb.count();
      microbatches++;
    }
    stepsSampled += used;
    policy.onGlobalVarUpdate(stepsSampled);
    policy.applyGradients(new Policy.Gradients(sum, stats));
    Map<String, Object> learner = new LinkedHashMap<>(stats);
    learner.put("num_microbatches", microbatches);
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("sample_time_ms", sampleNs / 1e6);
    timings.put("learn_time_ms", (System.nanoTime() - t0 - sampleNs) / 1e6);
    return new StepOutcome(used, used, learner, timings);
  }
}
