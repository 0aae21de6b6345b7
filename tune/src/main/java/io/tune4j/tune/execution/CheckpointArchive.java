package io.tune4j.tune.execution;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A checkpoint as bytes, so it can travel between a trial's actor and the driver on different
 * machines: a zip of the {@code checkpoint_<N>} directory plus the path to restore from inside it.
 * The driver keeps checkpoints in the trial's directory; an actor works in a temporary one.
 */
public final class CheckpointArchive {
  private static final String RESTORE_ENTRY = ".tune4j_restore_path";

  private CheckpointArchive() {}

  /**
   * Packs {@code restorePath}'s checkpoint directory (the {@code checkpoint_<N>} directory directly
   * under {@code parent} that holds it).
   *
   * @param parent the directory {@code Trainable.save} was given
   * @param restorePath the path {@code Trainable.save} returned
   */
  public static byte[] pack(Path parent, Path restorePath) throws IOException {
    Path rel = parent.relativize(restorePath);
    Path top = parent.resolve(rel.getName(0));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
    try (ZipOutputStream zip = new ZipOutputStream(bytes);
        Stream<Path> files = Files.walk(top)) {
      zip.putNextEntry(new ZipEntry(RESTORE_ENTRY));
      zip.write(rel.toString().getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String name = parent.relativize(f).toString().replace('\\', '/');
        if (Files.isDirectory(f)) {
          zip.putNextEntry(new ZipEntry(name + "/"));
        } else {
          zip.putNextEntry(new ZipEntry(name));
          Files.copy(f, zip);
        }
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /**
   * Packs the checkpoint at {@code restorePath}: a file inside a checkpoint directory (Tune's
   * {@code checkpoint_<N>/checkpoint-<N>}) or a checkpoint directory itself.
   */
  public static byte[] packPath(Path restorePath) throws IOException {
    Path abs = restorePath.toAbsolutePath().normalize();
    if (!Files.exists(abs)) {
      throw new java.nio.file.NoSuchFileException(abs.toString(), null, "no checkpoint there");
    }
    Path dir = Files.isDirectory(abs) ? abs : abs.getParent();
    return pack(dir.getParent(), abs);
  }

  /**
   * Unpacks into {@code parent}, replacing a checkpoint directory of the same name atomically, and
   * returns the path to restore from.
   */
  public static Path unpack(byte[] archive, Path parent) throws IOException {
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, ".checkpoint_tmp");
    try {
      String rel = null;
      try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
          if (e.getName().equals(RESTORE_ENTRY)) {
            rel = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
            continue;
          }
          Path out = staging.resolve(e.getName()).normalize();
          if (!out.startsWith(staging)) {
            throw new IOException("checkpoint archive entry escapes its directory: " + e.getName());
          }
          if (e.isDirectory()) {
            Files.createDirectories(out);
          } else {
            Files.createDirectories(out.getParent());
            Files.copy(zip, out);
            force(out);
          }
        }
      }
      if (rel == null) {
        throw new IOException("not a Tune4j checkpoint archive (no restore path inside)");
      }
      String top = Path.of(rel).getName(0).toString();
      Path target = parent.resolve(top);
      if (Files.exists(target)) {
        deleteTree(target);
      }
      Files.move(staging.resolve(top), target, StandardCopyOption.ATOMIC_MOVE);
      return parent.resolve(rel);
    } finally {
      deleteTree(staging);
    }
  }

  /** Flushes a written file to the device, so a rename after it never exposes a torn file. */
  private static void force(Path file) throws IOException {
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  /**
   * Reads the training iteration a checkpoint archive was saved at, from its {@code
   * checkpoint_<N>} directory name.
   *
   * @param archive a checkpoint archive
   * @return N, or -1 when the name carries no number
   * @throws IOException when the bytes are not a checkpoint archive
   */
  public static long iteration(byte[] archive) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().equals(RESTORE_ENTRY)) {
          String top = Path.of(new String(zip.readAllBytes(), StandardCharsets.UTF_8)).getName(0).toString();
          try {
            return Long.parseLong(top.substring(top.lastIndexOf('_') + 1));
          } catch (NumberFormatException ex) {
            return -1;
          }
        }
      }
    }
    throw new IOException("not a Tune4j checkpoint archive (no restore path inside)");
  }

  /** Deletes a directory tree if it exists. */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
