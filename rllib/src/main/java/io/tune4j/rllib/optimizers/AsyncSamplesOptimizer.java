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
  /**
   * How the optimizer runs.
   *
   * @param trainBatchSize rows per train batch
   * @param sampleBatchSize rows per worker sample call (to size the replay warm-up)
   * @param requestsPerWorker sample calls in flight per worker
   * @param broadcastInterval sample batches between weight broadcasts to a worker
   * @param learnerQueueSize train batches the learner's queue holds
   * @param minibatchBufferSize train batches the learner keeps for reuse
   * @param numSgdIter passes over each train batch
   * @param replaySlots sample batches kept for replay (0: none)
   * @param replayProportion replayed batches per new one, in expectation
   * @param seed seeds the replay choices
   */
  public record Settings(int trainBatchSize, int sampleBatchSize, int requestsPerWorker, int broadcastInterval,
      int learnerQueueSize, int minibatchBufferSize, int numSgdIter, int replaySlots, double replayProportion,
      long seed) {}

  private final WorkerSet workers;
  private final Settings settings;
  private final List<SampleBatch> replayBatches = new ArrayList<>();
  private int replayIndex;
  private long numReplayed;
  private final java.util.Random rng;
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
    this(workers, new Settings(trainBatchSize, trainBatchSize, requestsPerWorker, broadcastInterval, learnerQueueSize,
        1, 1, 0, 0.0, 0));
  }

  /** An optimizer over {@code workers} (at least one remote worker). */
  public AsyncSamplesOptimizer(WorkerSet workers, Settings settings) {
    if (workers.numRemoteWorkers() < 1) {
      throw new IllegalArgumentException("asynchronous sampling needs num_workers >= 1, got 0");
    }
    this.workers = workers;
    this.settings = settings;
    this.rng = new java.util.Random(settings.seed());
    this.trainBatchSize = settings.trainBatchSize();
    this.broadcastInterval = settings.broadcastInterval();
    this.learner = new LearnerThread(workers.localWorker().getPolicy(), settings.learnerQueueSize(),
        settings.minibatchBufferSize(), settings.numSgdIter());
    learner.start();
    byte[] w = weights();
    for (int i = 1; i <= workers.numRemoteWorkers(); i++) {
      workers.setWeightsAsync(i, w).discard();
      for (int k = 0; k < settings.requestsPerWorker(); k++) {
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
        for (SampleBatch t : withReplay(b)) {
          pending.add(t);
          pendingRows += t.count();
          if (pendingRows >= trainBatchSize) {
            learner.put(pending.size() == 1 ? pending.get(0) : SampleBatch.concat(pending));
            pending.clear();
            pendingRows = 0;
            queued++;
          }
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

  /**
   * {@code b}, then (once the replay buffer holds more than a train batch's worth of sample
   * batches) replayed batches: one with probability {@code replay_proportion}, a second with
   * probability {@code replay_proportion − 1}, and so on (RLlib's {@code _augment_with_replay}).
   */
  private List<SampleBatch> withReplay(SampleBatch b) {
    int slots = settings.replaySlots();
    if (slots == 0) {
      return List.of(b);
    }
    List<SampleBatch> out = new ArrayList<>(2);
    out.add(b);
    int needed = (int) Math.ceil((double) trainBatchSize / settings.sampleBatchSize());
    if (replayBatches.size() > needed) {
      for (double f = settings.replayProportion(); rng.nextDouble() < f; f -= 1) {
        SampleBatch r = replayBatches.get(rng.nextInt(replayBatches.size()));
        numReplayed += r.count();
        out.add(r);
      }
    }
    if (replayBatches.size() < slots) {
      replayBatches.add(b);
    } else {
      replayBatches.set(replayIndex, b);
      replayIndex = (replayIndex + 1) % slots;
    }
    return out;
  }

  /**
   * RLlib's IMPALA optimizer stats: {@code num_weight_broadcasts}, {@code num_steps_replayed},
   * {@code learner_queue} (size_count, size_mean, size_std) and {@code timing_breakdown}
   * (learner_grad_time_ms, learner_dequeue_time_ms).
   */
  @Override
  public Map<String, Object> stats() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("num_weight_broadcasts", numWeightBroadcasts);
    s.put("num_steps_replayed", numReplayed);
    s.put("num_batches_trained", learner.batchesTrained());
    s.put("learner_queue", learner.queueStats());
    s.put("timing_breakdown", learner.timingBreakdown());
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
