package io.tune4j.tune.logger;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An append-only file written one whole record per {@link #write} call, so a killed JVM never
 * leaves half a line (the bytes are handed to the OS at once; there is no fsync).
 *
 * <p>Opening an existing file whose last line is torn (no final newline, after an OS crash or a
 * full disk) cuts that partial line off, so every line that stays parses.
 */
final class AppendFile implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(AppendFile.class.getPackageName());

  private final Path path;
  private final FileOutputStream out;
  private final long initialSize;
  private boolean closed;

  private AppendFile(Path path, FileOutputStream out, long initialSize) {
    this.path = path;
    this.out = out;
    this.initialSize = initialSize;
  }

  /**
   * Opens {@code path} for appending, creating it and its directory when missing.
   *
   * @param path the file
   * @param repairTornTail whether to cut a partial last line off an existing file
   * @return the open file
   * @throws UncheckedIOException naming the path when it cannot be opened
   */
  static AppendFile open(Path path, boolean repairTornTail) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      long size = Files.exists(path) ? Files.size(path) : 0;
      if (size > 0 && repairTornTail) {
        size = cutTornTail(path, size);
      }
      return new AppendFile(path, new FileOutputStream(path.toFile(), true), size);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + path + " for appending: " + e, e);
    }
  }

  private static long cutTornTail(Path path, long size) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
      byte[] buf = new byte[8192];
      long end = size;
      while (end > 0) {
        int n = (int) Math.min(buf.length, end);
        raf.seek(end - n);
        raf.readFully(buf, 0, n);
        for (int i = n - 1; i >= 0; i--) {
          if (buf[i] == '\n') {
            long keep = end - n + i + 1;
            if (keep != size) {
              raf.setLength(keep);
              LOG.log(
                  Level.WARNING,
                  "cut a torn last line ({0} bytes) off {1}",
                  new Object[] {size - keep, path});
            }
            return keep;
          }
        }
        end -= n;
      }
      raf.setLength(0);
      LOG.log(Level.WARNING, "cut a torn only line ({0} bytes) off {1}", new Object[] {size, path});
      return 0;
    }
  }

  /** Returns the file's size when it was opened (after any repair); 0 for a new file. */
  long initialSize() {
    return initialSize;
  }

  /** Returns the file's path. */
  Path path() {
    return path;
  }

  /**
   * Appends {@code len} bytes in one call to the OS.
   *
   * @throws UncheckedIOException naming the path on failure or after {@link #close}
   */
  void write(byte[] bytes, int off, int len) {
    if (closed) {
      throw new IllegalStateException(path + " is closed");
    }
    try {
      out.write(bytes, off, len);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + path + ": " + e, e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + path + ": " + e, e);
    }
  }
}
