package io.tune4j.rllib.optimizers;

import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.policy.MultiAgentBatch;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RLlib's synchronous sampling strategy (SyncSamplesOptimizer, and the sampling half of
 * LocalMultiGPUOptimizer): broadcast the weights, collect rounds of sample batches from every
 * worker in parallel until there are {@code train_batch_size} steps, then learn on the whole batch
 * with the local policy (whose {@code learnOnBatch} runs the algorithm's SGD). PPO, PG and A2C use
 * it.
 */
public final class SyncSamplesOptimizer implements PolicyOptimizer {
  private final WorkerSet workers;
  private final int trainBatchSize;
  private long stepsSampled;

  /**
   * An optimizer over {@code workers}.
   *
   * @param trainBatchSize env steps to collect before each learning step
   */
  public SyncSamplesOptimizer(WorkerSet workers, int trainBatchSize) {
    this.workers = workers;
    this.trainBatchSize = trainBatchSize;
  }

  @Override
  public void setGlobalTimestep(long steps) {
    this.stepsSampled = steps;
  }

  @Override
  public boolean supportsMultiAgent() {
    return true;
  }

  @Override
  public StepOutcome step() {
    if (workers.localWorker().isMultiAgent()) {
      return stepMultiAgent();
    }
    long t0 = System.nanoTime();
    workers.syncWeights();
    SampleBatch batch = collect(workers, trainBatchSize);
    int count = batch.count();
    long t1 = System.nanoTime();
    stepsSampled += count;
    Policy policy = workers.localWorker().getPolicy();
    policy.onGlobalVarUpdate(stepsSampled);
    Map<String, Object> stats = policy.learnOnBatch(batch);
    long t2 = System.nanoTime();
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("sample_time_ms", (t1 - t0) / 1e6);
    timings.put("learn_time_ms", (t2 - t1) / 1e6);
    return new StepOutcome(count, count, stats, timings);
  }

  /**
   * At least {@code rows} steps of single-agent experience: from every remote worker in rounds, or
   * from the local worker when there are none.
   */
  static SampleBatch collect(WorkerSet workers, int rows) {
    List<SampleBatch> batches = new ArrayList<>();
    int count = 0;
    while (count < rows) {
      if (workers.numRemoteWorkers() > 0) {
        for (SampleBatch b : workers.sampleRemote()) {
          batches.add(b);
          count += b.count();
        }
      } else {
        SampleBatch b = workers.localWorker().sampleBatch();
        batches.add(b);
        count += b.count();
      }
    }
    return batches.size() == 1 ? batches.get(0) : SampleBatch.concat(batches);
  }

  /**
   * The multi-agent round: batches of every policy until {@code train_batch_size} env steps, then
   * {@code learnOnBatch} on each policy of {@code policies_to_train}; stats keyed by policy id.
   */
  private StepOutcome stepMultiAgent() {
    long t0 = System.nanoTime();
    workers.syncWeights();
    Map<String, List<SampleBatch>> rows = new LinkedHashMap<>();
    long count = 0;
    while (count < trainBatchSize) {
      List<MultiAgentBatch> got = workers.numRemoteWorkers() > 0
          ? workers.sampleRemoteMulti() : List.of(workers.localWorker().sample());
      for (MultiAgentBatch b : got) {
        b.policyBatches().forEach((id, sb) -> rows.computeIfAbsent(id, k -> new ArrayList<>()).add(sb));
        count += b.envSteps();
      }
    }
    long t1 = System.nanoTime();
    stepsSampled += count;
    Map<String, Object> stats = new LinkedHashMap<>();
    Map<String, Policy> policies = workers.localWorker().policyMap();
    for (String id : workers.localWorker().policiesToTrain()) {
      List<SampleBatch> l = rows.get(id);
      if (l == null) {
        continue;
      }
      Policy p = policies.get(id);
      p.onGlobalVarUpdate(stepsSampled);
      stats.put(id, p.learnOnBatch(l.size() == 1 ? l.get(0) : SampleBatch.concat(l)));
    }
    long t2 = System.nanoTime();
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("sample_time_ms", (t1 - t0) / 1e6);
    timings.put("learn_time_ms", (t2 - t1) / 1e6);
    return new StepOutcome(count, count, stats, timings, true);
  }
}
