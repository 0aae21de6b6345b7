package io.tune4j.tune.trial;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Trials' directories and result loggers: names and creates directories in Tune 2019's {@code
 * mkdtemp} layout ({@code <experiment>/<name[:130]>_<yyyy-MM-dd_HH-mm-ss><8 random chars>}) and
 * keeps one open {@link ResultLogger} per trial that runs or is paused.
 *
 * <pre>{@code
 * TrialDirs files = new TrialDirs(experimentDir, loggerFactories);
 * files.open(trial);
 * files.log(trial, result);
 * }</pre>
 */
final class TrialDirs {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789_";
  private final Path experimentDir;
  private final java.util.List<io.tune4j.tune.logger.ResultLoggerFactory> factories;
  private final java.util.Map<Trial, io.tune4j.tune.logger.ResultLogger> open = new java.util.HashMap<>();
  private long dateSecond = -1;
  private String dateText;

  TrialDirs(Path experimentDir, java.util.List<io.tune4j.tune.logger.ResultLoggerFactory> factories) {
    this.experimentDir = experimentDir;
    this.factories = factories;
  }

  /**
   * Gives the trial a directory if it has none and opens its logger; returns whether the
   * directory was new. Without loggers the driver has nothing to write, so the directory is only
   * named: the trial's actor creates it (in parallel with the driver) before setting up.
   */
  boolean open(Trial t) throws IOException {
    boolean created = false;
    if (t.logdir() == null) {
      t.setLogdir(factories.isEmpty() ? name(t) : create(t));
      created = true;
    }
    if (!open.containsKey(t)) {
      open.put(t, io.tune4j.tune.logger.Loggers.unified(
          new io.tune4j.tune.logger.LoggerContext(t.logdir(), t.name(), t.trialId(), t.config()), factories));
    }
    return created;
  }

  /** Logs a result of an open trial. */
  void log(Trial t, java.util.Map<String, Object> result) {
    open.get(t).onResult(result);
  }

  /** Closes the trial's logger, if open. */
  void close(Trial t) {
    io.tune4j.tune.logger.ResultLogger l = open.remove(t);
    if (l != null) {
      l.close();
    }
  }

  /** Closes every open logger. */
  void closeAll() {
    for (io.tune4j.tune.logger.ResultLogger l : open.values()) {
      l.close();
    }
    open.clear();
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
