package io.tune4j.tune.logger;

import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer the loggers reuse to build one record before a single write. */
final class ByteSink extends OutputStream {

  byte[] buf;
  int count;

  ByteSink(int capacity) {
    buf = new byte[capacity];
  }

  /** Makes room for {@code extra} more bytes. */
  void ensure(int extra) {
    int need = count + extra;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }

  /** Forgets the content, keeping the buffer (shrinking it when one record was huge). */
  void reset() {
    count = 0;
    if (buf.length > (1 << 20)) {
      buf = new byte[8192];
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
