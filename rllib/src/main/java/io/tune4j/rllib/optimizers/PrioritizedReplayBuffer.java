package io.tune4j.rllib.optimizers;

import io.tune4j.rllib.policy.SampleBatch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Prioritized experience replay (Schaul et al. 2016, "Prioritized Experience Replay"; RLlib 2019's
 * {@code PrioritizedReplayBuffer}): a ring of the newest {@code capacity} rows, each sampled with
 * probability {@code p_i^α / Σ_k p_k^α}. New rows get the highest priority seen so far; learners
 * report new priorities ({@code |td_error| + ε}) through {@link #updatePriorities}. Sampled rows
 * carry importance weights {@code (N·P(i))^−β / max_j (N·P(j))^−β} in the {@code weights} column
 * and their slot in {@code batch_indexes}.
 *
 * <p>Rows are stored column by column (float columns of any width, long columns), captured from
 * the first batch added; later batches must have the same columns. Sum and min segment trees make
 * sampling and updates O(log N). Not thread-safe.
 *
 * <pre>{@code
 * PrioritizedReplayBuffer buf = new PrioritizedReplayBuffer(50_000, 0.6, 1L);
 * buf.add(batch);
 * SampleBatch train = buf.sample(32, 0.4);
 * buf.updatePriorities(train.longs("batch_indexes"), newPriorities);
 * }</pre>
 */
public final class PrioritizedReplayBuffer {
  /** Column of importance-sampling weights in sampled batches. */
  public static final String WEIGHTS = "weights";

  /** Column of the sampled rows' slots, for {@link #updatePriorities}. */
  public static final String BATCH_INDEXES = "batch_indexes";

  private final int capacity;
  private final double alpha;
  private final SplittableRandom rng;
  private final int treeSize; // power of two >= capacity
  private final double[] sum;
  private final double[] min;
  private double maxPriority = 1.0;
  private final Map<String, float[]> floats = new LinkedHashMap<>();
  private final Map<String, Integer> widths = new LinkedHashMap<>();
  private final Map<String, long[]> longs = new LinkedHashMap<>();
  private int next;
  private int size;
  private long added;

  /**
   * An empty buffer.
   *
   * @param capacity rows kept ({@code buffer_size})
   * @param alpha how much prioritization is used, 0 = uniform ({@code prioritized_replay_alpha})
   * @param seed seed of the sampling
   */
  public PrioritizedReplayBuffer(int capacity, double alpha, long seed) {
    if (capacity < 1) {
      throw new IllegalArgumentException("buffer_size must be >= 1, got " + capacity);
    }
    if (alpha < 0) {
      throw new IllegalArgumentException("prioritized_replay_alpha must be >= 0, got " + alpha);
    }
    this.capacity = capacity;
    this.alpha = alpha;
    this.rng = new SplittableRandom(seed);
    int t = 1;
    while (t < capacity) {
      t <<= 1;
    }
    treeSize = t;
    sum = new double[2 * t];
    min = new double[2 * t];
    java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
  }

  /** Adds every row of {@code batch} with the highest priority so far, evicting the oldest. */
  public void add(SampleBatch batch) {
    add(batch, null);
  }

  /**
   * Adds every row of {@code batch} with the given initial priorities (Ape-X: the workers' {@code
   * weights} column), or the highest priority so far when {@code priorities} is null.
   */
  public void add(SampleBatch batch, float[] priorities) {
    int n = batch.count();
    if (priorities != null && priorities.length != n) {
      throw new IllegalArgumentException(n + " rows but " + priorities.length + " priorities");
    }
    if (n == 0) {
      return;
    }
    if (floats.isEmpty() && longs.isEmpty()) {
      for (String col : batch.columns()) {
        if (col.equals(SampleBatch.INFOS) || col.equals(WEIGHTS) || col.equals(BATCH_INDEXES)) {
          continue;
        }
        if (batch.isFloat(col)) {
          widths.put(col, batch.width(col));
          floats.put(col, new float[capacity * batch.width(col)]);
        } else if (batch.isLong(col)) {
          longs.put(col, new long[capacity]);
        }
      }
    }
    for (String col : floats.keySet()) {
      if (!batch.has(col)) {
        throw new IllegalArgumentException(
            "replay buffer holds column '" + col + "' but the added batch has " + batch.columns());
      }
    }
    double p = Math.pow(maxPriority, alpha);
    for (int r = 0; r < n; r++) {
      int slot = next;
      for (Map.Entry<String, float[]> e : floats.entrySet()) {
        int w = widths.get(e.getKey());
        System.arraycopy(batch.floats(e.getKey()), r * w, e.getValue(), slot * w, w);
      }
      for (Map.Entry<String, long[]> e : longs.entrySet()) {
        e.getValue()[slot] = batch.has(e.getKey()) ? batch.longs(e.getKey())[r] : 0L;
      }
      if (priorities == null) {
        setPriority(slot, p);
      } else {
        double q = priorities[r];
        if (!(q > 0)) {
          throw new IllegalArgumentException("initial priority " + q + " of row " + r + " (need > 0)");
        }
        setPriority(slot, Math.pow(q, alpha));
        maxPriority = Math.max(maxPriority, q);
      }
      next = (next + 1) % capacity;
      size = Math.min(size + 1, capacity);
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
   * Draws {@code n} rows in proportion to their priorities, with importance weights for {@code
   * beta} ({@code prioritized_replay_beta}).
   *
   * @throws IllegalStateException when the buffer is empty
   */
  public SampleBatch sample(int n, double beta) {
    if (size == 0) {
      throw new IllegalStateException("cannot sample from an empty replay buffer");
    }
    double total = sum[1];
    double pMin = min[1] / total;
    double maxWeight = Math.pow(pMin * size, -beta);
    long[] idx = new long[n];
    float[] weights = new float[n];
    for (int i = 0; i < n; i++) {
      int slot = findPrefixSum(rng.nextDouble() * total);
      idx[i] = slot;
      double pSample = sum[treeSize + slot] / total;
      weights[i] = (float) (Math.pow(pSample * size, -beta) / maxWeight);
    }
    SampleBatch out = new SampleBatch();
    for (Map.Entry<String, float[]> e : floats.entrySet()) {
      int w = widths.get(e.getKey());
      float[] src = e.getValue();
      float[] col = new float[n * w];
      for (int i = 0; i < n; i++) {
        System.arraycopy(src, (int) idx[i] * w, col, i * w, w);
      }
      out.putFloats(e.getKey(), w, col);
    }
    for (Map.Entry<String, long[]> e : longs.entrySet()) {
      long[] src = e.getValue();
      long[] col = new long[n];
      for (int i = 0; i < n; i++) {
        col[i] = src[(int) idx[i]];
      }
      out.putLongs(e.getKey(), col);
    }
    out.putFloats(WEIGHTS, 1, weights);
    out.putLongs(BATCH_INDEXES, idx);
    return out;
  }

  /**
   * Sets the priorities of sampled rows ({@code |td_error| + prioritized_replay_eps}).
   *
   * @throws IllegalArgumentException for a non-positive priority or an unknown slot
   */
  public void updatePriorities(long[] slots, float[] priorities) {
    if (slots.length != priorities.length) {
      throw new IllegalArgumentException(
          slots.length + " batch indexes but " + priorities.length + " priorities");
    }
    for (int i = 0; i < slots.length; i++) {
      double p = priorities[i];
      if (!(p > 0) || slots[i] < 0 || slots[i] >= size) {
        throw new IllegalArgumentException(
            "priority " + p + " for slot " + slots[i] + " (need priority > 0, slot < " + size + ")");
      }
      setPriority((int) slots[i], Math.pow(p, alpha));
      maxPriority = Math.max(maxPriority, p);
    }
  }

  /** The priority^α of {@code slot} (for tests). */
  double weightOf(int slot) {
    return sum[treeSize + slot];
  }

  private void setPriority(int slot, double v) {
    int i = treeSize + slot;
    sum[i] = v;
    min[i] = v;
    for (i >>= 1; i >= 1; i >>= 1) {
      sum[i] = sum[2 * i] + sum[2 * i + 1];
      min[i] = Math.min(min[2 * i], min[2 * i + 1]);
    }
  }

  /** The highest slot whose prefix sum of priorities is at most {@code mass}. */
  private int findPrefixSum(double mass) {
    int i = 1;
    while (i < treeSize) {
      if (sum[2 * i] > mass) {
        i = 2 * i;
      } else {
        mass -= sum[2 * i];
        i = 2 * i + 1;
      }
    }
    int slot = i - treeSize;
    return Math.min(slot, size - 1); // rounding at the right edge
  }
}
