package io.tune4j.viewer.data;

import io.tune4j.search.Mode;
import io.tune4j.tune.logger.JsonText;
import io.tune4j.tune.trial.ExperimentState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One experiment directory: its trials (subdirectories with a {@code params.json}), in natural
 * name order, and what its newest {@code experiment_state-*.json} records (statuses, start time).
 * Not thread-safe: {@link ResultsStore} serializes access.
 *
 * <pre>{@code
 * ExperimentData e = new ExperimentData("my_sweep", Path.of("/tmp/ray_results/my_sweep"));
 * e.refresh();
 * TrialData best = e.best("mean_accuracy", Mode.MAX);
 * }</pre>
 */
public final class ExperimentData {
  /** Tune's statuses in the order the pages list them. */
  public static final List<String> STATUS_ORDER =
      List.of("RUNNING", "PENDING", "PAUSED", "TERMINATED", "ERROR", "UNKNOWN");
  /** Fields Tune adds to every result: never the default metric. */
  private static final Set<String> AUTO_FIELDS = Set.of(
      "training_iteration", "time_this_iter_s", "time_total_s", "timestamp", "timesteps_total",
      "timesteps_this_iter", "episodes_total", "episodes_this_iter", "time_since_restore",
      "timesteps_since_restore", "iterations_since_restore", "pid", "done", "date", "hostname",
      "node_ip", "trial_id", "experiment_id", "experiment_tag", "num_healthy_workers",
      "num_metric_batches_dropped");

  private final String name;
  private final Path dir;
  private final Map<String, TrialData> trials = new TreeMap<>(NaturalOrder.INSTANCE);
  private Map<String, String> recorded = Map.of();
  private Instant startTime;
  private FileTime stateTime;
  private Path stateFile;
  private long changes;

  /**
   * An experiment directory; nothing is read until {@link #refresh}.
   *
   * @param name the name pages show and URLs carry
   * @param dir the directory
   */
  public ExperimentData(String name, Path dir) {
    this.name = name;
    this.dir = dir;
  }

