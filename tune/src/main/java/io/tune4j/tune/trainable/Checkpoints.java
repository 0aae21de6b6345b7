package io.tune4j.tune.trainable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/** Tune's checkpoint metadata file ({@code <checkpoint>.tune_metadata}) and atomic writes. */
public final class Checkpoints {
  private Checkpoints() {}

  /** Tune's counters saved beside a checkpoint so restore resumes them. */
  public record Metadata(
      String experimentId, long iteration, Long timestepsTotal, double timeTotal, Long episodesTotal) {}

  /** The metadata file that belongs to a checkpoint path. */
  public static Path metadataPath(Path checkpoint) {
    return checkpoint.resolveSibling(checkpoint.getFileName() + ".tune_metadata");
  }

  static void writeMetadata(Path checkpoint, Metadata m) throws IOException {
    Properties p = new Properties();
    p.setProperty("experiment_id", m.experimentId());
    p.setProperty("iteration", Long.toString(m.iteration()));
    p.setProperty("time_total", Double.toString(m.timeTotal()));
    if (m.timestepsTotal() != null) {
      p.setProperty("timesteps_total", m.timestepsTotal().toString());
    }
    if (m.episodesTotal() != null) {
      p.setProperty("episodes_total", m.episodesTotal().toString());
    }
    java.io.StringWriter w = new java.io.StringWriter();
    p.store(w, "Tune4j checkpoint metadata");
    writeAtomically(metadataPath(checkpoint), w.toString().getBytes(StandardCharsets.UTF_8));
  }

  static Metadata readMetadata(Path checkpoint) throws IOException {
    Path f = metadataPath(checkpoint);
    if (!Files.exists(f)) {
      return null;
    }
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(f)) {
      p.load(r);
    }
    try {
      return new Metadata(
          p.getProperty("experiment_id"),
          Long.parseLong(p.getProperty("iteration", "0")),
          p.containsKey("timesteps_total") ? Long.valueOf(p.getProperty("timesteps_total")) : null,
          Double.parseDouble(p.getProperty("time_total", "0")),
          p.containsKey("episodes_total") ? Long.valueOf(p.getProperty("episodes_total")) : null);
    } catch (NumberFormatException e) {
      throw new IOException("corrupt checkpoint metadata " + f + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code bytes} to {@code target} via a temp file, flush and atomic rename. */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (var out = Files.newOutputStream(tmp)) {
      out.write(bytes);
      out.flush();
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
