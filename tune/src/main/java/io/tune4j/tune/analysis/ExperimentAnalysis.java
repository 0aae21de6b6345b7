package io.tune4j.tune.analysis;

import io.tune4j.tune.stopper.CriteriaStopper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@code Tune.run}: every trial with its config, last result and files, and the
 * best trial by a metric.
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

  /** Wraps finished trials. */
  public ExperimentAnalysis(Path experimentDir, List<TrialResult> trials) {
    this.experimentDir = experimentDir;
    this.trials = List.copyOf(trials);
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
