package io.tune4j.rllib.policy;

import io.tune4j.rllib.util.PublicApi;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A columnar batch of experience (RLlib's {@code SampleBatch}): every column has {@link #count()}
 * rows. Numeric columns are row-major {@code float[]} of {@code count * width} values or {@code
 * long[]} of {@code count} values (episode ids, time steps, agent indices); an optional {@link
 * #INFOS} column holds the env's info maps.
 *
 * <pre>{@code
 * float[] obs = new float[4 * 2];                     // two rows of CartPole observations
 * float[] rewards = {1f, 1f};
 * long[] epsIds = {7, 7};
 * SampleBatch b = new SampleBatch()
 *     .putFloats(SampleBatch.OBS, 4, obs)          // obs.length == 4 * n
 *     .putFloats(SampleBatch.REWARDS, 1, rewards)  // rewards.length == n
 *     .putLongs(SampleBatch.EPS_ID, epsIds);
 * byte[] wire = b.encode();                        // for actor hops
 * SampleBatch same = SampleBatch.decode(wire);
 * }</pre>
 *
 * <p>Accessors return the live backing arrays (no copies); a batch is not thread-safe. Use {@link
 * Builder} to append rows one at a time.
 */
@PublicApi
public final class SampleBatch {

  /** Observation at time t (preprocessed, filtered). */
  public static final String OBS = "obs";

  /** Observation at time t+1. */
  public static final String NEW_OBS = "new_obs";

  /** Action taken at time t. */
  public static final String ACTIONS = "actions";

  /** Reward received after the action at time t. */
  public static final String REWARDS = "rewards";

  /** 1 if the episode ended at this step, else 0. */
  public static final String DONES = "dones";

  /** The env's info map of this step. */
  public static final String INFOS = "infos";

  /** Episode id ({@code long}). */
  public static final String EPS_ID = "eps_id";

  /** Agent index within a multi-agent env ({@code long}). */
  public static final String AGENT_INDEX = "agent_index";

  /** Time step within the episode ({@code long}). */
  public static final String T = "t";

  /** Value function prediction V(s_t) at sampling time. */
  public static final String VF_PREDS = "vf_preds";

  /** log π(a_t|s_t) of the behaviour policy. */
  public static final String ACTION_LOGP = "action_logp";

  /** Distribution inputs (logits) of the behaviour policy. */
  public static final String BEHAVIOUR_LOGITS = "behaviour_logits";

  /** Advantage estimates (postprocessing). */
  public static final String ADVANTAGES = "advantages";

  /** Value function targets (postprocessing). */
  public static final String VALUE_TARGETS = "value_targets";

  /** Previous action (for recurrent / action-conditioned models). */
  public static final String PREV_ACTIONS = "prev_actions";

  /** Previous reward. */
  public static final String PREV_REWARDS = "prev_rewards";

  // Column name -> float[] | long[] | List<Map<String, Object>>, in insertion order.
  private final Map<String, Object> data = new LinkedHashMap<>();
  private final Map<String, Integer> widths = new LinkedHashMap<>();
  private int count = -1; // -1 until the first column fixes it

  /** Creates an empty batch (no columns, zero rows). */
  public SampleBatch() {}

  /** Number of rows (0 for a batch without columns). */
  public int count() {
    return Math.max(count, 0);
  }

  /** True if the batch has column {@code col}. */
  public boolean has(String col) {
    return data.containsKey(col);
  }

  /** Column names, in insertion order (unmodifiable view). */
  public Set<String> columns() {
    return Collections.unmodifiableSet(data.keySet());
  }

  /** True if {@code col} is a float column. */
  public boolean isFloat(String col) {
    return data.get(col) instanceof float[];
  }

  /** True if {@code col} is a long column. */
  public boolean isLong(String col) {
    return data.get(col) instanceof long[];
  }

  /**
   * The live row-major values of float column {@code col}.
   *
   * @throws IllegalArgumentException if the column is missing or not a float column
   */
  public float[] floats(String col) {
    Object v = require(col);
    if (!(v instanceof float[] f)) {
      throw new IllegalArgumentException("column '" + col + "' is not a float column");
    }
    return f;
  }

  /**
   * The live values of long column {@code col}.
   *
   * @throws IllegalArgumentException if the column is missing or not a long column
   */
  public long[] longs(String col) {
    Object v = require(col);
    if (!(v instanceof long[] l)) {
      throw new IllegalArgumentException("column '" + col + "' is not a long column");
    }
    return l;
  }

  /** Row width of column {@code col} (1 for long and info columns). */
  public int width(String col) {
    require(col);
    return widths.get(col);
  }

  /** The info maps, one per row, or {@code null} if the batch has no {@link #INFOS} column. */
  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> infos() {
    return (List<Map<String, Object>>) data.get(INFOS);
  }

  /**
   * Sets float column {@code col} to {@code values} (kept, not copied).
   *
   * @param width values per row, ≥ 1
   * @return this batch
   * @throws IllegalArgumentException if the row count disagrees with the other columns
   */
  public SampleBatch putFloats(String col, int width, float[] values) {
    if (width < 1 || values.length % width != 0) {
      throw new IllegalArgumentException(
          "column '" + col + "': length " + values.length + " is not a multiple of width " + width);
    }
    return put(col, width, values, values.length / width);
  }

  /** Sets long column {@code col} to {@code values} (kept, not copied); returns this batch. */
  public SampleBatch putLongs(String col, long[] values) {
    return put(col, 1, values, values.length);
  }

  /** Sets the {@link #INFOS} column (one map per row); returns this batch. */
  public SampleBatch putInfos(List<Map<String, Object>> infos) {
    return put(INFOS, 1, infos, infos.size());
  }

  /** Removes column {@code col} if present (e.g. a sampler dropping infos); returns this batch. */
  public SampleBatch remove(String col) {
    data.remove(col);
    widths.remove(col);
    if (data.isEmpty()) {
      count = -1;
    }
    return this;
  }

  private SampleBatch put(String col, int width, Object values, int rows) {
    boolean onlyThis = data.size() == 1 && data.containsKey(col);
    if (count >= 0 && rows != count && !onlyThis) {
      throw new IllegalArgumentException(
          "column '" + col + "' has " + rows + " rows but the batch has " + count);
    }
    count = rows;
    data.put(col, values);
    widths.put(col, width);
    return this;
  }

  private Object require(String col) {
    Object v = data.get(col);
    if (v == null) {
      throw new IllegalArgumentException("no column '" + col + "' in batch with " + data.keySet());
    }
    return v;
  }

  /**
   * Concatenates batches row-wise. All batches must have the same columns with the same widths.
   *
   * @throws IllegalArgumentException naming the column that differs
   */
  public static SampleBatch concat(List<SampleBatch> batches) {
    List<SampleBatch> parts = new ArrayList<>();
    for (SampleBatch b : batches) {
      if (!b.data.isEmpty()) {
        parts.add(b);
      }
    }
    SampleBatch out = new SampleBatch();
    if (parts.isEmpty()) {
      return out;
    }
    SampleBatch first = parts.get(0);
    int total = 0;
    for (SampleBatch b : parts) {
      if (!b.data.keySet().equals(first.data.keySet())) {
        throw new IllegalArgumentException(
            "cannot concat batches with columns " + first.data.keySet() + " and " + b.columns());
      }
      total += b.count();
    }
    for (Map.Entry<String, Object> e : first.data.entrySet()) {
      String col = e.getKey();
      int w = first.widths.get(col);
      for (SampleBatch b : parts) {
        if (b.widths.get(col) != w || b.data.get(col).getClass() != e.getValue().getClass()) {
          throw new IllegalArgumentException(
              "column '"
                  + col
                  + "' differs in kind or width across batches: "
                  + w
                  + " vs "
                  + b.widths.get(col));
        }
      }
      Object merged;
      if (e.getValue() instanceof float[]) {
        float[] dst = new float[total * w];
        int pos = 0;
        for (SampleBatch b : parts) {
          float[] src = (float[]) b.data.get(col);
          System.arraycopy(src, 0, dst, pos, src.length);
          pos += src.length;
        }
        merged = dst;
      } else if (e.getValue() instanceof long[]) {
        long[] dst = new long[total];
        int pos = 0;
        for (SampleBatch b : parts) {
          long[] src = (long[]) b.data.get(col);
          System.arraycopy(src, 0, dst, pos, src.length);
          pos += src.length;
        }
        merged = dst;
      } else {
        List<Map<String, Object>> dst = new ArrayList<>(total);
        for (SampleBatch b : parts) {
          dst.addAll(b.infos());
        }
        merged = dst;
      }
      out.put(col, w, merged, total);
    }
    return out;
  }

  /** This batch followed by {@code other}, as a new batch. */
  public SampleBatch concat(SampleBatch other) {
    return concat(List.of(this, other));
  }

  /** Rows {@code [from, to)} as a new batch (copies). */
  public SampleBatch slice(int from, int to) {
    if (from < 0 || to > count() || from > to) {
      throw new IndexOutOfBoundsException(
          "slice [" + from + ", " + to + ") of batch with " + count() + " rows");
    }
    SampleBatch out = new SampleBatch();
    for (Map.Entry<String, Object> e : data.entrySet()) {
      int w = widths.get(e.getKey());
      Object v = e.getValue();
      Object part;
      if (v instanceof float[] f) {
        part = Arrays.copyOfRange(f, from * w, to * w);
      } else if (v instanceof long[] l) {
        part = Arrays.copyOfRange(l, from, to);
      } else {
        part = new ArrayList<>(infos().subList(from, to));
      }
      out.put(e.getKey(), w, part, to - from);
    }
    return out;
  }

  /** The given rows, in the given order, as a new batch. */
  public SampleBatch select(int[] rows, int from, int to) {
    int n = to - from;
    SampleBatch out = new SampleBatch();
    for (Map.Entry<String, Object> e : data.entrySet()) {
      int w = widths.get(e.getKey());
      Object v = e.getValue();
      Object part;
      if (v instanceof float[] f) {
        float[] dst = new float[n * w];
        if (w == 1) {
          for (int i = 0; i < n; i++) {
            dst[i] = f[rows[from + i]];
          }
        } else {
          for (int i = 0; i < n; i++) {
            System.arraycopy(f, rows[from + i] * w, dst, i * w, w);
          }
        }
        part = dst;
      } else if (v instanceof long[] l) {
        long[] dst = new long[n];
        for (int i = 0; i < n; i++) {
          dst[i] = l[rows[from + i]];
        }
        part = dst;
      } else {
        List<Map<String, Object>> src = infos();
        List<Map<String, Object>> dst = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          dst.add(src.get(rows[from + i]));
        }
        part = dst;
      }
      out.put(e.getKey(), w, part, n);
    }
    return out;
  }

  /**
   * Shuffles the rows of every column with one permutation drawn from {@code rng} (Fisher-Yates),
   * in place.
   *
   * @return this batch
   */
  public SampleBatch shuffle(Random rng) {
    int[] perm = permutation(count(), rng);
    SampleBatch shuffled = select(perm, 0, perm.length);
    data.clear();
    data.putAll(shuffled.data);
    return this;
  }

  /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
  public static int[] permutation(int n, Random rng) {
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    return perm;
  }

  /**
   * Consecutive slices of at most {@code size} rows; the last may be shorter (RLlib's minibatch
   * loop, which loads the whole batch and walks it in order after shuffling).
   */
  public List<SampleBatch> minibatches(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("minibatch size must be >= 1, got " + size);
    }
    List<SampleBatch> out = new ArrayList<>();
    for (int from = 0; from < count(); from += size) {
      out.add(slice(from, Math.min(count(), from + size)));
    }
    return out;
  }

  /**
   * Splits the batch into runs of consecutive rows with the same {@link #EPS_ID}.
   *
   * @throws IllegalArgumentException if there is no eps_id column
   */
  public List<SampleBatch> splitByEpisode() {
    long[] ids = longs(EPS_ID);
    List<SampleBatch> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= ids.length; i++) {
      if (i == ids.length || ids[i] != ids[start]) {
        out.add(slice(start, i));
        start = i;
      }
    }
    return out;
  }

  /** A deep copy of the numeric columns (info maps are shared). */
  public SampleBatch copy() {
    return slice(0, count());
  }

  /** Encodes this batch into a compact byte array (see {@link SampleBatchCodec}). */
  public byte[] encode() {
    return SampleBatchCodec.encode(this);
  }

  /**
   * Decodes a batch produced by {@link #encode()}.
   *
   * @throws IllegalArgumentException if the bytes are not an encoded batch
   */
  public static SampleBatch decode(byte[] bytes) {
    return SampleBatchCodec.decode(bytes);
  }

  Object raw(String col) {
    return data.get(col);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("SampleBatch(").append(count()).append(" rows:");
    for (String c : data.keySet()) {
      sb.append(' ').append(c).append('[').append(widths.get(c)).append(']');
    }
    return sb.append(')').toString();
  }

  /**
   * Appends rows column by column for samplers; buffers grow geometrically so appending allocates
   * nothing per row beyond amortised growth. {@link #build()} copies the rows out, and {@link
   * #clear()} makes the builder reusable.
   *
   * <pre>{@code
   * SampleBatch.Builder b = new SampleBatch.Builder();
   * for (int t = 0; t < 3; t++) {
   *   float[] obsRow = new float[4];
   *   float r = 1f;
   *   b.addFloats(SampleBatch.OBS, 4, obsRow, 0);
   *   b.addFloat(SampleBatch.REWARDS, r);
   *   b.addLong(SampleBatch.T, t);
   * }
   * SampleBatch batch = b.build();
   * }</pre>
   */
  public static final class Builder {
    private final Map<String, SampleBatchColumns.Growable> cols = new LinkedHashMap<>();
    private List<Map<String, Object>> infos;

    /** Appends one row of {@code width} floats from {@code src[off..off+width)} to {@code col}. */
    public Builder addFloats(String col, int width, float[] src, int off) {
      floatColumn(col, width).add(src, off);
      return this;
    }

    /** Appends one row of {@code width} doubles (narrowed to float) to {@code col}. */
    public Builder addDoubles(String col, int width, double[] src, int off) {
      floatColumn(col, width).add(src, off);
      return this;
    }

    /** Appends one value to width-1 float column {@code col}. */
    public Builder addFloat(String col, float v) {
      floatColumn(col, 1).add(v);
      return this;
    }

    /** Appends one value to long column {@code col}. */
    public Builder addLong(String col, long v) {
      longColumn(col).add(v);
      return this;
    }

    /** Appends one info map (may be empty, not null). */
    public Builder addInfo(Map<String, Object> info) {
      if (infos == null) {
        infos = new ArrayList<>();
      }
      infos.add(info);
      return this;
    }

    /**
     * The float column {@code col} of this builder, created on first use; keep the handle to skip
     * the per-row name lookup.
     *
     * @throws IllegalArgumentException if the column exists with another kind or width
     */
    public SampleBatchColumns.FloatColumn floatColumn(String col, int width) {
      SampleBatchColumns.Growable c = cols.get(col);
      if (c == null) {
        c = new SampleBatchColumns.FloatColumn(col, width);
        cols.put(col, c);
      }
      if (!(c instanceof SampleBatchColumns.FloatColumn f) || f.width() != width) {
        throw new IllegalArgumentException(
            "builder column '" + col + "' already exists with another kind or width");
      }
      return f;
    }

    /** The long column {@code col} of this builder, created on first use. */
    public SampleBatchColumns.LongColumn longColumn(String col) {
      SampleBatchColumns.Growable c = cols.computeIfAbsent(col, SampleBatchColumns.LongColumn::new);
      if (!(c instanceof SampleBatchColumns.LongColumn l)) {
        throw new IllegalArgumentException("builder column '" + col + "' is not a long column");
      }
      return l;
    }

    /** Rows appended so far (the largest column's row count). */
    public int count() {
      int n = infos == null ? 0 : infos.size();
      for (SampleBatchColumns.Growable c : cols.values()) {
        n = Math.max(n, c.rows());
      }
      return n;
    }

    /**
     * Copies the appended rows into a new batch.
     *
     * @throws IllegalArgumentException if columns have different row counts
     */
    public SampleBatch build() {
      SampleBatch out = new SampleBatch();
      for (SampleBatchColumns.Growable c : cols.values()) {
        c.putInto(out);
      }
      if (infos != null) {
        out.putInfos(new ArrayList<>(infos));
      }
      return out;
    }

    /** Forgets all rows, keeping the buffers for reuse. */
    public void clear() {
      for (SampleBatchColumns.Growable c : cols.values()) {
        c.clear();
      }
      if (infos != null) {
        infos.clear();
      }
    }
  }
}
