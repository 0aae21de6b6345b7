package io.tune4j.viewer.data;

import io.tune4j.tune.trial.ExperimentState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every experiment under a logdir ({@code ~/ray_results}), kept up to date by {@link #refresh}:
 * an experiment is a subdirectory with trial directories or an experiment state file; a logdir
 * that is itself an experiment directory is shown as that one experiment. Methods are
 * synchronized; hold the store's lock while using the {@link ExperimentData} and {@link
 * TrialData} it returns.
 *
 * <pre>{@code
 * ResultsStore store = new ResultsStore(Path.of(System.getProperty("user.home"), "ray_results"));
 * store.refresh();
 * for (ExperimentData e : store.experiments()) {
 *   System.out.println(e.name() + " " + e.statusCounts());
 * }
 * }</pre>
 */
public final class ResultsStore {
  private final Path logdir;
  private final Map<String, ExperimentData> experiments = new LinkedHashMap<>();
  private long refreshedNanos;
  private boolean refreshed;
  private long changes;

  /**
   * A store over {@code logdir}; nothing is read until {@link #refresh}.
   *
   * @param logdir the results root, or one experiment directory
   */
  public ResultsStore(Path logdir) {
    this.logdir = logdir.toAbsolutePath().normalize();
  }

  /**
   * The results root.
   *
   * @return the absolute path
   */
  public Path logdir() {
    return logdir;
  }

  /**
   * Rescans the logdir and reads what every experiment appended.
   *
   * @return whether anything changed
   * @throws UncheckedIOException naming the logdir when it exists but cannot be listed
   */
  public synchronized boolean refresh() {
    long before = version();
    Set<String> seen = new HashSet<>();
    if (isExperiment(logdir)) {
      String n = logdir.getFileName() == null ? "results" : logdir.getFileName().toString();
      seen.add(n);
      experiments.computeIfAbsent(n, k -> new ExperimentData(k, logdir));
    }
    try (Stream<Path> s = Files.list(logdir)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (!seen.contains(n) && Files.isDirectory(p) && (experiments.containsKey(n) || isExperiment(p))) {
          seen.add(n);
          experiments.computeIfAbsent(n, k -> new ExperimentData(k, p));
        }
      }
    } catch (NoSuchFileException e) {
      // not there (yet): no experiments
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the logdir " + logdir + ": " + e.getMessage(), e);
    }
    if (experiments.keySet().retainAll(seen)) {
      changes++;
    }
    for (ExperimentData e : experiments.values()) {
      e.refresh();
    }
    refreshedNanos = System.nanoTime();
    refreshed = true;
    return version() != before;
  }

  /**
   * Refreshes unless the last refresh is younger than {@code maxAgeMillis}: many requests at once
   * cost one rescan.
   *
   * @param maxAgeMillis how old the last refresh may be
   */
  public synchronized void refreshIfOlderThan(long maxAgeMillis) {
    if (!refreshed || System.nanoTime() - refreshedNanos >= maxAgeMillis * 1_000_000L) {
      refresh();
    }
  }

  private static boolean isExperiment(Path dir) {
    if (ExperimentState.newest(dir) != null) {
      return true;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> Files.isRegularFile(p.resolve("params.json")));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The experiments, newest first.
   *
   * @return a new list
   */
  public synchronized List<ExperimentData> experiments() {
    List<ExperimentData> out = new ArrayList<>(experiments.values());
    out.sort(Comparator.comparing((ExperimentData e) -> {
      Instant t = e.startTime();
      return t == null ? Instant.MAX : t;
    }).reversed().thenComparing(ExperimentData::name));
    return out;
  }

  /**
   * One experiment by name.
   *
   * @param name the name, from a request
   * @return the experiment, or null when the logdir has none by that name
   * @throws UnsafePathException when the name could reach outside the logdir
   */
  public synchronized ExperimentData experiment(String name) {
    return experiments.get(UnsafePathException.check("experiment", name));
  }

  /**
   * A number that changes whenever a refresh saw something new.
   *
   * @return the version
   */
  public synchronized long version() {
    long v = changes * 31 + experiments.size();
    for (ExperimentData e : experiments.values()) {
      v = v * 31 + e.version();
    }
    return v;
  }
}
