package io.tune4j.rllib.optimizers;

import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.exploration.LinearSchedule;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RLlib 2019's {@code SyncReplayOptimizer}: every step broadcasts the weights, samples one batch
 * from every worker (the local one when there are no remote workers) into a local replay buffer,
 * and, once {@code learning_starts} env steps have been sampled, learns on {@code
 * train_batch_size} rows drawn from the buffer. With prioritized replay the rows are drawn by
 * priority, carry importance weights, and the learner's {@code td_error} stat (one value per row)
 * sets their new priorities {@code |td_error| + prioritized_replay_eps}. DQN and DDPG build on it.
 */
public final class SyncReplayOptimizer implements PolicyOptimizer {
  /** The learner stat holding per-row TD errors (removed from the reported stats). */
  public static final String TD_ERROR = "td_error";

  /**
   * Replay settings.
   *
   * @param bufferSize rows kept ({@code buffer_size})
   * @param learningStarts env steps sampled before the first learning step
   * @param trainBatchSize rows per learning step
   * @param prioritized {@code prioritized_replay}
   * @param alpha {@code prioritized_replay_alpha}
   * @param beta β by trained steps: {@code prioritized_replay_beta} to {@code
   *     final_prioritized_replay_beta} over {@code beta_annealing_fraction * schedule_max_timesteps}
   * @param eps {@code prioritized_replay_eps}
   * @param seed seed of the replay sampling
   */
  public record Settings(
      int bufferSize,
      int learningStarts,
      int trainBatchSize,
      boolean prioritized,
      double alpha,
      LinearSchedule beta,
      double eps,
      long seed) {

    /** Uniform replay. */
    public static Settings uniform(int bufferSize, int learningStarts, int trainBatchSize, long seed) {
      return new Settings(bufferSize, learningStarts, trainBatchSize, false, 0, null, 0, seed);
    }
  }

  private final WorkerSet workers;
  private final Settings settings;
  private final ReplayBuffer uniform;
  private final PrioritizedReplayBuffer prioritized;
  private long stepsSampled;
  private long stepsTrained;

  /** An optimizer over {@code workers} with uniform replay. */
  public SyncReplayOptimizer(WorkerSet workers, int bufferSize, int learningStarts, int trainBatchSize, long seed) {
    this(workers, Settings.uniform(bufferSize, learningStarts, trainBatchSize, seed));
  }

  /** An optimizer over {@code workers}. */
  public SyncReplayOptimizer(WorkerSet workers, Settings settings) {
    this.workers = workers;
    this.settings = settings;
    if (settings.prioritized()) {
      prioritized = new PrioritizedReplayBuffer(settings.bufferSize(), settings.alpha(), settings.seed());
      uniform = null;
    } else {
      uniform = new ReplayBuffer(settings.bufferSize(), settings.seed());
      prioritized = null;
    }
  }

  @Override
  public StepOutcome step() {
    long t0 = System.nanoTime();
    workers.syncWeights();
    long t1 = System.nanoTime();
    int count = 0;
    List<SampleBatch> batches =
        workers.numRemoteWorkers() > 0 ? workers.sampleRemote() : List.of(workers.localWorker().sampleBatch());
    for (SampleBatch b : batches) {
      if (prioritized != null) {
        prioritized.add(b);
      } else {
        uniform.add(b);
      }
      count += b.count();
    }
    long t2 = System.nanoTime();
    Map<String, Object> stats = Map.of();
    int trained = 0;
    long t3 = t2;
    if (stepsSampled >= settings.learningStarts()) {
      int n = settings.trainBatchSize();
      SampleBatch replay = prioritized != null
          ? prioritized.sample(n, settings.beta().value(stepsTrained))
          : uniform.sample(n);
      t3 = System.nanoTime();
      Policy policy = workers.localWorker().getPolicy();
      policy.onGlobalVarUpdate(stepsSampled);
      Map<String, Object> learned = new LinkedHashMap<>(policy.learnOnBatch(replay));
      Object td = learned.remove(TD_ERROR);
      if (prioritized != null) {
        if (!(td instanceof float[] errors) || errors.length != n) {
          throw new IllegalStateException(policy.getClass().getSimpleName()
              + ".learnOnBatch must report '" + TD_ERROR + "' (one float per row) for prioritized replay");
        }
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
          p[i] = (float) (Math.abs(errors[i]) + settings.eps());
        }
        prioritized.updatePriorities(replay.longs(PrioritizedReplayBuffer.BATCH_INDEXES), p);
      }
      stats = learned;
      trained = n;
      stepsTrained += trained;
    }
    stepsSampled += count;
    long t4 = System.nanoTime();
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("update_time_ms", (t1 - t0) / 1e6);
    timings.put("sample_time_ms", (t2 - t1) / 1e6);
    timings.put("replay_time_ms", (t3 - t2) / 1e6);
    timings.put("grad_time_ms", (t4 - t3) / 1e6);
    return new StepOutcome(count, trained, stats, timings);
  }

  @Override
  public Map<String, Object> stats() {
    return Map.of("replay_buffer_size", bufferSize(), "num_steps_replayed", stepsTrained);
  }

  private int bufferSize() {
    return prioritized != null ? prioritized.size() : uniform.size();
  }

  @Override
  public void setGlobalTimestep(long steps) {
    stepsSampled = steps;
  }

  @Override
  public long numStepsSampled() {
    return stepsSampled;
  }

  @Override
  public long numStepsTrained() {
    return stepsTrained;
  }

  /** The uniform buffer, or null with prioritized replay (for tests). */
  public ReplayBuffer buffer() {
    return uniform;
  }

  /** The prioritized buffer, or null with uniform replay (for tests). */
  public PrioritizedReplayBuffer prioritizedBuffer() {
    return prioritized;
  }
}
