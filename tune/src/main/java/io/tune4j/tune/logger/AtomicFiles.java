package io.tune4j.tune.logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replaces a whole file so readers see the old content or the new one, never a mix: write a
 * temporary file beside it, then rename it over the target.
 */
public final class AtomicFiles {

  private static final AtomicLong COUNTER = new AtomicLong();

  private AtomicFiles() {}

  /**
   * Writes {@code content} to {@code target} atomically, creating the directory when missing. Falls
   * back to a plain replacing move on file systems without atomic rename.
   *
   * @param target the file to replace
   * @param content its new bytes
   * @throws UncheckedIOException naming the target on failure
   */
  public static void write(Path target, byte[] content) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp =
        dir.resolve(
            "."
                + target.getFileName()
                + "."
                + ProcessHandle.current().pid()
                + "-"
                + COUNTER.incrementAndGet()
                + ".tmp");
    try {
      Files.createDirectories(dir);
      Files.write(tmp, content);
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the write error below is the one worth reporting
      }
      throw new UncheckedIOException("cannot write " + target + ": " + e, e);
    }
  }
}
