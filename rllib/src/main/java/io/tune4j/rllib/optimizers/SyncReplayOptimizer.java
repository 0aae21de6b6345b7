package io.tune4j.rllib.optimizers;

import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RLlib 2019's {@code SyncReplayOptimizer}: every step broadcasts the weights, samples one batch
 * from every worker (the local one when there are no remote workers) into a local {@link
 * ReplayBuffer}, and, once {@code learning_starts} env steps have been sampled, learns on {@code
 * train_batch_size} rows drawn from the buffer. Off-policy algorithms (DQN, DDPG) build on it.
 */
public final class SyncReplayOptimizer implements PolicyOptimizer {
  private final WorkerSet workers;
  private final ReplayBuffer buffer;
  private final int learningStarts;
  private final int trainBatchSize;
  private long stepsSampled;
  private long stepsTrained;

  /**
   * An optimizer over {@code workers}.
   *
   * @param bufferSize replay rows kept ({@code buffer_size})
   * @param learningStarts env steps sampled before the first learning step ({@code learning_starts})
   * @param trainBatchSize rows per learning step ({@code train_batch_size})
   * @param seed seed of the replay sampling
   */
  public SyncReplayOptimizer(WorkerSet workers, int bufferSize, int learningStarts, int trainBatchSize, long seed) {
    this.workers = workers;
    this.buffer = new ReplayBuffer(bufferSize, seed);
    this.learningStarts = learningStarts;
    this.trainBatchSize = trainBatchSize;
  }

  @Override
  public StepOutcome step() {
    long t0 = System.nanoTime();
    workers.syncWeights();
    int count = 0;
    List<SampleBatch> batches =
        workers.numRemoteWorkers() > 0 ? workers.sampleRemote() : List.of(workers.localWorker().sampleBatch());
    for (SampleBatch b : batches) {
      buffer.add(b);
      count += b.count();
    }
    stepsSampled += count;
    long t1 = System.nanoTime();
    Map<String, Object> stats = Map.of();
    int trained = 0;
    if (stepsSampled >= learningStarts) {
      Policy policy = workers.localWorker().getPolicy();
      policy.onGlobalVarUpdate(stepsSampled);
      stats = policy.learnOnBatch(buffer.sample(trainBatchSize));
      trained = trainBatchSize;
      stepsTrained += trained;
    }
    long t2 = System.nanoTime();
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("sample_time_ms", (t1 - t0) / 1e6);
    timings.put("replay_time_ms", (t2 - t1) / 1e6);
    return new StepOutcome(count, trained, stats, timings);
  }

  @Override
  public Map<String, Object> stats() {
    return Map.of("replay_buffer_size", buffer.size(), "num_steps_replayed", stepsTrained);
  }

  @Override
  public void setGlobalTimestep(long steps) {
    stepsSampled = steps;
  }

  /** The buffer (for tests and algorithms that add to it directly). */
  public ReplayBuffer buffer() {
    return buffer;
  }
}
