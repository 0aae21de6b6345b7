package io.tune4j.schedulers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Population Based Bandits (Tune 2.x's {@code PB2}; Parker-Holder et al.,
 * https://arxiv.org/abs/2002.02518): PBT whose explore step picks the new hyperparameters inside
 * {@code hyperparam_bounds} with a GP-UCB bandit instead of random perturbation. At every
 * perturbation point PB2 records (trial, time, hyperparameters, reward); the GP is fit on points
 * {@code x = (time, reward before, hyperparameters)}, all normalised to [0, 1] (time and reward by
 * the data's range, hyperparameters by their bounds), with target {@code y = Δreward / Δtime}
 * between consecutive records of a trial with unchanged hyperparameters, standardised and clipped
 * to [−2, 2] (as {@code pb2.py}). The new point maximises {@code UCB = mean(x) + κ × var₁(x)}, κ
 * = sqrt(0.2 log(0.4 N)), with time and reward fixed to the source trial's, where var₁ comes from a
 * second GP that also holds the configs already chosen since the data last advanced (so parallel
 * exploits spread out).
 *
 * <p><b>Simplified</b> against {@code pb2_utils.py}: the kernel is Tune's time-varying squared
 * exponential {@code exp(−‖x−x'‖²/ℓ) × (1−ε)^(|t−t'|/2)} with fixed variance 1, ε = 0.1 and noise
 * variance 0.01, and only the length-scale ℓ is fitted, by the best marginal likelihood over a
 * grid (GPy optimises all four with L-BFGS); the window is the last 200 points (Tune picks ≥ 200
 * by cross-validation, up to 1,000); the acquisition is maximised by seeded random search with a
 * local refinement instead of L-BFGS-B restarts; at most 2,000 records are kept. Integer config
 * values stay integers (truncated). Linear algebra: Commons Math Cholesky.
 *
 * <pre>{@code
 * TrialScheduler pb2 = PB2.builder()
 *     .metric("episode_reward_mean").mode(Mode.MAX).perturbationInterval(10)
 *     .hyperparamBounds(Map.of("lr", new double[] {1e-4, 1e-2}))
 *     .seed(7)
 *     .build();
 * }</pre>
 */
public final class PB2 extends PbtCore {
  static final int MAX_ROWS = 2000;
  static final int GP_WINDOW = 200;
  private static final double EPSILON = 0.1;
  private static final double NOISE = 0.01;
  private static final double[] LENGTH_SCALES = {0.05, 0.1, 0.2, 0.5, 1.0};

  private final Map<String, double[]> bounds;
  private final List<Row> rows = new ArrayList<>();
  private List<double[]> current;
  private double lastExplorationTime;

  /** One record: a trial's hyperparameters and reward at a time. */
  record Row(String trialId, double time, double[] values, double reward) {}

  private PB2(Builder b) {
    super("PB2", b, new LinkedHashMap<>(b.bounds), 0, null);
    if (b.bounds.isEmpty()) {
      throw new IllegalArgumentException("PB2 needs hyperparam_bounds (it is empty)");
    }
    Map<String, double[]> copy = new LinkedHashMap<>();
    b.bounds.forEach(
        (k, v) -> {
          if (v == null || v.length != 2 || !(v[0] < v[1]) || !Double.isFinite(v[0]) || !Double.isFinite(v[1])) {
            throw new IllegalArgumentException(
                "hyperparam_bounds['" + k + "'] must be [lo, hi] with lo < hi, got " + Arrays.toString(v));
          }
          copy.put(k, v.clone());
        });
    this.bounds = Collections.unmodifiableMap(copy);
  }

  /**
   * Starts a builder with Tune's defaults: time_attr {@code time_total_s}, perturbation_interval
   * 60, quantile_fraction 0.25, seed 0; no metric, mode or bounds.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the bounds new values are chosen in.
   *
   * @return {@code key -> {lo, hi}}
   */
  public Map<String, double[]> hyperparamBounds() {
    return bounds;
  }

  @Override
  void checkConfig(TrialView trial) {
    for (String key : bounds.keySet()) {
      Object v = trial.config().get(key);
      if (!(v instanceof Number)) {
        throw new IllegalArgumentException(
            "hyperparam_bounds key '" + key + "' must be a number in the config of trial "
                + trial.trialId() + ", got " + v + " (keys there: " + trial.config().keySet() + ")");
      }
    }
  }

  private double[] values(Map<String, Object> config) {
    double[] out = new double[bounds.size()];
    int i = 0;
    for (String key : bounds.keySet()) {
      out[i++] = ((Number) config.get(key)).doubleValue();
    }
    return out;
  }

  @Override
  void recordScore(TrialView trial, double time, double score) {
    rows.add(new Row(trial.trialId(), time, values(trial.config()), score));
    if (rows.size() > MAX_ROWS) {
      rows.subList(0, rows.size() - MAX_ROWS).clear();
    }
  }

  @Override
  Map<String, Object> exploreConfig(TrialView target, TrialView source, RandomGenerator random) {
    double maxTime = Double.NEGATIVE_INFINITY;
    for (Row r : rows) {
      maxTime = Math.max(maxTime, r.time);
    }
    if (maxTime > lastExplorationTime) {
      current = null;
    }
    Map<String, Object> newConfig = Checks.copyConfig(source.config());
    List<double[]> points = new ArrayList<>(); // time, R_before, values...
    List<Double> ys = new ArrayList<>();
    double[] newpoint = null;
    Row sourceLast = null;
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparingDouble(Row::time));
    Map<String, Row> lastOfGroup = new LinkedHashMap<>();
    for (Row r : sorted) {
      String group = r.trialId + Arrays.toString(r.values);
      Row prev = lastOfGroup.put(group, r);
      if (prev == null || !(r.time - prev.time > 0)) {
        continue;
      }
      double[] p = new double[2 + r.values.length];
      p[0] = r.time;
      p[1] = prev.reward;
      System.arraycopy(r.values, 0, p, 2, r.values.length);
      points.add(p);
      ys.add((r.reward - prev.reward) / (r.time - prev.time));
      if (r.trialId.equals(source.trialId())) {
        newpoint = new double[] {r.time, prev.reward};
        sourceLast = r;
      }
    }
    if (newpoint == null) {
      return newConfig; // no data for the source yet: Tune keeps its config
    }
    int from = Math.max(0, points.size() - GP_WINDOW);
    points = new ArrayList<>(points.subList(from, points.size()));
    double[] y = ys.subList(from, ys.size()).stream().mapToDouble(Double::doubleValue).toArray();
    double[] chosen = selectConfig(points, y, newpoint, random);
    int i = 0;
    for (String key : bounds.keySet()) {
      Object old = source.config().get(key);
      double v = chosen[i++];
      newConfig.put(key, old instanceof Integer ? (Object) (int) v : old instanceof Long ? (Object) (long) v : v);
    }
    double[] newValues = values(newConfig);
    rows.add(new Row(target.trialId(), sourceLast.time, newValues, sourceLast.reward));
    if (maxTime > lastExplorationTime) {
      lastExplorationTime = maxTime;
      current = new ArrayList<>();
    }
    if (current == null) {
      current = new ArrayList<>();
    }
    current.add(newValues);
    return newConfig;
  }

  /** Fits the GPs and maximises UCB; returns raw hyperparameter values inside the bounds. */
  private double[] selectConfig(List<double[]> raw, double[] yRaw, double[] newpoint, RandomGenerator random) {
    int n = raw.size();
    int d = raw.get(0).length;
    int h = d - 2;
    double[] lo = new double[d];
    double[] hi = new double[d];
    Arrays.fill(lo, Double.POSITIVE_INFINITY);
    Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (double[] p : raw) {
      for (int j = 0; j < 2; j++) {
        lo[j] = Math.min(lo[j], p[j]);
        hi[j] = Math.max(hi[j], p[j]);
      }
    }
    int j = 2;
    for (double[] b : bounds.values()) {
      lo[j] = b[0];
      hi[j] = b[1];
      j++;
    }
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = normalize(raw.get(i), lo, hi);
    }
    double[] fixed = normalize(newpoint, lo, hi);
    double[] y = standardize(yRaw);
    Gp m = Gp.fitBest(x, y);
    Gp m1 = m;
    if (current != null && !current.isEmpty()) {
      double[][] x1 = Arrays.copyOf(x, n + current.size());
      double[] y1 = Arrays.copyOf(y, n + current.size());
      for (int c = 0; c < current.size(); c++) {
        double[] p = new double[d];
        p[0] = fixed[0];
        p[1] = fixed[1];
        for (int k = 0; k < h; k++) {
          p[2 + k] = (current.get(c)[k] - lo[2 + k]) / (hi[2 + k] - lo[2 + k]);
        }
        x1[n + c] = p;
      }
      m1 = new Gp(x1, y1, m.lengthScale);
    }
    double kappa = Math.sqrt(Math.max(0, 0.2 * Math.log(0.4 * n)));
    double[] best = null;
    double bestValue = Double.NEGATIVE_INFINITY;
    double[] probe = new double[d];
    probe[0] = fixed[0];
    probe[1] = fixed[1];
    for (int trial = 0; trial < 600; trial++) {
      for (int k = 0; k < h; k++) {
        if (trial < 500 || best == null) {
          probe[2 + k] = random.nextDouble();
        } else {
          probe[2 + k] = Math.min(1, Math.max(0, best[2 + k] + 0.05 * random.nextGaussian()));
        }
      }
      double ucb = m.mean(probe) + kappa * m1.variance(probe);
      if (ucb > bestValue) {
        bestValue = ucb;
        best = probe.clone();
      }
    }
    double[] out = new double[h];
    for (int k = 0; k < h; k++) {
      out[k] = lo[2 + k] + best[2 + k] * (hi[2 + k] - lo[2 + k]);
    }
    return out;
  }

  private static double[] normalize(double[] p, double[] lo, double[] hi) {
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      double range = hi[i] - lo[i];
      out[i] = range > 0 ? (p[i] - lo[i]) / range : 0;
    }
    return out;
  }

  static double[] standardize(double[] y) {
    double mean = Arrays.stream(y).average().orElse(0);
    double var = 0;
    for (double v : y) {
      var += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(var / y.length);
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = Math.max(-2, Math.min(2, (y[i] - mean) / (sd + 1e-8)));
    }
    return out;
  }

  @Override
  void saveExtra(Map<String, Object> state) {
    List<Object> rs = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("trial", r.trialId);
      m.put("time", Checks.encode(r.time));
      m.put("values", encode(r.values));
      m.put("reward", Checks.encode(r.reward));
      rs.add(m);
    }
    state.put("pb2_rows", rs);
    state.put("pb2_last_exploration_time", Checks.encode(lastExplorationTime));
    if (current != null) {
      List<Object> cs = new ArrayList<>();
      current.forEach(c -> cs.add(encode(c)));
      state.put("pb2_current", cs);
    }
  }

  @Override
  void restoreExtra(Map<String, Object> state) {
    rows.clear();
    for (Object o : Checks.list(state.get("pb2_rows"), "pb2_rows")) {
      Map<String, Object> m = Checks.map(o, "row");
      rows.add(
          new Row(
              (String) m.get("trial"),
              Checks.decode(m.get("time")),
              decode(m.get("values")),
              Checks.decode(m.get("reward"))));
    }
    lastExplorationTime = Checks.decode(state.get("pb2_last_exploration_time"));
    current = null;
    if (state.get("pb2_current") != null) {
      current = new ArrayList<>();
      for (Object c : Checks.list(state.get("pb2_current"), "pb2_current")) {
        current.add(decode(c));
      }
    }
  }

  private static List<Object> encode(double[] v) {
    List<Object> out = new ArrayList<>();
    for (double x : v) {
      out.add(Checks.encode(x));
    }
    return out;
  }

  private static double[] decode(Object o) {
    List<?> l = Checks.list(o, "values");
    double[] out = new double[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Checks.decode(l.get(i));
    }
    return out;
  }

  /** A GP with PB2's time-varying squared-exponential kernel; column 0 is time. */
  static final class Gp {
    final double[][] x;
    final double lengthScale;
    final DecompositionSolver solver;
    final RealVector alpha;
    final double logLikelihood;

    Gp(double[][] x, double[] y, double lengthScale) {
      this.x = x;
      this.lengthScale = lengthScale;
      int n = x.length;
      RealMatrix k = new Array2DRowRealMatrix(n, n);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          double v = kernel(x[i], x[j], lengthScale);
          k.setEntry(i, j, v);
          k.setEntry(j, i, v);
        }
      }
      CholeskyDecomposition chol = null;
      for (double jitter = NOISE; chol == null; jitter *= 10) {
        RealMatrix kn = k.copy();
        for (int i = 0; i < n; i++) {
          kn.addToEntry(i, i, jitter);
        }
        try {
          chol = new CholeskyDecomposition(kn);
        } catch (MathIllegalArgumentException e) {
          if (jitter > 1) {
            throw e;
          }
        }
      }
      solver = chol.getSolver();
      RealVector yv = new ArrayRealVector(y);
      alpha = solver.solve(yv);
      double logDet = 0;
      RealMatrix l = chol.getL();
      for (int i = 0; i < n; i++) {
        logDet += Math.log(l.getEntry(i, i));
      }
      logLikelihood = -0.5 * yv.dotProduct(alpha) - logDet - 0.5 * n * Math.log(2 * Math.PI);
    }

    /** The length-scale with the best marginal likelihood on the grid, clipped to [1e-5, 1]. */
    static Gp fitBest(double[][] x, double[] y) {
      Gp best = null;
      for (double l : LENGTH_SCALES) {
        Gp gp = new Gp(x, y, l);
        if (best == null || gp.logLikelihood > best.logLikelihood) {
          best = gp;
        }
      }
      return best;
    }

    static double kernel(double[] a, double[] b, double lengthScale) {
      double dist2 = 0;
      for (int i = 1; i < a.length; i++) {
        dist2 += (a[i] - b[i]) * (a[i] - b[i]);
      }
      return Math.exp(-dist2 / lengthScale) * Math.pow(1 - EPSILON, 0.5 * Math.abs(a[0] - b[0]));
    }

    private RealVector kStar(double[] p) {
      double[] ks = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        ks[i] = kernel(p, x[i], lengthScale);
      }
      return new ArrayRealVector(ks, false);
    }

    double mean(double[] p) {
      return kStar(p).dotProduct(alpha);
    }

    double variance(double[] p) {
      RealVector ks = kStar(p);
      return Math.max(0, 1 - ks.dotProduct(solver.solve(ks)));
    }
  }

  /**
   * Builds a {@link PB2}.
   *
   * <pre>{@code
   * PB2.builder().metric("reward").mode("max")
   *     .hyperparamBounds(Map.of("lr", new double[] {1e-4, 1e-1})).build();
   * }</pre>
   */
  public static final class Builder extends PbtBuilder<Builder> {
    private final Map<String, double[]> bounds = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets {@code hyperparam_bounds}: per numeric config key, {@code {lo, hi}}.
     *
     * @param bounds the bounds (copied)
     * @return this builder
     */
    public Builder hyperparamBounds(Map<String, double[]> bounds) {
      this.bounds.clear();
      this.bounds.putAll(bounds);
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the scheduler
     * @throws IllegalArgumentException naming the first invalid parameter
     */
    public PB2 build() {
      return new PB2(this);
    }
  }
}
