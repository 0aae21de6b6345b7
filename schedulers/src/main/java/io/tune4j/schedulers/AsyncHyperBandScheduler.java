package io.tune4j.schedulers;

import io.tune4j.search.Mode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Asynchronous successive halving, ASHA (Tune's {@code AsyncHyperBandScheduler}, alias {@code
 * ASHAScheduler}; Li et al., https://arxiv.org/abs/1810.05934). Each bracket has rungs at {@code
 * grace_period × rf^(k+s)}; when a trial first reaches a rung it is stopped if its score is
 * strictly below the rung's {@code (1 − 1/rf)} percentile, and its score is recorded either way.
 * Trials are stopped outright at {@code max_t}. Trials start in FIFO order.
 *
 * <p>Rungs: {@code MAX_RUNGS = int(log(max_t/grace)/log(rf) − s + 1)} with {@link StrictMath#log},
 * so that the float noise matches Tune: max_t 1000, rf 10, grace 1 gives rungs [100, 10, 1];
 * max_t 125, rf 5 gives [125, 25, 5, 1]. Brackets are chosen per trial by a seeded softmax over
 * their number of rungs. The percentile is numpy's default (linear interpolation); NaN scores are
 * recorded but left out of it ({@code nanpercentile}, Tune 2.x) and never stop a trial.
 *
 * <p><b>Cost.</b> Each rung keeps its recorded scores sorted, so a result costs a look-up of at
 * most one rung per bracket rung count, a binary search and an insertion: independent of how many
 * results a trial reported.
 *
 * <pre>{@code
 * TrialScheduler asha = AsyncHyperBandScheduler.builder()
 *     .metric("episode_reward_mean").mode(Mode.MAX)
 *     .maxT(100).gracePeriod(1).reductionFactor(4)
 *     .build();
 * }</pre>
 */
public final class AsyncHyperBandScheduler extends MetricScheduler {
  private final double maxT;
  private final double gracePeriod;
  private final double reductionFactor;
  private final long seed;
  private final List<Bracket> brackets = new ArrayList<>();
  private final Map<String, Integer> trialBracket = new LinkedHashMap<>();
  private final FifoScheduler fifo = new FifoScheduler();
  private long numAdded;
  private long numStopped;

  private AsyncHyperBandScheduler(Builder b) {
    super("AsyncHyperBandScheduler", b);
    this.maxT = Checks.positive("max_t", b.maxT);
    this.gracePeriod = Checks.positive("grace_period", b.gracePeriod);
    if (gracePeriod > maxT) {
      throw new IllegalArgumentException(
          "grace_period must be <= max_t, got grace_period=" + gracePeriod + ", max_t=" + maxT);
    }
    if (!(b.reductionFactor > 1)) {
      throw new IllegalArgumentException("reduction_factor must be > 1, got " + b.reductionFactor);
    }
    this.reductionFactor = b.reductionFactor;
    if (b.brackets < 1) {
      throw new IllegalArgumentException("brackets must be >= 1, got " + b.brackets);
    }
    this.seed = b.seed;
    for (int s = 0; s < b.brackets; s++) {
      brackets.add(new Bracket(rungMilestones(gracePeriod, maxT, reductionFactor, s)));
    }
  }

  /**
   * Starts a builder with Tune 2.x's defaults: time_attr {@code training_iteration}, max_t 100,
   * grace_period 1, reduction_factor 4, brackets 1, seed 0; no metric or mode.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Computes a bracket's rung milestones exactly as Tune does, highest first.
   *
   * @param gracePeriod the smallest milestone
   * @param maxT the time budget
   * @param reductionFactor the halving rate
   * @param s the bracket index
   * @return the milestones {@code grace × rf^(k+s)}, k = MAX_RUNGS−1 .. 0
   */
  public static double[] rungMilestones(
      double gracePeriod, double maxT, double reductionFactor, int s) {
    int maxRungs =
        (int) (StrictMath.log(maxT / gracePeriod) / StrictMath.log(reductionFactor) - s + 1);
    double[] out = new double[Math.max(0, maxRungs)];
    for (int i = 0; i < out.length; i++) {
      int k = maxRungs - 1 - i;
      out[i] = gracePeriod * StrictMath.pow(reductionFactor, k + s);
    }
    return out;
  }

  /**
   * Returns numpy's default percentile (linear interpolation) of sorted values.
   *
   * @param sorted ascending values, not empty
   * @param q the percentile in [0, 100]
   * @return {@code np.percentile(sorted, q)}
   */
  static double percentile(double[] sorted, int size, double q) {
    double pos = q / 100.0 * (size - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, size - 1);
    double frac = pos - lo;
    return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
  }

  /**
   * Returns the rung milestones of every bracket, highest first.
   *
   * @return one array per bracket
   */
  public List<double[]> rungs() {
    List<double[]> out = new ArrayList<>();
    for (Bracket b : brackets) {
      double[] m = new double[b.rungs.size()];
      for (int i = 0; i < m.length; i++) {
        m[i] = b.rungs.get(i).milestone;
      }
      out.add(m);
    }
    return out;
  }

  /**
   * Returns a rung's current cutoff, the score a trial must reach to continue.
   *
   * @param bracket the bracket index
   * @param rung the rung index, 0 being the highest milestone
   * @return the cutoff in metric units, or null while nothing is recorded
   */
  public Double cutoff(int bracket, int rung) {
    Double c = brackets.get(bracket).rungs.get(rung).cutoff(reductionFactor);
    return c == null ? null : (mode() == Mode.MIN ? -c : c);
  }

  /**
   * Returns the bracket a trial was assigned to.
   *
   * @param trialId a trial
   * @return its bracket index, or -1 if unknown or finished
   */
  public int bracketOf(String trialId) {
    Integer b = trialBracket.get(trialId);
    return b == null ? -1 : b;
  }

  @Override
  public void onTrialAdd(SchedulerContext ctx, TrialView trial) {
    requireMetricAndMode();
    fifo.onTrialAdd(ctx, trial);
    if (trialBracket.containsKey(trial.trialId())) {
      return; // restored, or re-queued after a failure: keep its bracket
    }
    trialBracket.put(trial.trialId(), chooseBracket());
  }

  private int chooseBracket() {
    long n = numAdded++;
    if (brackets.size() == 1) {
      return 0;
    }
    int maxLen = 0;
    for (Bracket b : brackets) {
      maxLen = Math.max(maxLen, b.rungs.size());
    }
    double[] p = new double[brackets.size()];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(brackets.get(i).rungs.size() - maxLen);
      sum += p[i];
    }
    double u = Checks.stream(seed, n).nextDouble() * sum;
    for (int i = 0; i < p.length; i++) {
      u -= p[i];
      if (u < 0) {
        return i;
      }
    }
    return p.length - 1;
  }

  @Override
  public Decision onTrialResult(SchedulerContext ctx, TrialView trial, Map<String, Object> result) {
    requireMetricAndMode();
    double t = time(result);
    double score = score(result);
    Decision action;
    if (t >= maxT) {
      action = Decision.STOP;
    } else {
      Integer b = trialBracket.get(trial.trialId());
      if (b == null) {
        throw new IllegalStateException(
            "AsyncHyperBandScheduler got a result of trial " + trial.trialId() + " it was never told about (onTrialAdd)");
      }
      action = brackets.get(b).onResult(trial.trialId(), t, score, reductionFactor);
    }
    if (action == Decision.STOP) {
      numStopped++;
    }
    return action;
  }

  @Override
  public void onTrialComplete(SchedulerContext ctx, TrialView trial, Map<String, Object> result) {
    fifo.onTrialComplete(ctx, trial, result);
    Integer b = trialBracket.remove(trial.trialId());
    if (b != null && hasKeys(result)) {
      brackets.get(b).onResult(trial.trialId(), time(result), score(result), reductionFactor);
    }
  }

  @Override
  public void onTrialError(SchedulerContext ctx, TrialView trial) {
    fifo.onTrialError(ctx, trial);
  }

  @Override
  public void onTrialRemove(SchedulerContext ctx, TrialView trial) {
    fifo.onTrialRemove(ctx, trial);
    trialBracket.remove(trial.trialId());
  }

  @Override
  public String chooseTrialToRun(SchedulerContext ctx) {
    return fifo.chooseTrialToRun(ctx);
  }

  /**
   * Returns {@code Using AsyncHyperBand: num_stopped=N}, then one line per bracket with each
   * rung's milestone, number of recorded scores and cutoff.
   *
   * @return the status text
   */
  @Override
  public String debugString() {
    StringBuilder out = new StringBuilder("Using AsyncHyperBand: num_stopped=" + numStopped);
    for (int i = 0; i < brackets.size(); i++) {
      out.append("\nBracket ").append(i).append(':');
      List<Rung> rungs = brackets.get(i).rungs;
      for (int r = 0; r < rungs.size(); r++) {
        Double c = cutoff(i, r);
        out.append(r == 0 ? " " : " | ")
            .append(String.format(Locale.ROOT, "Iter %.3f: ", rungs.get(r).milestone))
            .append(c == null ? "None" : String.format(Locale.ROOT, "%.4g", c))
            .append(" (").append(rungs.get(r).recorded.size()).append(')');
      }
    }
    return out.toString();
  }

  @Override
  public Map<String, Object> saveState() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("num_added", numAdded);
    state.put("num_stopped", numStopped);
    List<Object> bs = new ArrayList<>();
    for (Bracket b : brackets) {
      List<Object> rs = new ArrayList<>();
      for (Rung r : b.rungs) {
        Map<String, Object> recorded = new LinkedHashMap<>();
        r.recorded.forEach((id, score) -> recorded.put(id, Checks.encode(score)));
        rs.add(Map.of("milestone", r.milestone, "recorded", recorded));
      }
      bs.add(rs);
    }
    state.put("brackets", bs);
    state.put("trial_brackets", new LinkedHashMap<>(trialBracket));
    return state;
  }

  @Override
  public void restoreState(Map<String, Object> state) {
    numAdded = Checks.decodeLong(state.get("num_added"));
    numStopped = Checks.decodeLong(state.get("num_stopped"));
    List<?> bs = Checks.list(state.get("brackets"), "brackets");
    if (bs.size() != brackets.size()) {
      throw new IllegalArgumentException(
          "saved AsyncHyperBandScheduler state has " + bs.size() + " brackets, this one has " + brackets.size());
    }
    for (int i = 0; i < bs.size(); i++) {
      List<?> rs = Checks.list(bs.get(i), "brackets[" + i + "]");
      Bracket b = brackets.get(i);
      if (rs.size() != b.rungs.size()) {
        throw new IllegalArgumentException("saved bracket " + i + " has " + rs.size() + " rungs, expected " + b.rungs.size());
      }
      for (int r = 0; r < rs.size(); r++) {
        Rung rung = b.rungs.get(r);
        rung.clear();
        Map<String, Object> recorded = Checks.map(Checks.map(rs.get(r), "rung").get("recorded"), "recorded");
        recorded.forEach((id, score) -> rung.record(id, Checks.decode(score)));
      }
    }
    trialBracket.clear();
    Checks.map(state.get("trial_brackets"), "trial_brackets")
        .forEach((id, b) -> trialBracket.put(id, (int) Checks.decodeLong(b)));
  }

  /** One bracket: rungs from the highest milestone down. */
  private static final class Bracket {
    final List<Rung> rungs = new ArrayList<>();

    Bracket(double[] milestones) {
      for (double m : milestones) {
        rungs.add(new Rung(m));
      }
    }

    Decision onResult(String id, double t, double score, double rf) {
      for (Rung rung : rungs) {
        if (t < rung.milestone || rung.recorded.containsKey(id)) {
          continue;
        }
        Double cutoff = rung.cutoff(rf);
        Decision action =
            cutoff != null && score < cutoff ? Decision.STOP : Decision.CONTINUE;
        rung.record(id, score);
        return action;
      }
      return Decision.CONTINUE;
    }
  }

  /** A rung: its milestone and the recorded scores (metric_op × metric), also kept sorted. */
  private static final class Rung {
    final double milestone;
    final Map<String, Double> recorded = new LinkedHashMap<>();
    double[] sorted = new double[8];
    int size;

    Rung(double milestone) {
      this.milestone = milestone;
    }

    void record(String id, double score) {
      if (recorded.put(id, score) != null) {
        throw new IllegalStateException("trial " + id + " recorded twice at rung " + milestone);
      }
      if (Double.isNaN(score)) {
        return;
      }
      int at = Arrays.binarySearch(sorted, 0, size, score);
      at = at < 0 ? -at - 1 : at;
      if (size == sorted.length) {
        sorted = Arrays.copyOf(sorted, size * 2);
      }
      System.arraycopy(sorted, at, sorted, at + 1, size - at);
      sorted[at] = score;
      size++;
    }

    void clear() {
      recorded.clear();
      size = 0;
    }

    Double cutoff(double rf) {
      if (size == 0) {
        return null;
      }
      return percentile(sorted, size, (1 - 1 / rf) * 100);
    }
  }

  /**
   * Builds an {@link AsyncHyperBandScheduler}; setters take Tune's parameter names in camelCase.
   *
   * <pre>{@code
   * AsyncHyperBandScheduler.builder().metric("loss").mode("min").maxT(50).build();
   * }</pre>
   */
  public static final class Builder extends MetricBuilder<Builder> {
    private double maxT = 100;
    private double gracePeriod = 1;
    private double reductionFactor = 4;
    private int brackets = 1;
    private long seed;

    private Builder() {
      super("training_iteration");
    }

    /**
     * Sets {@code max_t}: trials are stopped once {@code time_attr >= max_t}.
     *
     * @param maxT default 100
     * @return this builder
     */
    public Builder maxT(double maxT) {
      this.maxT = maxT;
      return this;
    }

    /**
     * Sets {@code grace_period}, the first rung's milestone.
     *
     * @param gracePeriod default 1 (Tune 2.x; 2019 used 10)
     * @return this builder
     */
    public Builder gracePeriod(double gracePeriod) {
      this.gracePeriod = gracePeriod;
      return this;
    }

    /**
     * Sets {@code reduction_factor}, the halving rate.
     *
     * @param reductionFactor default 4
     * @return this builder
     */
    public Builder reductionFactor(double reductionFactor) {
      this.reductionFactor = reductionFactor;
      return this;
    }

    /**
     * Sets {@code brackets}, the number of brackets.
     *
     * @param brackets default 1
     * @return this builder
     */
    public Builder brackets(int brackets) {
      this.brackets = brackets;
      return this;
    }

    /**
     * Sets the seed of the bracket choice.
     *
     * @param seed default 0
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the scheduler
     * @throws IllegalArgumentException naming the first invalid parameter
     */
    public AsyncHyperBandScheduler build() {
      return new AsyncHyperBandScheduler(this);
    }
  }
}
