package io.tune4j.viewer.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * Follows a file that grows by whole lines, such as {@code result.json}: each {@link #poll} hands
 * over the complete lines written since the previous one, streaming the new bytes in 64 KiB
 * chunks. A last line without its newline is left for a later poll. A file that was replaced
 * (another inode, as an atomic rewrite makes), got shorter or went away is read again from its
 * start, after the poll's {@code onReset} has let the caller drop what it had.
 */
final class LineTail {
  /** Receives one complete line, without its newline. */
  interface LineSink {
    void line(byte[] buf, int off, int len);
  }

  private static final int CHUNK = 1 << 16;
  private final Path file;
  private long offset;
  private Object fileKey;
  private long lastModified;

  LineTail(Path file) {
    this.file = file;
  }

  Path file() {
    return file;
  }

  /**
   * Reads the lines appended since the last poll.
   *
   * @param onReset runs before the file is read again from its start
   * @param sink receives each complete line
   * @return whether anything changed (lines, or a reset)
   * @throws IOException when the file exists but cannot be read
   */
  boolean poll(Runnable onReset, LineSink sink) throws IOException {
    java.io.File f = file.toFile();
    long length = f.length();
    long modified = f.lastModified();
    if (fileKey != null && length == offset && modified == lastModified) {
      return false; // the common case, two stats and no exception
    }
    BasicFileAttributes attrs = null;
    if (modified != 0) {
      try {
        attrs = Files.readAttributes(file, BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        // went away since the stat
      }
    }
    if (attrs == null) {
      if (offset == 0 && fileKey == null) {
        return false;
      }
      offset = 0;
      fileKey = null;
      onReset.run();
      return true;
    }
    boolean reset = false;
    if (fileKey != null && !Objects.equals(fileKey, attrs.fileKey()) || attrs.size() < offset) {
      offset = 0;
      reset = true;
      onReset.run();
    }
    fileKey = attrs.fileKey();
    lastModified = modified;
    if (attrs.size() == offset) {
      return reset;
    }
    boolean any = false;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.position(offset);
      ByteBuffer buf = ByteBuffer.allocate(CHUNK);
      ByteArrayOutputStream carry = new ByteArrayOutputStream();
      long lineStart = offset;
      long pos = offset;
      int n;
      while ((n = ch.read(buf)) > 0) {
        byte[] a = buf.array();
        int from = 0;
        for (int i = 0; i < n; i++) {
          if (a[i] == '\n') {
            if (carry.size() > 0) {
              carry.write(a, from, i - from);
              byte[] whole = carry.toByteArray();
              sink.line(whole, 0, whole.length);
              carry.reset();
            } else {
              sink.line(a, from, i - from);
            }
            any = true;
            from = i + 1;
            lineStart = pos + i + 1;
          }
        }
        carry.write(a, from, n - from);
        pos += n;
        buf.clear();
      }
      offset = lineStart;
    }
    return reset || any;
  }
}
