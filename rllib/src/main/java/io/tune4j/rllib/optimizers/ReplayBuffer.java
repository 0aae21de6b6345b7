package io.tune4j.rllib.optimizers;

import io.tune4j.rllib.policy.SampleBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A FIFO replay buffer of sample-batch rows (RLlib 2019's {@code ReplayBuffer}): holds the newest
 * {@code capacity} rows and samples rows uniformly with replacement. Rows are kept in the batches
 * they arrived in; adding evicts the oldest rows, sampling gathers the chosen rows with one {@code
 * select} per stored batch.
 *
 * <pre>{@code
 * ReplayBuffer buf = new ReplayBuffer(50_000, 1L);
 * buf.add(batch);
 * SampleBatch train = buf.sample(32);
 * }</pre>
 */
public final class ReplayBuffer {
  private final int capacity;
  private final SplittableRandom rng;
  private final Deque<SampleBatch> chunks = new ArrayDeque<>();
  private int size;
  private long added;

  /**
   * An empty buffer.
   *
   * @param capacity rows kept (RLlib's {@code buffer_size})
   * @param seed seed of the sampling
   */
  public ReplayBuffer(int capacity, long seed) {
    if (capacity < 1) {
      throw new IllegalArgumentException("buffer_size must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
    this.rng = new SplittableRandom(seed);
  }

  /** Adds every row of {@code batch}, evicting the oldest rows beyond the capacity. */
  public void add(SampleBatch batch) {
    int n = batch.count();
    if (n == 0) {
      return;
    }
    if (n >= capacity) {
      chunks.clear();
      chunks.add(batch.slice(n - capacity, n));
      size = capacity;
    } else {
      chunks.addLast(batch);
      size += n;
      while (size > capacity) {
        SampleBatch first = chunks.pollFirst();
        int over = size - capacity;
        if (first.count() <= over) {
          size -= first.count();
        } else {
          chunks.addFirst(first.slice(over, first.count()));
          size -= over;
        }
      }
    }
    added += n;
  }

  /** Rows held now. */
  public int size() {
    return size;
  }

  /** Rows added over the buffer's life. */
  public long added() {
    return added;
  }

  /**
   * {@code n} rows drawn uniformly with replacement, as one batch.
   *
   * @throws IllegalStateException when the buffer is empty
   */
  public SampleBatch sample(int n) {
    if (size == 0) {
      throw new IllegalStateException("cannot sample from an empty replay buffer");
    }
    int[] picks = new int[n];
    for (int i = 0; i < n; i++) {
      picks[i] = rng.nextInt(size);
    }
    Arrays.sort(picks);
    List<SampleBatch> parts = new ArrayList<>();
    int base = 0;
    int at = 0;
    for (SampleBatch c : chunks) {
      int end = base + c.count();
      int from = at;
      while (at < n && picks[at] < end) {
        picks[at] -= base;
        at++;
      }
      if (at > from) {
        parts.add(c.select(picks, from, at));
      }
      base = end;
    }
    SampleBatch out = parts.size() == 1 ? parts.get(0) : SampleBatch.concat(parts);
    return out.shuffle(new java.util.Random(rng.nextLong()));
  }
}
