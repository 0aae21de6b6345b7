package io.tune4j.tune.trial;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Writes the experiment state ({@link ExperimentState}) during a run, throttled: the first write
 * comes as soon as there are trials, later ones at least {@code periodS} apart and 19 write
 * durations apart, so writing takes at most about 5 % of the wall time (Tune 2.x's adaptive
 * period, which fixed runs that spent most of their time in experiment checkpoints).
 *
 * <pre>{@code
 * StateWriter w = new StateWriter(experimentDir, "2026-12-04_22-51-42", 10);
 * if (w.due(changed)) w.write(trials, runnerData);
 * }</pre>
 */
final class StateWriter {
  private static final Logger LOG = Logger.getLogger(StateWriter.class.getName());
  private final Path experimentDir;
  private final String sessionDate;
  private final double periodNanos;
  private final long sessionStartMillis = System.currentTimeMillis();
  private long lastNanos;
  private double lastDurationNanos;
  private double totalNanos;
  private int writes;

  StateWriter(Path experimentDir, String sessionDate, double periodS) {
    this.experimentDir = experimentDir;
    this.sessionDate = sessionDate;
    this.periodNanos = periodS * 1e9;
  }

  /** Whether a write is due: the first once trials changed, later ones by the throttle. */
  boolean due(boolean changed) {
    if (writes == 0) {
      return changed;
    }
    return System.nanoTime() - lastNanos >= Math.max(periodNanos, 19 * lastDurationNanos);
  }

  /** Writes the state now; a failure is logged, never thrown (the sweep goes on). */
  void write(List<Trial> trials, Map<String, Object> runnerData) {
    long start = System.nanoTime();
    try {
      ExperimentState.write(experimentDir, sessionDate, sessionStartMillis, trials, runnerData);
    } catch (RuntimeException e) {
      LOG.warning("cannot write the experiment state in " + experimentDir + ": " + e.getMessage());
    }
    long end = System.nanoTime();
    lastDurationNanos = end - start;
    totalNanos += lastDurationNanos;
    lastNanos = end;
    writes++;
  }

  /** Seconds spent writing. */
  double seconds() {
    return totalNanos / 1e9;
  }

  /** Number of writes. */
  int writes() {
    return writes;
  }
}
