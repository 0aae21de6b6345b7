package io.tune4j.schedulers;

import io.tune4j.search.Mode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The median stopping rule (Tune 2019's {@code MedianStoppingRule}; Golovin et al., Vizier,
 * https://research.google.com/pubs/pub46180.html): a trial is stopped when its best score so far is
 * strictly worse than the median, over <em>completed</em> trials, of their running mean of the
 * metric over results with {@code time_attr <= t}, once {@code t > grace_period}. With fewer than
 * {@code min_samples_required} completed trials nothing is stopped. With {@code hard_stop=false}
 * the trial is PAUSEd instead, and once resumed it always continues (FIFO). Trials start in FIFO
 * order.
 *
 * <p>A completed trial with no result at or before {@code t} has no running mean at {@code t} and
 * is left out of the median (numpy would give NaN and so never stop anything).
 *
 * <p><b>Cost.</b> Per trial the scheduler keeps the times and prefix sums of its scores, so a
 * completed trial's running mean at {@code t} is a binary search; a result costs {@code O(C log
 * R)} for C completed trials and R results per trial, not a scan of all results. {@code time_attr}
 * must not decrease within a trial (Tune requires it to be monotonic); if it does, that trial falls
 * back to a linear scan.
 *
 * <pre>{@code
 * TrialScheduler median = MedianStoppingRule.builder()
 *     .metric("mean_accuracy").mode(Mode.MAX).gracePeriod(5)
 *     .build();
 * }</pre>
 */
public final class MedianStoppingRule extends MetricScheduler {
  private final double gracePeriod;
  private final int minSamplesRequired;
  private final boolean hardStop;
  private final Map<String, History> histories = new LinkedHashMap<>();
  private final Set<String> completed = new LinkedHashSet<>();
  private final Set<String> stopped = new LinkedHashSet<>();
  private final FifoScheduler fifo = new FifoScheduler();
  private double lastMedian = Double.NaN;

  private MedianStoppingRule(Builder b) {
    super("MedianStoppingRule", b);
    this.gracePeriod = Checks.nonNegative("grace_period", b.gracePeriod);
    if (b.minSamplesRequired < 1) {
      throw new IllegalArgumentException(
          "min_samples_required must be >= 1, got " + b.minSamplesRequired);
    }
    this.minSamplesRequired = b.minSamplesRequired;
    this.hardStop = b.hardStop;
  }

  /**
   * Starts a builder with Tune's defaults: time_attr {@code time_total_s}, grace_period 60,
   * min_samples_required 3, hard_stop true; no metric or mode.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void onTrialAdd(SchedulerContext ctx, TrialView trial) {
    requireMetricAndMode();
    fifo.onTrialAdd(ctx, trial);
  }

  @Override
  public Decision onTrialResult(SchedulerContext ctx, TrialView trial, Map<String, Object> result) {
    requireMetricAndMode();
    String id = trial.trialId();
    if (stopped.contains(id)) {
      return Decision.CONTINUE; // paused once (hard_stop=false); now runs FIFO to the end
    }
    double t = time(result);
    double score = score(result);
    histories.computeIfAbsent(id, k -> new History()).add(t, score);
    double median = medianAt(t);
    lastMedian = median;
    double best = histories.get(id).best;
    if (best < median && t > gracePeriod) {
      stopped.add(id);
      return hardStop ? Decision.STOP : Decision.PAUSE;
    }
    return Decision.CONTINUE;
  }

  /**
   * Returns the median, over completed trials, of their running mean score at time t.
   *
   * @param t the time
   * @return the median in score units (higher is better), or -infinity with too few samples
   */
  double medianAt(double t) {
    double[] means = new double[completed.size()];
    int n = 0;
    for (String id : completed) {
      History h = histories.get(id);
      if (h != null) {
        double mean = h.runningMean(t);
        if (!Double.isNaN(mean)) {
          means[n++] = mean;
        }
      }
    }
    if (n < minSamplesRequired) {
      return Double.NEGATIVE_INFINITY;
    }
    Arrays.sort(means, 0, n);
    return n % 2 == 1 ? means[n / 2] : (means[n / 2 - 1] + means[n / 2]) / 2;
  }

  /**
   * Returns the current median at a time in metric units, as the stopping rule sees it.
   *
   * @param t a value of {@code time_attr}
   * @return the median of completed trials' running means, or null with too few completed trials
   */
  public Double median(double t) {
    double m = medianAt(t);
    if (m == Double.NEGATIVE_INFINITY) {
      return null;
    }
    return mode() == Mode.MIN ? -m : m;
  }

  @Override
  public void onTrialComplete(SchedulerContext ctx, TrialView trial, Map<String, Object> result) {
    fifo.onTrialComplete(ctx, trial, result);
    if (hasKeys(result)) {
      histories.computeIfAbsent(trial.trialId(), k -> new History()).add(time(result), score(result));
    }
    completed.add(trial.trialId());
  }

  @Override
  public void onTrialError(SchedulerContext ctx, TrialView trial) {
    fifo.onTrialError(ctx, trial);
  }

  /** A stopped PENDING or PAUSED trial that ran before counts as completed, as in Tune. */
  @Override
  public void onTrialRemove(SchedulerContext ctx, TrialView trial) {
    fifo.onTrialRemove(ctx, trial);
    if (histories.containsKey(trial.trialId())) {
      completed.add(trial.trialId());
    }
  }