  /**
   * Reads what changed: new and removed trials, each trial's new results, the newest state file.
   *
   * @return whether anything changed
   * @throws UncheckedIOException naming the directory when it cannot be listed
   */
  public boolean refresh() {
    long before = version();
    Set<String> seen = new HashSet<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (p.resolve("params.json").toFile().isFile()) {
          seen.add(n);
          trials.computeIfAbsent(n, k -> new TrialData(p));
        }
      }
    } catch (NoSuchFileException e) {
      // removed while the viewer runs: it shows no trials
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the experiment directory " + dir + ": " + e.getMessage(), e);
    }
    if (trials.keySet().retainAll(seen)) {
      changes++;
    }
    readState();
    for (TrialData t : trials.values()) {
      t.recordedStatus(recorded.get(t.name()));
      t.refresh();
    }
    return version() != before;
  }

  private void readState() {
    Path newest = ExperimentState.newest(dir);
    try {
      FileTime t = newest == null ? null : TrialData.mtime(newest);
      if (t == null || newest.equals(stateFile) && t.equals(stateTime)) {
        return;
      }
      Map<String, Object> state = JsonText.parseObject(Files.readString(newest));
      recorded = ExperimentState.statusByDir(state);
      if (state.get("stats") instanceof Map<?, ?> stats && stats.get("start_time") instanceof Number start) {
        startTime = Instant.ofEpochMilli((long) (start.doubleValue() * 1000));
      }
      stateFile = newest;
      stateTime = t;
      changes++;
    } catch (IOException | RuntimeException e) {
      // not written by Tune4j, or being replaced: statuses are inferred from the files
    }
  }

  /**
   * The name pages show and URLs carry.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The experiment directory.
   *
   * @return the path
   */
  public Path dir() {
    return dir;
  }

  /**
   * The trials, in natural name order.
   *
   * @return a new list
   */
  public List<TrialData> trials() {
    return new ArrayList<>(trials.values());
  }

  /**
   * One trial by its directory name.
   *
   * @param trialName the name, from a request
   * @return the trial, or null when the experiment has no such trial
   * @throws UnsafePathException when the name could reach outside the experiment
   */
  public TrialData trial(String trialName) {
    return trials.get(UnsafePathException.check("trial", trialName));
  }

  /**
   * When the experiment started: the state file's start time, else the oldest {@code
   * params.json}.
   *
   * @return the instant, or null when there are no trials and no state yet
   */
  public Instant startTime() {
    if (startTime != null) {
      return startTime;
    }
    Instant oldest = null;
    for (TrialData t : trials.values()) {
      FileTime ft = TrialData.mtime(t.dir().resolve("params.json"));
      if (ft != null && (oldest == null || ft.toInstant().isBefore(oldest))) {
        oldest = ft.toInstant();
      }
    }
    return oldest;
  }

  /**
   * How many trials are in each status, in {@link #STATUS_ORDER} (others after).
   *
   * @return status to count, only statuses with trials
   */
  public Map<String, Integer> statusCounts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String s : STATUS_ORDER) {
      counts.put(s, 0);
    }
    for (TrialData t : trials.values()) {
      counts.merge(t.status(), 1, Integer::sum);
    }
    counts.values().removeIf(c -> c == 0);
    return counts;
  }

  /**
   * The config keys (flattened with {@code /}) whose values differ between trials, in the order
   * they first appear.
   *
   * @return the varied keys; empty for fewer than two trials
   */
  public List<String> variedParams() {
    return differingKeys(trials());
  }

  /**
   * The config keys whose values differ among {@code among}, or that some of them lack.
   *
   * @param among the trials to compare
   * @return the keys, in the order they first appear
   */
  public static List<String> differingKeys(List<TrialData> among) {
    Set<String> keys = new LinkedHashSet<>();
    for (TrialData t : among) {
      keys.addAll(t.config().keySet());
    }
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      Set<String> values = new HashSet<>();
      for (TrialData t : among) {
        values.add(t.config().containsKey(k) ? JsonText.toJson(t.config().get(k)) : "\0missing");
      }
      if (values.size() > 1) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * The numeric metrics any trial has reported, in the order they first appear.
   *
   * @return the names
   */
  public List<String> metrics() {
    Set<String> out = new LinkedHashSet<>();
    for (TrialData t : trials.values()) {
      out.addAll(t.metrics());
    }
    return new ArrayList<>(out);
  }

  /**
   * The metric pages show when none is chosen: {@code episode_reward_mean} when reported, else the
   * first metric the trainable itself reported, else {@code training_iteration}.
   *
   * @return the metric name
   */
  public String defaultMetric() {
    List<String> metrics = metrics();
    if (metrics.contains("episode_reward_mean")) {
      return "episode_reward_mean";
    }
    for (String m : metrics) {
      if (!isBookkeeping(m) && !m.startsWith("info/")) {
        return m;
      }
    }
    return "training_iteration";
  }

  /**
   * Whether a metric is better low: its name mentions a loss, an error or a regret (and does not
   * start with {@code neg_}).
   *
   * @param metric the metric name
   * @return {@link Mode#MIN} for those, else {@link Mode#MAX}
   */
  public static Mode defaultMode(String metric) {
    String m = metric.toLowerCase(java.util.Locale.ROOT);
    boolean low = m.contains("loss") || m.contains("error") || m.contains("regret");
    return low && !m.startsWith("neg_") && !m.contains("/neg_") ? Mode.MIN : Mode.MAX;
  }

  /**
   * Whether a metric is one of the fields Tune adds to every result (iteration, times, counters,
   * pid), or RLlib's timing and sampler bookkeeping: none of them has a better direction.
   *
   * @param metric the metric name
   * @return whether it is bookkeeping
   */
  public static boolean isBookkeeping(String metric) {
    return AUTO_FIELDS.contains(metric) || metric.startsWith("sampler_perf/") || metric.endsWith("_time_ms")
        || metric.startsWith("time_") || metric.startsWith("info/num_");
  }

  /**
   * The trial whose newest value of {@code metric} is best (Tune's {@code "last"} scope).
   *
   * @param metric the metric
   * @param mode whether higher or lower is better
   * @return the trial, or null when no trial has reported the metric
   */
  public TrialData best(String metric, Mode mode) {
    TrialData best = null;
    double bestValue = Double.NaN;
    for (TrialData t : trials.values()) {
      double v = t.last(metric);
      if (!Double.isNaN(v) && (best == null || mode.better(v, bestValue))) {
        best = t;
        bestValue = v;
      }
    }
    return best;
  }

  /**
   * A number that changes whenever a refresh saw something new; live pages poll it.
   *
   * @return the version
   */
  public long version() {
    long v = changes * 31 + trials.size();
    for (TrialData t : trials.values()) {
      v = v * 31 + t.changes();
    }
    return v;
  }
}
