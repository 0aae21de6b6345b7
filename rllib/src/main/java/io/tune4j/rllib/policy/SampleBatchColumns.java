package io.tune4j.rllib.policy;

import java.util.Arrays;

/**
 * Growable column buffers behind {@link SampleBatch.Builder}. A sampler may keep a column handle
 * ({@link SampleBatch.Builder#floatColumn}) and append to it without a name lookup per row.
 */
public final class SampleBatchColumns {
  private SampleBatchColumns() {}

  /** A column under construction. */
  public sealed interface Growable permits FloatColumn, LongColumn {
    /** Rows appended so far. */
    int rows();

    /** Forgets the rows, keeping the buffer. */
    void clear();

    /** Copies the rows into {@code batch} as a column. */
    void putInto(SampleBatch batch);
  }

  /** A growable row-major float column of fixed width. */
  public static final class FloatColumn implements Growable {
    private final String name;
    private final int width;
    private float[] buf;
    private int size; // in floats

    FloatColumn(String name, int width) {
      if (width < 1) {
        throw new IllegalArgumentException(
            "column '" + name + "': width must be >= 1, got " + width);
      }
      this.name = name;
      this.width = width;
      this.buf = new float[64 * width];
    }

    /** Values per row. */
    public int width() {
      return width;
    }

    @Override
    public int rows() {
      return size / width;
    }

    private void ensure(int extra) {
      if (size + extra > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
      }
    }

    /** Appends one row from {@code src[off..off+width)}. */
    public void add(float[] src, int off) {
      ensure(width);
      System.arraycopy(src, off, buf, size, width);
      size += width;
    }

    /** Appends one row from {@code src[off..off+width)}, narrowing to float. */
    public void add(double[] src, int off) {
      ensure(width);
      for (int i = 0; i < width; i++) {
        buf[size + i] = (float) src[off + i];
      }
      size += width;
    }

    /** Appends one value (width-1 columns, or one element of a wider row). */
    public void add(float v) {
      ensure(1);
      buf[size++] = v;
    }

    @Override
    public void clear() {
      size = 0;
    }

    @Override
    public void putInto(SampleBatch batch) {
      if (size % width != 0) {
        throw new IllegalStateException("column '" + name + "' has a partial row");
      }
      batch.putFloats(name, width, Arrays.copyOf(buf, size));
    }
  }

  /** A growable long column. */
  public static final class LongColumn implements Growable {
    private final String name;
    private long[] buf = new long[64];
    private int size;

    LongColumn(String name) {
      this.name = name;
    }

    @Override
    public int rows() {
      return size;
    }

    /** Appends one value. */
    public void add(long v) {
      if (size == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      buf[size++] = v;
    }

    @Override
    public void clear() {
      size = 0;
    }

    @Override
    public void putInto(SampleBatch batch) {
      batch.putLongs(name, Arrays.copyOf(buf, size));
    }
  }
}
