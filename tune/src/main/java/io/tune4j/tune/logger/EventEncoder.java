package io.tune4j.tune.logger;

import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Encodes TensorBoard {@code Event} protobufs framed as TFRecords, by hand (no protobuf library).
 *
 * <p>Messages (field number, type): {@code Event{wall_time (1, double), step (2, int64),
 * file_version (3, string), summary (5, Summary)}}, {@code Summary{value (1, repeated Value)}},
 * {@code Value{tag (1, string), simple_value (2, float)}}. A TFRecord is {@code uint64 length
 * (little endian), uint32 masked CRC32C(length bytes), data, uint32 masked CRC32C(data)}.
 *
 * <p>One instance per logger; it reuses its buffers and is not thread-safe.
 */
final class EventEncoder {

  private static final int HEADER = 12;
  private final ByteSink out = new ByteSink(4096);
  private final CRC32C crc = new CRC32C();
  private byte[][] tags = new byte[64][];
  private float[] values = new float[64];
  private int size;

  /** Returns TFRecord's masked CRC: {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}. */
  static int mask(int crc) {
    return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
  }

  /** Forgets the scalars added so far. */
  void clear() {
    size = 0;
  }

  /** Adds one summary value; {@code tag} is the UTF-8 tag. */
  void add(byte[] tag, float value) {
    if (size == tags.length) {
      tags = Arrays.copyOf(tags, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    tags[size] = tag;
    values[size++] = value;
  }

  /** Returns how many scalars were added since {@link #clear}. */
  int size() {
    return size;
  }

  /** Encodes {@code Event{wall_time, file_version}} as one record; valid until the next call. */
  ByteSink fileVersionRecord(double wallTime, byte[] version) {
    begin();
    tag(1, 1);
    fixed64(Double.doubleToRawLongBits(wallTime));
    tag(3, 2);
    varint(version.length);
    out.write(version, 0, version.length);
    return finish();
  }

  /**
   * Encodes {@code Event{wall_time, step, summary}} holding the added scalars as one record; valid
   * until the next call.
   */
  ByteSink summaryRecord(double wallTime, long step) {
    begin();
    tag(1, 1);
    fixed64(Double.doubleToRawLongBits(wallTime));
    tag(2, 0);
    varint(step);
    int summaryLen = 0;
    for (int i = 0; i < size; i++) {
      int v = valueLength(i);
      summaryLen += 1 + varintSize(v) + v;
    }
    tag(5, 2);
    varint(summaryLen);
    out.ensure(summaryLen);
    for (int i = 0; i < size; i++) {
      tag(1, 2);
      varint(valueLength(i));
      tag(1, 2);
      varint(tags[i].length);
      out.write(tags[i], 0, tags[i].length);
      tag(2, 5);
      fixed32(Float.floatToRawIntBits(values[i]));
    }
    return finish();
  }

  private int valueLength(int i) {
    int t = tags[i].length;
    return 1 + varintSize(t) + t + 1 + 4;
  }

  private void begin() {
    out.reset();
    out.ensure(HEADER);
    out.count = HEADER;
  }

  private ByteSink finish() {
    long len = out.count - HEADER;
    byte[] b = out.buf;
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (len >>> (8 * i));
    }
    putInt(b, 8, crcOf(b, 0, 8));
    int dataCrc = crcOf(b, HEADER, (int) len);
    out.ensure(4);
    putInt(out.buf, out.count, dataCrc);
    out.count += 4;
    return out;
  }

  private int crcOf(byte[] b, int off, int len) {
    crc.reset();
    crc.update(b, off, len);
    return mask((int) crc.getValue());
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }

  private void tag(int field, int wireType) {
    out.write((field << 3) | wireType);
  }

  private void varint(long v) {
    out.ensure(10);
    byte[] b = out.buf;
    int c = out.count;
    while ((v & ~0x7FL) != 0) {
      b[c++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    b[c++] = (byte) v;
    out.count = c;
  }

  private void fixed64(long v) {
    out.ensure(8);
    for (int i = 0; i < 8; i++) {
      out.buf[out.count++] = (byte) (v >>> (8 * i));
    }
  }

  private void fixed32(int v) {
    out.ensure(4);
    putInt(out.buf, out.count, v);
    out.count += 4;
  }

  static int varintSize(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }
}
