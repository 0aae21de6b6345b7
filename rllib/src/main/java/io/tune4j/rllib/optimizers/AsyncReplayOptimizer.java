package io.tune4j.rllib.optimizers;

import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import io.tune4j.tune.runtime.Actor;
import io.tune4j.tune.runtime.ActorResources;
import io.tune4j.tune.runtime.ActorRuntime;
import io.tune4j.tune.runtime.Pending;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * RLlib 2019's {@code AsyncReplayOptimizer}, the Ape-X strategy (Horgan et al. 2018, "Distributed
 * Prioritized Experience Replay"): remote workers sample continuously (2 calls in flight each), every
 * sample batch goes to a random {@link ReplayShard} actor, each shard keeps 4 replay calls in
 * flight, replayed batches feed a {@link LearnerThread} (dropped when its queue of 16 is full), and
 * the learner's TD errors go back to the shard as new priorities. A worker gets fresh weights once
 * it has sampled {@code max_weight_sync_delay} steps since its last update. One {@link #step()}
 * handles whatever finished and returns; the trainer repeats it.
 *
 * <p>Stats: {@code sample_throughput}, {@code train_throughput}, {@code num_weight_syncs}, {@code
 * num_samples_dropped}, {@code learner_queue}, {@code replay_shard_0}.
 */
public final class AsyncReplayOptimizer implements PolicyOptimizer {
  static final int SAMPLE_QUEUE_DEPTH = 2;
  static final int REPLAY_QUEUE_DEPTH = 4;
  static final int LEARNER_QUEUE_MAX_SIZE = 16;

  /**
   * Ape-X's settings.
   *
   * @param bufferSize rows over all shards ({@code buffer_size})
   * @param learningStarts rows added before replay starts, over all shards
   * @param trainBatchSize rows per replayed batch
   * @param alpha {@code prioritized_replay_alpha}
   * @param beta {@code prioritized_replay_beta} (constant, as in RLlib's replay actors)
   * @param eps {@code prioritized_replay_eps}
   * @param numShards {@code optimizer.num_replay_buffer_shards}
   * @param maxWeightSyncDelay {@code optimizer.max_weight_sync_delay}
   * @param seed seed of the shards' sampling and of the shard choice
   */
  public record Settings(int bufferSize, int learningStarts, int trainBatchSize, double alpha, double beta,
      double eps, int numShards, int maxWeightSyncDelay, long seed) implements Serializable {}

  private final WorkerSet workers;
  private final Settings settings;
  private final List<Actor<ReplayShard>> shards = new ArrayList<>();
  private final LearnerThread learner;
  private final TaskPool<byte[]> sampleTasks = new TaskPool<>();
  private final TaskPool<byte[]> replayTasks = new TaskPool<>("replay shard");
  private final Map<Integer, Long> stepsSinceUpdate = new HashMap<>();
  private final SplittableRandom rng;
  private byte[] weights;
  private long stepsSampled;
  private long stepsTrained;
  private long numWeightSyncs;
  private long numSamplesDropped;
  private long sampleNs;
  private long trainNs;
  private long trainedWhileTiming;
  private long sampledWhileTiming;

  /**
   * Creates the replay shards and starts sampling.
   *
   * @throws IllegalArgumentException without remote workers
   */
  public AsyncReplayOptimizer(WorkerSet workers, Settings settings) {
    if (workers.numRemoteWorkers() < 1) {
      throw new IllegalArgumentException("Ape-X needs num_workers >= 1 (remote workers sample), got 0");
    }
    if (settings.numShards() < 1) {
      throw new IllegalArgumentException(
          "optimizer.num_replay_buffer_shards must be >= 1, got " + settings.numShards());
    }
    this.workers = workers;
    this.settings = settings;
    this.rng = new SplittableRandom(settings.seed());
    ActorRuntime runtime = ActorRuntime.get();
    List<Pending<Object>> inits = new ArrayList<>();
    for (int i = 0; i < settings.numShards(); i++) {
      Actor<ReplayShard> a = runtime.create(ReplayShard::new, new ActorResources(0, 0, Map.of()),
          "replay shard " + i);
      shards.add(a);
      inits.add(a.call(AsyncReplayOptimizer::setupOp, settings, i));
    }
    inits.forEach(Pending::get);
    learner = new LearnerThread(workers.localWorker().getPolicy(), LEARNER_QUEUE_MAX_SIZE);
    learner.start();
    for (int i = 0; i < shards.size(); i++) {
      for (int k = 0; k < REPLAY_QUEUE_DEPTH; k++) {
        replayTasks.add(i, shards.get(i).call(ReplayShard::replay));
      }
    }
    byte[] w = currentWeights();
    for (int i = 1; i <= workers.numRemoteWorkers(); i++) {
      workers.setWeightsAsync(i, w).discard();
      stepsSinceUpdate.put(i, 0L);
      for (int k = 0; k < SAMPLE_QUEUE_DEPTH; k++) {
        sampleTasks.add(i, workers.sampleAsync(i));
      }
    }
  }

  private static Object setupOp(ReplayShard s, Settings settings, Integer index) {
    s.setup(settings, index);
    return null;
  }

  private static Object addOp(ReplayShard s, byte[] batch) {
    s.add(batch);
    return null;
  }

  private static Object closeOp(ReplayShard s) {
    s.close();
    return null;
  }

  private static Object updateOp(ReplayShard s, long[] idx, float[] td) {
    s.updatePriorities(idx, td);
    return null;
  }

  private byte[] currentWeights() {
    Policy p = workers.localWorker().getPolicy();
    synchronized (learner.policyLock()) {
      return p.getWeights();
    }
  }

  @Override
  public StepOutcome step() {
    long t0 = System.nanoTime();
    long sampled = 0;
    long trained = 0;
    for (TaskPool.Done<byte[]> d : sampleTasks.completed(5)) {
      if (d.failed()) {
        throw d.error();
      }
      byte[] bytes = d.value();
      int count = SampleBatch.decode(bytes).count();
      sampled += count;
      shards.get(rng.nextInt(shards.size())).call(AsyncReplayOptimizer::addOp, bytes).discard();
      long since = stepsSinceUpdate.merge(d.worker(), (long) count, Long::sum);
      if (since >= settings.maxWeightSyncDelay()) {
        if (weights == null || learner.takeWeightsUpdated()) {
          weights = currentWeights();
        }
        workers.setWeightsAsync(d.worker(), weights).discard();
        numWeightSyncs++;
        stepsSinceUpdate.put(d.worker(), 0L);
      }
      sampleTasks.add(d.worker(), workers.sampleAsync(d.worker()));
    }
    for (TaskPool.Done<byte[]> d : replayTasks.completed(0)) {
      if (d.failed()) {
        throw d.error();
      }
      replayTasks.add(d.worker(), shards.get(d.worker()).call(ReplayShard::replay));
      if (d.value().length == 0) {
        continue; // the shard has not reached learning_starts yet
      }
      if (!learner.offer(SampleBatch.decode(d.value()), d.worker())) {
        numSamplesDropped++;
      }
    }
    for (LearnerThread.Learned l : learner.pollLearned()) {
      Object td = l.stats().get(SyncReplayOptimizer.TD_ERROR);
      if (!(td instanceof float[] errors)) {
        throw new IllegalStateException(workers.localWorker().getPolicy().getClass().getSimpleName()
            + ".learnOnBatch must report '" + SyncReplayOptimizer.TD_ERROR + "' for prioritized replay");
      }
      shards.get((Integer) l.tag()).call(AsyncReplayOptimizer::updateOp,
          l.batch().longs(PrioritizedReplayBuffer.BATCH_INDEXES), errors).discard();
      trained += l.batch().count();
    }
    stepsSampled += sampled;
    stepsTrained += trained;
    long dt = System.nanoTime() - t0;
    sampleNs += dt;
    sampledWhileTiming += sampled;
    if (stepsTrained > 0) {
      trainNs += dt;
      trainedWhileTiming += trained;
    }
    synchronized (learner.policyLock()) {
      workers.localWorker().getPolicy().onGlobalVarUpdate(stepsSampled);
    }
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("sample_time_ms", dt / 1e6);
    return new StepOutcome(sampled, trained, learner.learnerStats(), timings);
  }

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("sample_throughput", sampleNs == 0 ? 0.0 : sampledWhileTiming / (sampleNs / 1e9));
    s.put("train_throughput", trainNs == 0 ? 0.0 : trainedWhileTiming / (trainNs / 1e9));
    s.put("num_weight_syncs", numWeightSyncs);
    s.put("num_samples_dropped", numSamplesDropped);
    s.put("learner_queue", Map.of("size_mean", learner.meanQueueSize()));
    s.put("replay_shard_0", shards.get(0).call(ReplayShard::stats).get());
    return s;
  }

  @Override
  public long numStepsSampled() {
    return stepsSampled;
  }

  @Override
  public long numStepsTrained() {
    return stepsTrained;
  }

  @Override
  public Object policyLock() {
    return learner.policyLock();
  }

  @Override
  public void setGlobalTimestep(long steps) {
    stepsSampled = steps;
  }

  /** Stops the learner and the replay shards; forgets the calls in flight. */
  @Override
  public void stop() {
    sampleTasks.clear();
    replayTasks.clear();
    learner.close();
    for (Actor<ReplayShard> a : shards) {
      a.release(false, a.call(AsyncReplayOptimizer::closeOp));
    }
    shards.clear();
  }
}
