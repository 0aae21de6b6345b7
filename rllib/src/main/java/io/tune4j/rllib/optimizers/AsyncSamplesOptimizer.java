package io.tune4j.rllib.optimizers;

import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RLlib 2019's {@code AsyncSamplesOptimizer} (IMPALA's strategy): remote workers sample
 * continuously, with {@code num_sample_requests_in_flight_per_worker} calls each in flight; the
 * driver gathers their batches into train batches of {@code train_batch_size} rows for a {@link
 * LearnerThread}, and every {@code broadcast_interval} batches sends fresh weights to the worker
 * whose batch just arrived. One {@link #step()} moves at least one train batch to the learner.
 * Off-policy correction (V-trace) is the policy's business.
 */
public final class AsyncSamplesOptimizer implements PolicyOptimizer {
  private final WorkerSet workers;
  private final int trainBatchSize;
  private final int broadcastInterval;
  private final LearnerThread learner;
  private final TaskPool<byte[]> pool = new TaskPool<>();
  private final List<SampleBatch> pending = new ArrayList<>();
  private int pendingRows;
  private long batchesSinceBroadcast;
  private long stepsSampled;
  private long lastTrained;
  private long numWeightBroadcasts;

  /**
   * An optimizer over {@code workers} (at least one remote worker).
   *
   * @param trainBatchSize rows per train batch
   * @param requestsPerWorker sample calls in flight per worker
   * @param broadcastInterval sample batches between weight broadcasts to a worker
   * @param learnerQueueSize train batches the learner's queue holds
   */
  public AsyncSamplesOptimizer(
      WorkerSet workers, int trainBatchSize, int requestsPerWorker, int broadcastInterval, int learnerQueueSize) {
    if (workers.numRemoteWorkers() < 1) {
      throw new IllegalArgumentException("asynchronous sampling needs num_workers >= 1, got 0");
    }
    this.workers = workers;
    this.trainBatchSize = trainBatchSize;
    this.broadcastInterval = broadcastInterval;
    this.learner = new LearnerThread(workers.localWorker().getPolicy(), learnerQueueSize);
    learner.start();
    byte[] w = weights();
    for (int i = 1; i <= workers.numRemoteWorkers(); i++) {
      workers.setWeightsAsync(i, w).discard();
      for (int k = 0; k < requestsPerWorker; k++) {
        pool.add(i, workers.sampleAsync(i));
      }
    }
  }

  private byte[] weights() {
    Policy p = workers.localWorker().getPolicy();
    synchronized (learner.policyLock()) {
      return p.getWeights();
    }
  }

  @Override
  public StepOutcome step() {
    long t0 = System.nanoTime();
    long sampled = 0;
    int queued = 0;
    while (queued == 0) {
      for (TaskPool.Done<byte[]> d : pool.completed(60_000)) {
        if (d.failed()) {
          throw d.error();
        }
        SampleBatch b = SampleBatch.decode(d.value());
        sampled += b.count();
        pending.add(b);
        pendingRows += b.count();
        if (pendingRows >= trainBatchSize) {
          learner.put(pending.size() == 1 ? pending.get(0) : SampleBatch.concat(pending));
          pending.clear();
          pendingRows = 0;
          queued++;
        }
        if (++batchesSinceBroadcast >= broadcastInterval) {
          workers.setWeightsAsync(d.worker(), weights()).discard();
          batchesSinceBroadcast = 0;
          numWeightBroadcasts++;
        }
        pool.add(d.worker(), workers.sampleAsync(d.worker()));
      }
    }
    stepsSampled += sampled;
    synchronized (learner.policyLock()) {
      workers.localWorker().getPolicy().onGlobalVarUpdate(stepsSampled);
    }
    long trainedNow = learner.stepsTrained();
    long trained = trainedNow - lastTrained;
    lastTrained = trainedNow;
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("sample_time_ms", (System.nanoTime() - t0) / 1e6);
    return new StepOutcome(sampled, trained, learner.learnerStats(), timings);
  }

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("learner_queue_size_mean", learner.meanQueueSize());
    s.put("num_weight_broadcasts", numWeightBroadcasts);
    s.put("num_batches_trained", learner.batchesTrained());
    return s;
  }

  @Override
  public void setGlobalTimestep(long steps) {
    stepsSampled = steps;
  }

  @Override
  public Object policyLock() {
    return learner.policyLock();
  }

  /** Stops the learner and forgets the sample calls in flight. */
  @Override
  public void stop() {
    pool.clear();
    learner.close();
  }
}
