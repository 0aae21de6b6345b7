package io.tune4j.tune.checkpoint;

import io.tune4j.tune.execution.CheckpointArchive;
import io.tune4j.tune.logger.AtomicFiles;
import io.tune4j.tune.logger.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One saved state of a trial: either a {@code checkpoint_<N>} directory in the trial's directory
 * on the driver's disk, or the same directory packed as bytes in memory (for PAUSE and PBT, as
 * Tune's {@code save_to_object}). Both can cross processes: {@link #archive()} packs a directory.
 *
 * <p>Checkpoints are reference counted: whoever keeps one (the trial's {@link CheckpointManager},
 * a trial about to restore from it, a PBT exploit copying it) {@link #retain()}s it and {@link
 * #release()}s it when done; an on-disk checkpoint's directory is deleted when the last reference
 * goes. Used by the runner's single driver thread only.
 *
 * <pre>{@code
 * Checkpoint c = Checkpoint.onDisk(Path.of("/tmp/exp/trial/checkpoint_3/checkpoint-3"), 3, 3, result);
 * byte[] bytes = c.archive(); // a zip that a trial actor on any node can restore from
 * }</pre>
 */
public final class Checkpoint {
  /** The driver's metadata file inside a checkpoint directory. */
  public static final String INFO_FILE = ".tune4j_checkpoint.json";

  private final long iteration;
  private final int resultCount;
  private final Path path;
  private final byte[] bytes;
  private final Map<String, Object> result;
  private int refs;
  private boolean deleted;

  private Checkpoint(long iteration, int resultCount, Path path, byte[] bytes, Map<String, Object> result) {
    this.iteration = iteration;
    this.resultCount = resultCount;
    this.path = path;
    this.bytes = bytes;
    this.result = result == null ? Map.of() : result;
  }

  /**
   * A checkpoint on disk.
   *
   * @param path the path to restore from (inside a {@code checkpoint_<N>} directory, or that
   *     directory)
   * @param iteration the trial's {@code training_iteration} when it was saved
   * @param resultCount how many results the trial had logged when it was saved
   * @param result the trial's last result when it was saved (for the score)
   * @return the checkpoint, unreferenced
   */
  public static Checkpoint onDisk(Path path, long iteration, int resultCount, Map<String, Object> result) {
    return new Checkpoint(iteration, resultCount, path, null, result);
  }

  /**
   * A checkpoint held in memory as a {@link CheckpointArchive}.
   *
   * @param archive the packed checkpoint
   * @param iteration the trial's {@code training_iteration} when it was saved
   * @param resultCount how many results the trial had logged when it was saved
   * @param result the trial's last result when it was saved
   * @return the checkpoint, unreferenced
   */
  public static Checkpoint inMemory(byte[] archive, long iteration, int resultCount, Map<String, Object> result) {
    return new Checkpoint(iteration, resultCount, null, archive, result);
  }

  /**
   * Reads the checkpoint whose directory is {@code dir} ({@code checkpoint_<N>}), as written by
   * {@link #writeInfo}.
   *
   * @param dir a checkpoint directory
   * @return the checkpoint, or null if the directory holds no complete checkpoint
   */
  public static Checkpoint read(Path dir) {
    Path info = dir.resolve(INFO_FILE);
    if (!Files.isRegularFile(info)) {
      return null;
    }
    try {
      Map<String, Object> m = JsonText.parseObject(Files.readString(info));
      Path restore = dir.resolve(String.valueOf(m.get("restore_path")));
      if (!Files.exists(restore)) {
        return null;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> result = m.get("result") instanceof Map<?, ?> r ? (Map<String, Object>) r : Map.of();
      return onDisk(restore, ((Number) m.get("iteration")).longValue(), ((Number) m.get("result_count")).intValue(), result);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Writes the driver's metadata (iteration, result count, the restore path and the metrics of
   * the result it was saved at) into the checkpoint directory atomically, so that a resumed
   * experiment can find and rank it from the directory alone.
   *
   * @param scoreResult the result whose numbers are kept (only numbers are written)
   */
  public void writeInfo(Map<String, Object> scoreResult) {
    if (path == null) {
      throw new IllegalStateException("an in-memory checkpoint has no directory");
    }
    Path dir = directory();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("iteration", iteration);
    m.put("result_count", resultCount);
    m.put("restore_path", dir.relativize(path).toString());
    Map<String, Object> numbers = new LinkedHashMap<>();
    scoreResult.forEach((k, v) -> {
      if (v instanceof Number || v instanceof Boolean) {
        numbers.put(k, v);
      }
    });
    m.put("result", numbers);
    AtomicFiles.write(dir.resolve(INFO_FILE), JsonText.toJson(m).getBytes(StandardCharsets.UTF_8));
  }

  /** The trial's {@code training_iteration} when this was saved. */
  public long iteration() {
    return iteration;
  }

  /** How many results the trial had logged when this was saved. */
  public int resultCount() {
    return resultCount;
  }

  /** The trial's last result when this was saved (numbers only for checkpoints read from disk). */
  public Map<String, Object> result() {
    return result;
  }

  /** Whether this checkpoint lives in memory. */
  public boolean inMemory() {
    return bytes != null;
  }

  /** The path to restore from, or null for an in-memory checkpoint. */
  public Path path() {
    return path;
  }

  /**
   * The {@code checkpoint_<N>} directory that holds {@link #path()}: the path itself when it is
   * such a directory, else its nearest ancestor named {@code checkpoint_*}.
   *
   * @return the directory, or null for an in-memory checkpoint
   */
  public Path directory() {
    if (path == null) {
      return null;
    }
    for (Path p = path; p != null; p = p.getParent()) {
      if (p.getFileName() != null && p.getFileName().toString().startsWith("checkpoint_")) {
        return p;
      }
    }
    return Files.isDirectory(path) ? path : path.getParent();
  }

  /**
   * The checkpoint as a {@link CheckpointArchive}, ready to send to a trial actor.
   *
   * @return the bytes (the same array for an in-memory checkpoint)
   * @throws UncheckedIOException naming the path when a directory cannot be packed
   */
  public byte[] archive() {
    if (bytes != null) {
      return bytes;
    }
    try {
      return CheckpointArchive.packPath(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + path + ": " + e.getMessage(), e);
    }
  }

  /** Adds a reference. */
  public void retain() {
    refs++;
  }

  /**
   * Drops a reference; the last one deletes an on-disk checkpoint's directory.
   */
  public void release() {
    if (refs > 0) {
      refs--;
    }
    if (refs == 0 && path != null && !deleted) {
      deleted = true;
      try {
        CheckpointArchive.deleteTree(directory());
      } catch (UncheckedIOException e) {
        java.util.logging.Logger.getLogger(Checkpoint.class.getName())
            .warning("cannot delete checkpoint " + directory() + ": " + e.getMessage());
      }
    }
  }

  /** Whether {@link #release()} deleted this checkpoint. */
  public boolean deleted() {
    return deleted;
  }

  @Override
  public String toString() {
    return path != null ? path.toString() : "<in-memory checkpoint of iteration " + iteration + ">";
  }
}
