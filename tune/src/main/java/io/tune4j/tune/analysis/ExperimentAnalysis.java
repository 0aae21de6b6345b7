package io.tune4j.tune.analysis;

import io.tune4j.tune.checkpoint.Checkpoint;
import io.tune4j.tune.logger.JsonText;
import io.tune4j.tune.logger.ResultFiles;
import io.tune4j.tune.stopper.CriteriaStopper;
import io.tune4j.tune.trial.ExperimentState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outcome of an experiment: every trial with its config, last result and files, the best
 * trial, config and checkpoint by a metric (over each trial's last result, all results, or the
 * average of its last 5 or 10), and each trial's results as rows. {@code Tune.run} returns one;
 * {@link #fromDirectory} reads one from an experiment directory alone, finished or not.
 *
 * <pre>{@code
 * ExperimentAnalysis a = Tune.run((config, reporter) -> reporter.report("mean_accuracy", (double) config.get("lr")),
 *     Map.of("training_iteration", 1), Map.of("lr", Tune.gridSearch(0.1, 0.01)));
 * Map<String, Object> best = a.bestConfig("mean_accuracy", Mode.MAX);
 * }</pre>
 */
public final class ExperimentAnalysis {
  private final Path experimentDir;
  private final List<TrialResult> trials;

  private final Map<String, Object> stats;

  /** Wraps finished trials. */
  public ExperimentAnalysis(Path experimentDir, List<TrialResult> trials) {
    this(experimentDir, trials, Map.of());
  }

  /** Wraps finished trials with the run's statistics. */
  public ExperimentAnalysis(Path experimentDir, List<TrialResult> trials, Map<String, Object> stats) {
    this.experimentDir = experimentDir;
    this.trials = List.copyOf(trials);
    this.stats = Map.copyOf(stats);
  }

  /**
   * The run's statistics (Tune's {@code stats()}): {@code wall_s}, the experiment-state writes
   * {@code state_writes} and the seconds they took, {@code state_write_s}. Empty for an analysis
   * read from a directory.
   *
   * @return the statistics
   */
  public Map<String, Object> stats() {
    return stats;
  }

  /**
   * Reads an experiment from its directory alone: the trials of the newest {@code
   * experiment_state-*.json} with their last results from {@code result.json}; without a state
   * file, every trial directory holding a {@code result.json} (status TERMINATED when its last
   * result says {@code done}, else RUNNING).
   *
   * <pre>{@code
   * ExperimentAnalysis a = ExperimentAnalysis.fromDirectory(Path.of("~/ray_results/my_sweep"));
   * TrialResult best = a.bestTrial("episode_reward_mean", Mode.MAX, "last-5-avg");
   * }</pre>
   *
   * @param experimentDir {@code <local_dir>/<name>}
   * @throws io.tune4j.tune.TuneException naming the directory when it holds no trials
   */
  @SuppressWarnings("unchecked")
  public static ExperimentAnalysis fromDirectory(Path experimentDir) {
    Path dir = experimentDir.toAbsolutePath();
    List<TrialResult> trials = new ArrayList<>();
    Path state = ExperimentState.newest(dir);
    if (state != null) {
      for (Object o : (List<Object>) ExperimentState.read(state).getOrDefault("checkpoints", List.of())) {
        Map<String, Object> row = (Map<String, Object>) o;
        Path logdir = row.get("logdir") instanceof String d ? Path.of(d) : null;
        Map<String, Object> last = logdir == null ? null : ResultFiles.lastResult(logdir);
        trials.add(new TrialResult(String.valueOf(row.get("trial_id")), (String) row.get("trial_name"),
            String.valueOf(row.get("status")), ExperimentState.config(row), last == null ? Map.of() : last, logdir,
            (String) row.get("checkpoint"), (String) row.get("error_file"), (String) row.get("error_message"),
            number(row.get("start_millis")), number(row.get("end_millis"))));
      }
    } else {
      try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir)) {
        for (Path p : s.sorted().toList()) {
          Map<String, Object> last = ResultFiles.lastResult(p);
          if (last == null) {
            continue;
          }
          Object cfg = last.get("config");
          trials.add(new TrialResult(String.valueOf(last.getOrDefault("trial_id", p.getFileName().toString())),
              p.getFileName().toString(), Boolean.TRUE.equals(last.get("done")) ? "TERMINATED" : "RUNNING",
              cfg instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(), last, p, null, null, null, -1, -1));
        }
      } catch (java.io.IOException e) {
        throw new io.tune4j.tune.TuneException("cannot read the experiment directory " + dir + ": " + e, e);
      }
    }
    if (trials.isEmpty()) {
      throw new io.tune4j.tune.TuneException("no trials in " + dir
          + " (no experiment_state-*.json and no trial directory with a result.json)");
    }
    return new ExperimentAnalysis(dir, trials);
  }

  private static long number(Object o) {
    return o instanceof Number n ? n.longValue() : -1;
  }

  /**
   * Every result a trial logged, in order ({@code result.json}, one map per line; Tune's {@code
   * trial_dataframe}).
   *
   * @param trial a trial of this experiment
   * @return the rows, empty when it logged none
   */
  public List<Map<String, Object>> results(TrialResult trial) {
    List<Map<String, Object>> rows = new ArrayList<>();
    if (trial.logdir() == null) {
      return rows;
    }
    Path f = trial.logdir().resolve("result.json");
    if (!java.nio.file.Files.exists(f)) {
      return rows;
    }
    try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(f)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank()) {
          try {
            rows.add(JsonText.parseObject(line));
          } catch (RuntimeException e) {
            // a torn last line of a running trial: skip it
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + f + ": " + e, e);
    }
    return rows;
  }

  /**
   * The trial with the best {@code metric} under a scope (Tune 2.x's {@code get_best_trial}):
   * {@code last} (its last result), {@code all} (its best result), {@code avg} (the mean of all
   * its results), {@code last-5-avg} or {@code last-10-avg} (the mean of its last 5 or 10).
   *
   * @return the best trial, or null if no trial reported the metric
   * @throws IllegalArgumentException naming a scope that is none of these
   */
  public TrialResult bestTrial(String metric, io.tune4j.search.Mode mode, String scope) {
    if ("last".equals(scope)) {
      return bestTrial(metric, mode);
    }
    TrialResult best = null;
    double bestV = 0;
    for (TrialResult t : trials) {
      double v = scoped(results(t), metric, mode, scope);
      if (!Double.isNaN(v) && (best == null || mode.better(v, bestV))) {
        best = t;
        bestV = v;
      }
    }
    return best;
  }

  private static double scoped(List<Map<String, Object>> rows, String metric, io.tune4j.search.Mode mode, String scope) {
    List<Double> values = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      if (CriteriaStopper.lookup(r, metric) instanceof Number n && !Double.isNaN(n.doubleValue())) {
        values.add(n.doubleValue());
      }
    }
    if (values.isEmpty()) {
      return Double.NaN;
    }
    int n = switch (scope) {
      case "all" -> -1;
      case "avg" -> values.size();
      case "last-5-avg" -> 5;
      case "last-10-avg" -> 10;
      default -> throw new IllegalArgumentException("scope must be last, all, avg, last-5-avg or last-10-avg, got '" + scope + "'");
    };
    if (n < 0) {
      double best = values.get(0);
      for (double v : values) {
        best = mode.better(v, best) ? v : best;
      }
      return best;
    }
    double sum = 0;
    List<Double> tail = values.subList(Math.max(0, values.size() - n), values.size());
    for (double v : tail) {
      sum += v;
    }
    return sum / tail.size();
  }

  /** The config of {@link #bestTrial(String, io.tune4j.search.Mode, String)}, or null. */
  public Map<String, Object> bestConfig(String metric, io.tune4j.search.Mode mode, String scope) {
    TrialResult t = bestTrial(metric, mode, scope);
    return t == null ? null : t.config();
  }

  /**
   * The trial's checkpoints still on disk, oldest first, each with the numbers of the result it
   * was saved at.
   *
   * @param trial a trial of this experiment
   * @return the checkpoints (empty when none)
   */
  public List<Checkpoint> checkpoints(TrialResult trial) {
    List<Checkpoint> out = new ArrayList<>();
    if (trial.logdir() == null || !java.nio.file.Files.isDirectory(trial.logdir())) {
      return out;
    }
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(trial.logdir())) {
      for (Path p : s.toList()) {
        if (p.getFileName().toString().startsWith("checkpoint_")) {
          Checkpoint c = Checkpoint.read(p);
          if (c != null) {
            out.add(c);
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + trial.logdir() + ": " + e, e);
    }
    out.sort(java.util.Comparator.comparingInt(Checkpoint::resultCount));
    return out;
  }

  /**
   * The path of the trial's checkpoint whose result had the best {@code metric} (Tune's {@code
   * get_best_checkpoint}).
   *
   * @return the path to restore from, or null when no checkpoint recorded the metric
   */
  public Path bestCheckpoint(TrialResult trial, String metric, io.tune4j.search.Mode mode) {
    Path best = null;
    double bestV = 0;
    for (Checkpoint c : checkpoints(trial)) {
      if (CriteriaStopper.lookup(c.result(), metric) instanceof Number n && !Double.isNaN(n.doubleValue())) {
        double v = n.doubleValue();
        if (best == null || !mode.better(bestV, v)) {
          best = c.path();
          bestV = v;
        }
      }
    }
    return best;
  }

  /** The best checkpoint of the best trial (scope {@code last}), or null. */
  public Path bestCheckpoint(String metric, io.tune4j.search.Mode mode) {
    TrialResult t = bestTrial(metric, mode);
    return t == null ? null : bestCheckpoint(t, metric, mode);
  }

  /** The experiment directory. */
  public Path experimentDir() {
    return experimentDir;
  }

  /** Every trial, in creation order. */
  public List<TrialResult> trials() {
    return trials;
  }

  /** Trials that ended in ERROR. */
  public List<TrialResult> errors() {
    List<TrialResult> out = new ArrayList<>();
    for (TrialResult t : trials) {
      if ("ERROR".equals(t.status())) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * The trial whose last result has the best {@code metric} ("/" paths allowed).
   *
   * @param mode "max" or "min"
   * @return the best trial, or null if no trial reported the metric
   */
  public TrialResult bestTrial(String metric, String mode) {
    return bestTrial(metric, io.tune4j.search.Mode.of(mode));
  }

  /**
   * The trial whose last result has the best {@code metric} ("/" paths allowed).
   *
   * @return the best trial, or null if no trial reported the metric
   */
  public TrialResult bestTrial(String metric, io.tune4j.search.Mode mode) {
    TrialResult best = null;
    double bestV = 0;
    for (TrialResult t : trials) {
      Object v = CriteriaStopper.lookup(t.lastResult(), metric);
      if (!(v instanceof Number n) || Double.isNaN(n.doubleValue())) {
        continue;
      }
      double x = n.doubleValue();
      if (best == null || mode.better(x, bestV)) {
        best = t;
        bestV = x;
      }
    }
    return best;
  }

  /** The config of {@link #bestTrial}, or null. */
  public Map<String, Object> bestConfig(String metric, io.tune4j.search.Mode mode) {
    TrialResult t = bestTrial(metric, mode);
    return t == null ? null : t.config();
  }

  /** The directory of {@link #bestTrial}, or null. */
  public Path bestLogdir(String metric, io.tune4j.search.Mode mode) {
    TrialResult t = bestTrial(metric, mode);
    return t == null ? null : t.logdir();
  }

  /** The config of {@link #bestTrial}, or null. */
  public Map<String, Object> bestConfig(String metric, String mode) {
    TrialResult t = bestTrial(metric, mode);
    return t == null ? null : t.config();
  }

  /** The directory of {@link #bestTrial}, or null. */
  public Path bestLogdir(String metric, String mode) {
    TrialResult t = bestTrial(metric, mode);
    return t == null ? null : t.logdir();
  }
}
