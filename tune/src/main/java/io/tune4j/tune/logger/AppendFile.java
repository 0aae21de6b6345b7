package io.tune4j.tune.logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An append-only file written one whole record per {@link #write} call, so a killed JVM never
 * leaves half a line (the bytes are handed to the OS at once; there is no fsync).
 *
 * <p>Opening an existing file whose last line is torn (no final newline, after an OS crash or a
 * full disk) cuts that partial line off, so every line that stays parses. One writer per file.
 */
final class AppendFile implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(AppendFile.class.getPackageName());

  private static final OpenOption[] OPEN = {
    StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE
  };
  private static final OpenOption[] CREATE_NEW = {
    StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW
  };

  private final Path path;
  private final FileChannel out;
  private final long initialSize;
  private boolean closed;

  private AppendFile(Path path, FileChannel out, long initialSize) {
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
      FileChannel ch = openCreatingDir(path, OPEN);
      try {
        long size = ch.size();
        if (size > 0 && repairTornTail) {
          size = cutTornTail(ch, path, size);
        }
        ch.position(size);
        return new AppendFile(path, ch, size);
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + path + " for appending: " + e, e);
    }
  }

  /**
   * Creates {@code path}, which must not exist yet, and its directory when missing.
   *
   * @throws java.nio.file.FileAlreadyExistsException when the file exists
   * @throws IOException on other failures
   */
  static AppendFile createNew(Path path) throws IOException {
    return new AppendFile(path, openCreatingDir(path, CREATE_NEW), 0);
  }

  private static FileChannel openCreatingDir(Path path, OpenOption[] options) throws IOException {
    try {
      return FileChannel.open(path, options);
    } catch (NoSuchFileException e) {
      Path parent = path.toAbsolutePath().getParent();
      if (parent == null) {
        throw e;
      }
      Files.createDirectories(parent);
      return FileChannel.open(path, options);
    }
  }

  private static long cutTornTail(FileChannel ch, Path path, long size) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(8192);
    long end = size;
    while (end > 0) {
      int n = (int) Math.min(buf.capacity(), end);
      buf.clear().limit(n);
      long from = end - n;
      while (buf.hasRemaining()) {
        if (ch.read(buf, from + buf.position()) < 0) {
          throw new IOException("file shrank while reading its tail");
        }
      }
      for (int i = n - 1; i >= 0; i--) {
        if (buf.get(i) == '\n') {
          long keep = from + i + 1;
          if (keep != size) {
            ch.truncate(keep);
            LOG.log(
                Level.WARNING,
                "cut a torn last line ({0} bytes) off {1}",
                new Object[] {size - keep, path});
          }
          return keep;
        }
      }
      end = from;
    }
    ch.truncate(0);
    LOG.log(Level.WARNING, "cut a torn only line ({0} bytes) off {1}", new Object[] {size, path});
    return 0;
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
      ByteBuffer buf = ByteBuffer.wrap(bytes, off, len);
      while (buf.hasRemaining()) {
        out.write(buf);
      }
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
