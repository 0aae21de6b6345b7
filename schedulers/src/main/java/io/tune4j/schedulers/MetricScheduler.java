package io.tune4j.schedulers;

import io.tune4j.search.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Shared plumbing of the schedulers that rank trials by a metric: the metric and mode (adopted from
 * {@code Tune.run} through {@link #setSearchProperties}), the time attribute, and reading both from
 * a result.
 *
 * <p><b>Missing keys.</b> One rule for every scheduler: a result that lacks {@code time_attr} or
 * the metric (or holds a non-number there) is an {@link IllegalArgumentException} naming the
 * missing key and the keys present; the runner turns it into a trial error. This is Tune 2019's
 * behaviour (a {@code KeyError}); Tune 2.x's ASHA instead silently continued, which hides typos in
 * the metric name.
 */
abstract class MetricScheduler implements TrialScheduler {
  private final String name;
  final String timeAttr;
  private String metric;
  private Mode mode;

  MetricScheduler(String name, MetricBuilder<?> b) {
    this.name = name;
    this.timeAttr = Checks.notBlank("time_attr", b.timeAttr);
    this.metric = b.metric;
    this.mode = b.mode;
  }

  /**
   * Adopts the metric and mode given once to {@code Tune.run} where this scheduler has none.
   *
   * @param metric the top-level metric, or null
   * @param mode the top-level mode, or null
   * @return true if the scheduler now has both a metric and a mode
   * @throws IllegalArgumentException naming {@code metric} or {@code mode} when both this
   *     scheduler and {@code Tune.run} set it to different values
   */
  @Override
  public boolean setSearchProperties(String metric, Mode mode) {
    if (metric != null && this.metric != null && !metric.equals(this.metric)) {
      throw new IllegalArgumentException(
          name
              + " has metric='"
              + this.metric
              + "' but Tune.run got metric='"
              + metric
              + "': set the metric in one place only");
    }
    if (mode != null && this.mode != null && mode != this.mode) {
      throw new IllegalArgumentException(
          name
              + " has mode='"
              + this.mode
              + "' but Tune.run got mode='"
              + mode
              + "': set the mode in one place only");
    }
    if (this.metric == null) {
      this.metric = metric;
    }
    if (this.mode == null) {
      this.mode = mode;
    }
    return this.metric != null && this.mode != null;
  }

  /**
   * Returns the metric this scheduler ranks trials by.
   *
   * @return the metric name, or null until set
   */
  public String metric() {
    return metric;
  }

  /**
   * Returns whether a higher or lower metric is better.
   *
   * @return the mode, or null until set
   */
  public Mode mode() {
    return mode;
  }

  /**
   * Returns the result key that measures progress.
   *
   * @return {@code time_attr}
   */
  public String timeAttr() {
    return timeAttr;
  }

  /** Fails with the message the runner shows when metric or mode was never given. */
  void requireMetricAndMode() {
    if (metric == null) {
      throw new IllegalStateException(
          name + " needs a metric: pass metric=... to the scheduler or Tune.run");
    }
    if (mode == null) {
      throw new IllegalStateException(
          name + " needs a mode: pass mode='max' or mode='min' to the scheduler or Tune.run");
    }
  }

  /** Reads {@code time_attr} from a result. */
  double time(Map<String, Object> result) {
    return number(result, timeAttr);
  }

  /** Reads the metric as a score where higher is better ({@code metric_op × metric}). */
  double score(Map<String, Object> result) {
    requireMetricAndMode();
    double value = number(result, metric);
    return mode == Mode.MAX ? value : -value;
  }

  /** Tells whether a result holds both keys (used for the final result on completion). */
  boolean hasKeys(Map<String, Object> result) {
    return result != null
        && result.get(timeAttr) instanceof Number
        && metric != null
        && result.get(metric) instanceof Number;
  }

  double number(Map<String, Object> result, String key) {
    Object value = result == null ? null : result.get(key);
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    List<String> keys = result == null ? List.of() : new ArrayList<>(new TreeSet<>(result.keySet()));
    if (value == null) {
      throw new IllegalArgumentException(
          name + " needs '" + key + "' in every result, but the result has only " + keys);
    }
    throw new IllegalArgumentException(
        name + " needs a number at '" + key + "', got " + value + " (" + value.getClass().getSimpleName() + ")");
  }

  String schedulerName() {
    return name;
  }

  /** The first state line: metric, mode and time attribute. */
  String settingsLine() {
    return "metric=" + metric + ", mode=" + mode + ", time_attr=" + timeAttr;
  }

  /**
   * The settings every metric scheduler's builder takes: {@code time_attr}, {@code metric} and
   * {@code mode}. A scheduler's {@code Builder} extends it and declares only its own settings.
   *
   * @param <B> the concrete builder type
   */
  abstract static class MetricBuilder<B extends MetricBuilder<B>> {
    String timeAttr;
    String metric;
    Mode mode;

    /**
     * Creates a builder with no metric or mode.
     *
     * @param timeAttr the scheduler's default {@code time_attr}
     */
    MetricBuilder(String timeAttr) {
      this.timeAttr = timeAttr;
    }

    /** Returns {@code this}, typed (every subclass is declared as {@code X extends ...<X>}). */
    @SuppressWarnings("unchecked")
    final B self() {
      return (B) this;
    }

    /**
     * Sets {@code time_attr}, the monotonically increasing result key measuring progress.
     *
     * @param timeAttr default {@code training_iteration} for the HyperBand schedulers, {@code
     *     time_total_s} for the others (see the scheduler's {@code builder()})
     * @return this builder
     */
    public B timeAttr(String timeAttr) {
      this.timeAttr = timeAttr;
      return self();
    }

    /**
     * Sets {@code metric}, the result key to rank trials by.
     *
     * @param metric the metric; null to take it from {@code Tune.run}
     * @return this builder
     */
    public B metric(String metric) {
      this.metric = metric;
      return self();
    }

    /**
     * Sets {@code mode}.
     *
     * @param mode MAX or MIN; null to take it from {@code Tune.run}
     * @return this builder
     */
    public B mode(Mode mode) {
      this.mode = mode;
      return self();
    }

    /**
     * Sets {@code mode} by Tune's spelling.
     *
     * @param mode {@code "max"} or {@code "min"}
     * @return this builder
     */
    public B mode(String mode) {
      this.mode = Mode.of(mode);
      return self();
    }
  }
}