  @Override
  public String chooseTrialToRun(SchedulerContext ctx) {
    return fifo.chooseTrialToRun(ctx);
  }

  /**
   * Returns {@code Using MedianStoppingRule: num_stopped=N.} and a line with the number of
   * completed trials and the last median.
   *
   * @return the status text
   */
  @Override
  public String debugString() {
    return "Using MedianStoppingRule: num_stopped="
        + stopped.size()
        + ".\n"
        + String.format(
            Locale.ROOT,
            "completed=%d (min_samples_required=%d), last median=%.4g, grace_period=%s",
            completed.size(),
            minSamplesRequired,
            Double.isNaN(lastMedian) || Double.isInfinite(lastMedian)
                ? Double.NaN
                : (mode() == Mode.MIN ? -lastMedian : lastMedian),
            gracePeriod);
  }

  @Override
  public Map<String, Object> saveState() {
    Map<String, Object> state = new LinkedHashMap<>();
    Map<String, Object> trials = new LinkedHashMap<>();
    histories.forEach(
        (id, h) -> {
          List<Object> times = new ArrayList<>(h.size);
          List<Object> scores = new ArrayList<>(h.size);
          for (int i = 0; i < h.size; i++) {
            times.add(Checks.encode(h.times[i]));
            scores.add(Checks.encode(h.scores[i]));
          }
          trials.put(id, Map.of("times", times, "scores", scores));
        });
    state.put("trials", trials);
    state.put("completed", new ArrayList<>(completed));
    state.put("stopped", new ArrayList<>(stopped));
    return state;
  }

  @Override
  public void restoreState(Map<String, Object> state) {
    histories.clear();
    completed.clear();
    stopped.clear();
    Checks.map(state.get("trials"), "trials")
        .forEach(
            (id, value) -> {
              Map<String, Object> m = Checks.map(value, id);
              List<?> times = Checks.list(m.get("times"), "times");
              List<?> scores = Checks.list(m.get("scores"), "scores");
              History h = new History();
              for (int i = 0; i < times.size(); i++) {
                h.add(Checks.decode(times.get(i)), Checks.decode(scores.get(i)));
              }
              histories.put(id, h);
            });
    for (Object id : Checks.list(state.get("completed"), "completed")) {
      completed.add((String) id);
    }
    for (Object id : Checks.list(state.get("stopped"), "stopped")) {
      stopped.add((String) id);
    }
  }

  /** One trial's results: times, scores, prefix sums of scores, best score. */
  private static final class History {
    double[] times = new double[8];
    double[] scores = new double[8];
    double[] prefix = new double[9];
    int size;
    double best = Double.NEGATIVE_INFINITY;
    boolean monotonic = true;

    void add(double t, double score) {
      if (size == times.length) {
        times = Arrays.copyOf(times, size * 2);
        scores = Arrays.copyOf(scores, size * 2);
        prefix = Arrays.copyOf(prefix, size * 2 + 1);
      }
      if (size > 0 && t < times[size - 1]) {
        monotonic = false;
      }
      times[size] = t;
      scores[size] = score;
      prefix[size + 1] = prefix[size] + score;
      size++;
      best = Math.max(best, score); // NaN scores are ignored, as Python's max() mostly does
    }

    /** Mean score over results with time <= t; NaN if there are none. */
    double runningMean(double t) {
      if (!monotonic) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < size; i++) {
          if (times[i] <= t) {
            sum += scores[i];
            n++;
          }
        }
        return n == 0 ? Double.NaN : sum / n;
      }
      int lo = 0;
      int hi = size; // count of times <= t
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (times[mid] <= t) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo == 0 ? Double.NaN : prefix[lo] / lo;
    }
  }

  /**
   * Builds a {@link MedianStoppingRule}.
   *
   * <pre>{@code
   * MedianStoppingRule.builder().metric("loss").mode("min").hardStop(false).build();
   * }</pre>
   */
  public static final class Builder extends MetricBuilder<Builder> {
    private double gracePeriod = 60;
    private int minSamplesRequired = 3;
    private boolean hardStop = true;

    private Builder() {
      super("time_total_s");
    }

    /**
     * Sets {@code grace_period}: only trials with {@code t > grace_period} are stopped.
     *
     * @param gracePeriod default 60
     * @return this builder
     */
    public Builder gracePeriod(double gracePeriod) {
      this.gracePeriod = gracePeriod;
      return this;
    }

    /**
     * Sets {@code min_samples_required}, the completed trials needed before stopping anything.
     *
     * @param minSamplesRequired default 3
     * @return this builder
     */
    public Builder minSamplesRequired(int minSamplesRequired) {
      this.minSamplesRequired = minSamplesRequired;
      return this;
    }

    /**
     * Sets {@code hard_stop}: STOP (true) or PAUSE (false) a trial below the median.
     *
     * @param hardStop default true
     * @return this builder
     */
    public Builder hardStop(boolean hardStop) {
      this.hardStop = hardStop;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the scheduler
     * @throws IllegalArgumentException naming the first invalid parameter
     */
    public MedianStoppingRule build() {
      return new MedianStoppingRule(this);
    }
  }
}
