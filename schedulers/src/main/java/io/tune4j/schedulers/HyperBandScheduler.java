package io.tune4j.schedulers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Synchronous HyperBand (Tune's {@code HyperBandScheduler}; Li et al.,
 * https://arxiv.org/abs/1603.06560). Trials fill brackets s = 0, 1, ... of a band ("round") of
 * {@code s_max_1 = round(log(max_t)/log(eta)) + 1} brackets; bracket s takes {@code n0 =
 * ceil(s_max_1/(s+1) × eta^s)} trials and first runs them to {@code r0 = int(max_t × eta^−s)}.
 * A trial reaching its bracket's milestone is PAUSEd; when every live trial of the bracket has
 * reached it, the bracket halves: {@code n = ceil(n/eta)}, {@code r = min(r×eta, max_t −
 * cumul_r)}, {@code cumul_r += r}; the best {@code n} trials may run again and the others are
 * stopped. At the last milestone trials are STOPped. For max_t 81, eta 3 the brackets are (n,
 * cumulative r): s=4 (81,1),(27,4),(9,13),(3,40),(1,81); s=3 (34,3),(12,12),(4,39),(2,81); s=2
 * (15,9),(5,36),(2,81); s=1 (8,27),(3,81); s=0 (5,81): 143 trials per band.
 *
 * <p><b>No stuck trials.</b> Tune's runner could hang with "paused trials, but no more pending
 * trials" (ray#6780, #14500, #39157). Here: a trial that finishes, fails or is removed leaves its
 * bracket, which then halves if every remaining trial is waiting; a bracket that never filled
 * (the searcher ran out) halves all the same; halving repeats while every survivor is already
 * past the new milestone; once {@code cumul_r} reaches {@code max_t} the bracket is final instead
 * of adding zero-length rungs; and trials at the final milestone stop at once instead of waiting.
 *
 * <p><b>Stopping paused trials.</b> The SPI lets a scheduler decide only about the trial that
 * reported, so a PAUSED trial that loses a halving is listed in {@link #trialsToStop()}. A runner
 * may stop those directly (then calling {@link #onTrialRemove}); otherwise {@link
 * #chooseTrialToRun} hands them out once free resources allow and their next result is answered
 * with STOP.
 *
 * <p>{@link #chooseTrialToRun}: bands in order, within a band brackets by ascending completion,
 * within a bracket the first trial that fits and is PENDING, or PAUSED below the bracket's
 * milestone (un-paused by a halving); then trials to stop.
 *
 * <pre>{@code
 * TrialScheduler hb = HyperBandScheduler.builder()
 *     .metric("episode_reward_mean").mode(Mode.MAX).maxT(81).reductionFactor(3)
 *     .build();
 * }</pre>
 */
public final class HyperBandScheduler extends MetricScheduler {
  private final double maxT;
  private final double eta;
  private final int sMax1;
  private final List<List<HyperBandBracket>> bands = new ArrayList<>();
  private final Map<String, HyperBandBracket> trialInfo = new LinkedHashMap<>();
  private final Set<String> toStop = new LinkedHashSet<>();
  private HyperBandBracket current;
  private long numStopped;

  private HyperBandScheduler(Builder b) {
    super("HyperBandScheduler", b);
    if (!(b.maxT >= 1) || Double.isInfinite(b.maxT)) {
      throw new IllegalArgumentException("max_t must be >= 1, got " + b.maxT);
    }
    if (!(b.reductionFactor > 1) || Double.isInfinite(b.reductionFactor)) {
      throw new IllegalArgumentException("reduction_factor must be > 1, got " + b.reductionFactor);
    }
    this.maxT = b.maxT;
    this.eta = b.reductionFactor;
    this.sMax1 = (int) Math.rint(StrictMath.log(maxT) / StrictMath.log(eta)) + 1;
    bands.add(new ArrayList<>());
  }

  /**
   * Starts a builder with Tune's defaults: time_attr {@code training_iteration}, max_t 81,
   * reduction_factor 3; no metric or mode.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the number of brackets per band, {@code round(log(max_t)/log(eta)) + 1}.
   *
   * @return s_max_1
   */
  public int sMax1() {
    return sMax1;
  }

  /**
   * Returns a bracket's initial size, {@code ceil(s_max_1/(s+1) × eta^s)}.
   *
   * @param s the bracket index in its band
   * @return n0(s)
   */
  public long n0(int s) {
    return (long) Math.ceil((double) sMax1 / (s + 1) * StrictMath.pow(eta, s));
  }

  /**
   * Returns a bracket's first milestone, {@code int(max_t × eta^−s)}.
   *
   * @param s the bracket index in its band
   * @return r0(s)
   */
  public long r0(int s) {
    return (long) (maxT * StrictMath.pow(eta, -s));
  }

  /** A new bracket s of a band, at its initial size and first milestone. */
  HyperBandBracket newBracket(int band, int s) {
    return new HyperBandBracket(band, s, n0(s), r0(s), eta, maxT);
  }

  /**
   * Returns the (size, cumulative milestone) pairs bracket s goes through, as in §3.2's table.
   *
   * @param s the bracket index
   * @return pairs {@code {n, cumul_r}}, first to last
   */
  public List<long[]> schedule(int s) {
    HyperBandBracket b = newBracket(0, s);
    List<long[]> out = new ArrayList<>();
    out.add(new long[] {b.n, b.cumulR});
    while (b.halves > 0) {
      b.halve();
      out.add(new long[] {b.n, b.cumulR});
    }
    return out;
  }

  /**
   * Returns PAUSED (or PENDING) trials that lost a halving and should be stopped.
   *
   * @return trial ids, oldest first
   */
  public Set<String> trialsToStop() {
    return Set.copyOf(toStop);
  }

  @Override
  public void onTrialAdd(SchedulerContext ctx, TrialView trial) {
    requireMetricAndMode();
    String id = trial.trialId();
    if (trialInfo.containsKey(id) || toStop.contains(id)) {
      return; // restored or re-announced: already placed
    }
    if (current == null || current.filled()) {
      while (true) {
        List<HyperBandBracket> band = bands.get(bands.size() - 1);
        if (band.size() == sMax1) {
          band = new ArrayList<>();
          bands.add(band);
        }
        int s = band.size();
        if (r0(s) == 0) {
          band.add(null); // "Bracket too small - Retrying"
          current = null;
          continue;
        }
        current = newBracket(bands.size() - 1, s);
        band.add(current);
        break;
      }
    }
    current.add(id);
    trialInfo.put(id, current);
  }

  @Override
  public Decision onTrialResult(SchedulerContext ctx, TrialView trial, Map<String, Object> result) {
    requireMetricAndMode();
    String id = trial.trialId();
    if (toStop.remove(id)) {
      return Decision.STOP;
    }
    HyperBandBracket b = trialInfo.get(id);
    if (b == null) {
      throw new IllegalStateException(
          "HyperBandScheduler got a result of trial " + id + " it was never told about (onTrialAdd)");
    }
    double t = time(result);
    b.update(id, t, score(result));
    if (t < b.cumulR) {
      return Decision.CONTINUE;
    }
    return process(b, id);
  }

  /** Halves the bracket while all its live trials wait; returns the reporter's decision. */
  private Decision process(HyperBandBracket b, String reporter) {
    Decision action = Decision.PAUSE;
    while (!b.live.isEmpty() && b.halves > 0 && b.curIterDone()) {
      List<String> bad = b.halve();
      for (String id : bad) {
        b.live.remove(id);
        trialInfo.remove(id);
        numStopped++;
        if (id.equals(reporter)) {
          action = Decision.STOP;
        } else {
          toStop.add(id);
        }
      }
      if (reporter != null && b.live.containsKey(reporter) && b.live.get(reporter).time < b.cumulR) {
        action = Decision.CONTINUE;
      }
    }
    if (b.halves == 0) {
      for (String id : new ArrayList<>(b.live.keySet())) {
        if (b.live.get(id).time >= b.cumulR) {
          b.live.remove(id);
          trialInfo.remove(id);
          if (id.equals(reporter)) {
            action = Decision.STOP;
          } else {
            toStop.add(id);
          }
        }
      }
    }
    return action;
  }

  @Override
  public void onTrialComplete(SchedulerContext ctx, TrialView trial, Map<String, Object> result) {
    leave(trial.trialId());
  }

  @Override
  public void onTrialError(SchedulerContext ctx, TrialView trial) {
    leave(trial.trialId());
  }

  @Override
  public void onTrialRemove(SchedulerContext ctx, TrialView trial) {
    leave(trial.trialId());
  }

  private void leave(String id) {
    toStop.remove(id);
    HyperBandBracket b = trialInfo.remove(id);
    if (b != null) {
      b.live.remove(id);
      process(b, null);
    }
  }

  @Override
  public String chooseTrialToRun(SchedulerContext ctx) {
    List<String> stale = new ArrayList<>();
    String chosen = scan(ctx, stale);
    if (!stale.isEmpty()) {
      stale.forEach(this::leave); // finished without a callback: drop them, then look again
      chosen = scan(ctx, new ArrayList<>());
    }
    return chosen;
  }

  private String scan(SchedulerContext ctx, List<String> stale) {
    for (List<HyperBandBracket> band : bands) {
      List<HyperBandBracket> order = new ArrayList<>();
      for (HyperBandBracket b : band) {
        if (b != null && !b.live.isEmpty()) {
          order.add(b);
        }
      }
      order.sort(Comparator.comparingDouble(HyperBandBracket::completion));
      for (HyperBandBracket b : order) {
        for (Map.Entry<String, HyperBandBracket.Live> e : b.live.entrySet()) {
          TrialView view = ctx.trial(e.getKey());
          if (view == null || view.status().isFinished()) {
            stale.add(e.getKey());
            continue;
          }
          boolean waiting =
              view.status() == TrialStatus.PENDING
                  || (view.status() == TrialStatus.PAUSED && e.getValue().time < b.cumulR);
          if (waiting && ctx.hasResourcesFor(e.getKey())) {
            return e.getKey();
          }
        }
      }
    }
    for (String id : toStop) {
      TrialView view = ctx.trial(id);
      if (view == null || view.status().isFinished()) {
        stale.add(id);
      } else if (view.status() != TrialStatus.RUNNING && ctx.hasResourcesFor(id)) {
        return id;
      }
    }
    return null;
  }

  /**
   * Returns {@code Using HyperBand: num_stopped=N total_brackets=B}, then per band {@code Round
   * #i:} and a line per bracket with its size n, milestone r, completion and live trials.
   *
   * @return the status text
   */
  @Override
  public String debugString() {
    int total = 0;
    for (List<HyperBandBracket> band : bands) {
      total += band.size();
    }
    StringBuilder out =
        new StringBuilder("Using HyperBand: num_stopped=" + numStopped + " total_brackets=" + total);
    for (int i = 0; i < bands.size(); i++) {
      out.append("\nRound #").append(i).append(':');
      for (HyperBandBracket b : bands.get(i)) {
        if (b != null) {
          out.append(
              String.format(
                  Locale.ROOT,
                  "%n  Bracket(Max Size (n)=%d, Milestone (r)=%d, completed=%.1f%%): %d live of %d",
                  b.n,
                  b.cumulR,
                  100 * b.completion(),
                  b.live.size(),
                  b.added));
        }
      }
    }
    if (!toStop.isEmpty()) {
      out.append("\nto stop: ").append(toStop.size());
    }
    return out.toString();
  }

  @Override
  public Map<String, Object> saveState() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("num_stopped", numStopped);
    List<Object> bandList = new ArrayList<>();
    List<Object> currentAt = null;
    for (int i = 0; i < bands.size(); i++) {
      List<Object> bl = new ArrayList<>();
      for (int j = 0; j < bands.get(i).size(); j++) {
        HyperBandBracket b = bands.get(i).get(j);
        if (b == current && b != null) {
          currentAt = List.of(i, j);
        }
        bl.add(b == null ? null : b.save());
      }
      bandList.add(bl);
    }
    state.put("bands", bandList);
    state.put("current", currentAt);
    state.put("to_stop", new ArrayList<>(toStop));
    return state;
  }

  @Override
  public void restoreState(Map<String, Object> state) {
    bands.clear();
    trialInfo.clear();
    toStop.clear();
    current = null;
    numStopped = Checks.decodeLong(state.get("num_stopped"));
    List<?> bandList = Checks.list(state.get("bands"), "bands");
    for (int i = 0; i < bandList.size(); i++) {
      List<HyperBandBracket> band = new ArrayList<>();
      for (Object o : Checks.list(bandList.get(i), "bands[" + i + "]")) {
        if (o == null) {
          band.add(null);
          continue;
        }
        HyperBandBracket b = HyperBandBracket.restore(this, i, Checks.map(o, "bracket"));
        band.add(b);
        b.live.keySet().forEach(id -> trialInfo.put(id, b));
      }
      bands.add(band);
    }
    if (bands.isEmpty()) {
      bands.add(new ArrayList<>());
    }
    Object at = state.get("current");
    if (at != null) {
      List<?> ij = Checks.list(at, "current");
      current = bands.get((int) Checks.decodeLong(ij.get(0))).get((int) Checks.decodeLong(ij.get(1)));
    }
    for (Object id : Checks.list(state.get("to_stop"), "to_stop")) {
      toStop.add((String) id);
    }
  }

  /**
   * Builds a {@link HyperBandScheduler}.
   *
   * <pre>{@code
   * HyperBandScheduler.builder().metric("loss").mode("min").maxT(27).build();
   * }</pre>
   */
  public static final class Builder extends MetricBuilder<Builder> {
    private double maxT = 81;
    private double reductionFactor = 3;

    private Builder() {
      super("training_iteration");
    }

    /**
     * Sets {@code max_t}, the most time units a trial gets.
     *
     * @param maxT default 81; at least 1
     * @return this builder
     */
    public Builder maxT(double maxT) {
      this.maxT = maxT;
      return this;
    }

    /**
     * Sets {@code reduction_factor} (eta).
     *
     * @param reductionFactor default 3
     * @return this builder
     */
    public Builder reductionFactor(double reductionFactor) {
      this.reductionFactor = reductionFactor;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the scheduler
     * @throws IllegalArgumentException naming the first invalid parameter
     */
    public HyperBandScheduler build() {
      return new HyperBandScheduler(this);
    }
  }
}
