package io.tune4j.rllib.evaluation;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Running mean and variance of fixed-width vectors by Welford's algorithm, mergeable with another
 * instance (Chan et al.'s parallel update), as in RLlib's {@code RunningStat}.
 *
 * <p>{@link #var} is the sample variance {@code S / (n - 1)} once two or more rows were pushed, and
 * {@code mean^2} with fewer (RLlib's convention, so that a filter that has seen one row maps it to
 * zero). Not thread-safe.
 *
 * <pre>{@code
 * RunningStat rs = new RunningStat(2);
 * rs.push(new float[] {1, 2}, 0);
 * rs.push(new float[] {3, 6}, 0);
 * rs.mean(0); // 2.0
 * rs.std(1); // 2.828...
 * }</pre>
 */
public final class RunningStat implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int size;
  private long n;
  private final double[] m;
  private final double[] s;

  /**
   * Creates an empty statistic over vectors of {@code size} entries.
   *
   * @param size vector width, at least 0
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public RunningStat(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("RunningStat size must be >= 0, got " + size);
    }
    this.size = size;
    this.m = new double[size];
    this.s = new double[size];
  }

  /** Vector width. */
  public int size() {
    return size;
  }

  /** Number of rows pushed (including merged ones). */
  public long count() {
    return n;
  }

  /** Running mean of entry {@code i}. */
  public double mean(int i) {
    return m[i];
  }

  /** Variance of entry {@code i}: {@code S/(n-1)} for {@code n > 1}, else {@code mean^2}. */
  public double var(int i) {
    return n > 1 ? s[i] / (n - 1) : m[i] * m[i];
  }

  /** Standard deviation of entry {@code i}, the square root of {@link #var(int)}. */
  public double std(int i) {
    return Math.sqrt(var(i));
  }

  /**
   * Adds one row.
   *
   * @param row array holding the row
   * @param off index of the row's first entry in {@code row}
   */
  public void push(float[] row, int off) {
    long n1 = n;
    n++;
    if (n == 1) {
      for (int i = 0; i < size; i++) {
        m[i] = row[off + i];
      }
    } else {
      double invN = 1.0 / n;
      double w = (double) n1 / n;
      for (int i = 0; i < size; i++) {
        double delta = row[off + i] - m[i];
        m[i] += delta * invN;
        s[i] += delta * delta * w;
      }
    }
  }

  /** Adds one row given as doubles (see {@link #push(float[], int)}). */
  public void push(double[] row, int off) {
    long n1 = n;
    n++;
    if (n == 1) {
      System.arraycopy(row, off, m, 0, size);
    } else {
      double invN = 1.0 / n;
      double w = (double) n1 / n;
      for (int i = 0; i < size; i++) {
        double delta = row[off + i] - m[i];
        m[i] += delta * invN;
        s[i] += delta * delta * w;
      }
    }
  }

  /**
   * Merges another statistic into this one, as if its rows had been pushed here.
   *
   * @param other statistic of the same width
   * @throws IllegalArgumentException if the widths differ
   */
  public void update(RunningStat other) {
    checkSize(other.size);
    long n1 = n;
    long n2 = other.n;
    long total = n1 + n2;
    if (total == 0) {
      return;
    }
    for (int i = 0; i < size; i++) {
      double delta = m[i] - other.m[i];
      m[i] = (n1 * m[i] + n2 * other.m[i]) / total;
      s[i] = s[i] + other.s[i] + delta * delta * n1 * n2 / total;
    }
    n = total;
  }

  /** Makes this statistic equal to {@code other}. */
  public void copyFrom(RunningStat other) {
    checkSize(other.size);
    n = other.n;
    System.arraycopy(other.m, 0, m, 0, size);
    System.arraycopy(other.s, 0, s, 0, size);
  }

  /** Forgets every row. */
  public void clear() {
    n = 0;
    Arrays.fill(m, 0);
    Arrays.fill(s, 0);
  }

  /** Bytes {@link #write} needs. */
  int encodedSize() {
    return Integer.BYTES + Long.BYTES + 2 * size * Double.BYTES;
  }

  /** Writes width, count, means and sums of squares. */
  void write(ByteBuffer out) {
    out.putInt(size).putLong(n);
    for (double v : m) {
      out.putDouble(v);
    }
    for (double v : s) {
      out.putDouble(v);
    }
  }

  /** Reads what {@link #write} wrote into this statistic, which must have the same width. */
  void read(ByteBuffer in) {
    int w = in.getInt();
    checkSize(w);
    long count = in.getLong();
    if (count < 0) {
      throw new IllegalArgumentException("RunningStat state has negative count " + count);
    }
    n = count;
    for (int i = 0; i < size; i++) {
      m[i] = in.getDouble();
    }
    for (int i = 0; i < size; i++) {
      s[i] = in.getDouble();
    }
  }

  private void checkSize(int other) {
    if (other != size) {
      throw new IllegalArgumentException(
          "RunningStat width mismatch: this has size " + size + ", other has size " + other);
    }
  }

  @Override
  public String toString() {
    return "RunningStat(n=" + n + ", mean=" + Arrays.toString(m) + ")";
  }
}
