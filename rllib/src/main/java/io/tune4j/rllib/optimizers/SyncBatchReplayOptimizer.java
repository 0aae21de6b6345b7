package io.tune4j.rllib.optimizers;

import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * RLlib 2019's {@code SyncBatchReplayOptimizer} (MARWIL's): whole sample batches are kept in a
 * FIFO buffer of {@code replay_buffer_size} rows; once {@code learning_starts} rows were sampled,
 * each step learns on randomly chosen stored batches concatenated up to {@code train_batch_size}
 * rows (so episodes stay whole).
 */
public final class SyncBatchReplayOptimizer implements PolicyOptimizer {
  private final WorkerSet workers;
  private final int learningStarts;
  private final int bufferSize;
  private final int trainBatchSize;
  private final Random rng;
  private final Deque<SampleBatch> buffer = new ArrayDeque<>();
  private final List<SampleBatch> index = new ArrayList<>();
  private int rows;
  private long stepsSampled;
  private long stepsTrained;

  /** An optimizer over {@code workers}. */
  public SyncBatchReplayOptimizer(WorkerSet workers, int learningStarts, int bufferSize, int trainBatchSize, long seed) {
    this.workers = workers;
    this.learningStarts = learningStarts;
    this.bufferSize = bufferSize;
    this.trainBatchSize = trainBatchSize;
    this.rng = new Random(seed);
  }

  @Override
  public StepOutcome step() {
    long t0 = System.nanoTime();
    workers.syncWeights();
    List<SampleBatch> got = workers.numRemoteWorkers() > 0
        ? workers.sampleRemote() : List.of(workers.localWorker().sampleBatch());
    long count = 0;
    for (SampleBatch b : got) {
      if (b.count() > bufferSize) {
        throw new IllegalArgumentException("a sample batch of " + b.count() + " rows exceeds replay_buffer_size "
            + bufferSize);
      }
      buffer.addLast(b);
      rows += b.count();
      count += b.count();
      while (rows > bufferSize) {
        rows -= buffer.removeFirst().count();
      }
    }
    stepsSampled += count;
    long t1 = System.nanoTime();
    Map<String, Object> stats = Map.of();
    long trained = 0;
    if (stepsSampled >= learningStarts) {
      index.clear();
      index.addAll(buffer);
      List<SampleBatch> picks = new ArrayList<>();
      int n = 0;
      while (n < trainBatchSize) {
        SampleBatch b = index.get(rng.nextInt(index.size()));
        picks.add(b);
        n += b.count();
      }
      Policy p = workers.localWorker().getPolicy();
      p.onGlobalVarUpdate(stepsSampled);
      stats = p.learnOnBatch(picks.size() == 1 ? picks.get(0) : SampleBatch.concat(picks));
      trained = n;
      stepsTrained += n;
    }
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("sample_time_ms", (t1 - t0) / 1e6);
    timings.put("grad_time_ms", (System.nanoTime() - t1) / 1e6);
    return new StepOutcome(count, trained, stats, timings);
  }

  @Override
  public long numStepsSampled() {
    return stepsSampled;
  }

  @Override
  public long numStepsTrained() {
    return stepsTrained;
  }
}
