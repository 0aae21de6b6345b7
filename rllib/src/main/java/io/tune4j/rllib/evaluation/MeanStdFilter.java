package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.util.DeveloperApi;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Normalises observations by a running mean and standard deviation ({@code observation_filter:
 * "MeanStdFilter"}, RLlib's {@code MeanStdFilter}): {@code x' = (x - mean) / (std + 1e-8)},
 * optionally clipped to {@code [-clip, clip]}, where mean and std include the row being filtered
 * when {@code update} is true.
 *
 * <p>A second {@link RunningStat}, the buffer, collects the rows seen since the last sync so that
 * a driver can merge the workers' new data without double counting (see {@link
 * ObservationFilter}).
 *
 * <pre>{@code
 * MeanStdFilter f = new MeanStdFilter(4);          // demean, destd, no clip (as RLlib's config)
 * f.apply(row, 0, true);
 * }</pre>
 */
@DeveloperApi
public final class MeanStdFilter implements ObservationFilter {
  private static final long serialVersionUID = 1L;
  static final byte TAG = 1;
  static final byte BUFFER_TAG = 2;

  /** The {@code observation_filter} value that selects this filter. */
  public static final String NAME = "MeanStdFilter";

  private final int size;
  private boolean demean;
  private boolean destd;
  private double clip;
  private final RunningStat rs;
  private final RunningStat buffer;

  /**
   * Creates the filter RLlib's {@code observation_filter: "MeanStdFilter"} creates: demean and
   * destd, no clipping.
   *
   * @param size width of a preprocessed observation row
   */
  public MeanStdFilter(int size) {
    this(size, true, true, 0);
  }

  /**
   * Creates a filter.
   *
   * @param size width of a preprocessed observation row
   * @param demean subtract the running mean
   * @param destd divide by the running standard deviation plus 1e-8
   * @param clip clip filtered values to {@code [-clip, clip]}; 0 or NaN disables clipping
   */
  public MeanStdFilter(int size, boolean demean, boolean destd, double clip) {
    if (clip < 0) {
      throw new IllegalArgumentException("MeanStdFilter clip must be >= 0 (0 = off), got " + clip);
    }
    this.size = size;
    this.demean = demean;
    this.destd = destd;
    this.clip = Double.isNaN(clip) ? 0 : clip;
    this.rs = new RunningStat(size);
    this.buffer = new RunningStat(size);
  }

  /** Width of the rows this filter normalises. */
  public int size() {
    return size;
  }

  /** The statistics used to filter (a live view; do not modify). */
  public RunningStat runningStat() {
    return rs;
  }

  /** The statistics of the rows seen since the buffer was last cleared (a live view). */
  public RunningStat buffer() {
    return buffer;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void apply(float[] rows, int off, boolean update) {
    if (update) {
      rs.push(rows, off);
      buffer.push(rows, off);
    }
    for (int i = 0; i < size; i++) {
      double x = rows[off + i];
      if (demean) {
        x -= rs.mean(i);
      }
      if (destd) {
        x /= rs.std(i) + 1e-8;
      }
      if (clip > 0) {
        x = x < -clip ? -clip : (x > clip ? clip : x);
      }
      rows[off + i] = (float) x;
    }
  }

  @Override
  public void applyChanges(ObservationFilter other) {
    rs.update(cast(other).buffer);
  }

  @Override
  public void applyChanges(byte[] bufferState) {
    ByteBuffer in = wrap(bufferState, BUFFER_TAG, "buffer state");
    RunningStat delta = new RunningStat(size);
    readStat(delta, in, "buffer state");
    rs.update(delta);
  }

  @Override
  public void sync(ObservationFilter other) {
    MeanStdFilter o = cast(other);
    demean = o.demean;
    destd = o.destd;
    clip = o.clip;
    rs.copyFrom(o.rs);
    buffer.copyFrom(o.buffer);
  }

  @Override
  public void clearBuffer() {
    buffer.clear();
  }

  @Override
  public MeanStdFilter copy() {
    MeanStdFilter c = new MeanStdFilter(size, demean, destd, clip);
    c.sync(this);
    return c;
  }

  @Override
  public byte[] getState() {
    ByteBuffer out = ByteBuffer.allocate(1 + 2 + Double.BYTES + rs.encodedSize() * 2);
    out.put(TAG).put((byte) (demean ? 1 : 0)).put((byte) (destd ? 1 : 0)).putDouble(clip);
    rs.write(out);
    buffer.write(out);
    return out.array();
  }

  @Override
  public void setState(byte[] state) {
    ByteBuffer in = wrap(state, TAG, "state");
    try {
      boolean dm = in.get() != 0;
      boolean ds = in.get() != 0;
      double c = in.getDouble();
      RunningStat r = new RunningStat(size);
      RunningStat b = new RunningStat(size);
      readStat(r, in, "state");
      readStat(b, in, "state");
      demean = dm;
      destd = ds;
      clip = c;
      rs.copyFrom(r);
      buffer.copyFrom(b);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException(
          "MeanStdFilter state is truncated (" + state.length + " bytes)", e);
    }
  }

  @Override
  public byte[] getBufferState() {
    ByteBuffer out = ByteBuffer.allocate(1 + buffer.encodedSize());
    out.put(BUFFER_TAG);
    buffer.write(out);
    return out.array();
  }

  private MeanStdFilter cast(ObservationFilter other) {
    if (!(other instanceof MeanStdFilter o)) {
      throw new IllegalArgumentException(
          "Cannot combine MeanStdFilter with " + (other == null ? "null" : other.name()));
    }
    if (o.size != size) {
      throw new IllegalArgumentException(
          "MeanStdFilter width mismatch: this has size " + size + ", other has size " + o.size);
    }
    return o;
  }

  private ByteBuffer wrap(byte[] b, byte tag, String what) {
    if (b == null || b.length == 0 || b[0] != tag) {
      throw new IllegalArgumentException(
          "MeanStdFilter " + what + " must start with tag " + tag + ", got "
              + NoFilter.describe(b));
    }
    return ByteBuffer.wrap(b, 1, b.length - 1);
  }

  private void readStat(RunningStat target, ByteBuffer in, String what) {
    try {
      target.read(in);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("MeanStdFilter " + what + " is truncated", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("MeanStdFilter " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "MeanStdFilter(size=" + size + ", demean=" + demean + ", destd=" + destd
        + ", clip=" + clip + ", rs=" + rs + ", buffer=" + buffer + ")";
  }
}
