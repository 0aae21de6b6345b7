package io.tune4j.rllib.optimizers;

import io.tune4j.rllib.policy.SampleBatch;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One shard of Ape-X's replay memory (RLlib 2019's {@code ReplayActor}), hosted by an actor of the
 * actor runtime: a {@link PrioritizedReplayBuffer} of {@code buffer_size / num_shards} rows that
 * replays {@code train_batch_size} rows once {@code learning_starts / num_shards} were added. Rows
 * enter with the priorities in their {@code weights} column (the workers' TD errors with {@code
 * worker_side_prioritization}, else 1).
 */
public final class ReplayShard {
  private PrioritizedReplayBuffer buffer;
  private AsyncReplayOptimizer.Settings settings;
  private long replayStarts;
  private long numAdded;
  private long addNs;
  private long adds;
  private long replayNs;
  private long replays;
  private long updateNs;
  private long updates;

  /** An empty shard; {@link #setup} sizes it. */
  public ReplayShard() {}

  /** Sizes the shard for shard {@code index} of {@code settings.numShards()}. */
  public void setup(AsyncReplayOptimizer.Settings settings, int index) {
    this.settings = settings;
    int shards = settings.numShards();
    this.buffer = new PrioritizedReplayBuffer(
        Math.max(1, settings.bufferSize() / shards), settings.alpha(), settings.seed() * 31 + index);
    this.replayStarts = settings.learningStarts() / shards;
  }

  /** Adds an encoded sample batch. */
  public void add(byte[] encoded) {
    long t0 = System.nanoTime();
    SampleBatch b = SampleBatch.decode(encoded);
    buffer.add(b, b.has(PrioritizedReplayBuffer.WEIGHTS) ? b.floats(PrioritizedReplayBuffer.WEIGHTS) : null);
    numAdded += b.count();
    addNs += System.nanoTime() - t0;
    adds++;
  }

  /** An encoded train batch, or an empty array before {@code learning_starts / num_shards} rows. */
  public byte[] replay() {
    if (numAdded < replayStarts || buffer.size() == 0) {
      return new byte[0];
    }
    long t0 = System.nanoTime();
    byte[] out = buffer.sample(settings.trainBatchSize(), settings.beta()).encode();
    replayNs += System.nanoTime() - t0;
    replays++;
    return out;
  }

  /** Sets priorities {@code |td_error| + prioritized_replay_eps} of replayed rows. */
  public void updatePriorities(long[] batchIndexes, float[] tdErrors) {
    long t0 = System.nanoTime();
    float[] p = new float[tdErrors.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) (Math.abs(tdErrors[i]) + settings.eps());
    }
    buffer.updatePriorities(batchIndexes, p);
    updateNs += System.nanoTime() - t0;
    updates++;
  }

  /** Drops the buffer (before the actor goes back to the runtime). */
  public void close() {
    buffer = null;
  }

  /** RLlib's replay-shard stats: mean add/replay/update times and the buffer size. */
  public Map<String, Object> stats() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("add_batch_time_ms", adds == 0 ? 0.0 : addNs / 1e6 / adds);
    s.put("replay_time_ms", replays == 0 ? 0.0 : replayNs / 1e6 / replays);
    s.put("update_priorities_time_ms", updates == 0 ? 0.0 : updateNs / 1e6 / updates);
    s.put("num_added", numAdded);
    s.put("size", buffer.size());
    return s;
  }
}
