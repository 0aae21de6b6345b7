package io.tune4j.rllib.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A {@link PrintStream} that forwards whole lines to a {@link PrintWriter}, so Tune's status output
 * (a {@code PrintStream}) lands on picocli's {@code getOut()} writer and tests can capture it.
 * Bytes are decoded as UTF-8 at each newline and on {@code flush()}.
 */
final class WriterOutputStream extends OutputStream {
  private final PrintWriter target;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private WriterOutputStream(PrintWriter target) {
    this.target = target;
  }

  /** A UTF-8, auto-flushing print stream writing to {@code target}. */
  static PrintStream of(PrintWriter target) {
    return new PrintStream(new WriterOutputStream(target), true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) {
    line.write(b);
    if (b == '\n') {
      drain();
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    line.write(b, off, len);
    if (len > 0 && b[off + len - 1] == '\n') {
      drain();
    }
  }

  @Override
  public synchronized void flush() {
    drain();
  }

  private void drain() {
    if (line.size() > 0) {
      target.write(line.toString(StandardCharsets.UTF_8));
      line.reset();
    }
    target.flush();
  }
}
