package io.tune4j.tune.trial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names and creates trial directories in Tune 2019's {@code mkdtemp} layout: {@code
 * <experiment>/<name[:130]>_<yyyy-MM-dd_HH-mm-ss><8 random chars>}.
 *
 * <pre>{@code
 * Path dir = new TrialDirs(experimentDir).create(trial);
 * }</pre>
 */
final class TrialDirs {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_";
  private final Path experimentDir;
  private long dateSecond = -1;
  private String dateText;

  TrialDirs(Path experimentDir) {
    this.experimentDir = experimentDir;
  }

  /** Creates a fresh directory for {@code t} (re-creating the experiment directory if removed). */
  Path create(Trial t) throws IOException {
    for (int attempt = 0; ; attempt++) {
      try {
        return Files.createDirectory(name(t));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      } catch (java.nio.file.NoSuchFileException e) {
        if (attempt > 0) {
          throw e;
        }
        Files.createDirectories(experimentDir);
      }
    }
  }

  /** A fresh directory path for {@code t}, not created. */
  Path name(Trial t) {
    String name = t.name();
    String prefix = (name.length() > 130 ? name.substring(0, 130) : name) + "_" + date();
    StringBuilder sb = new StringBuilder(prefix.length() + 8).append(prefix);
    for (int i = 0; i < 8; i++) {
      sb.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
    }
    return experimentDir.resolve(sb.toString());
  }

  /** The current local time, formatted at most once a second. */
  private String date() {
    long second = System.currentTimeMillis() / 1000;
    if (second != dateSecond) {
      dateSecond = second;
      dateText = LocalDateTime.now().format(DATE);
    }
    return dateText;
  }
}
