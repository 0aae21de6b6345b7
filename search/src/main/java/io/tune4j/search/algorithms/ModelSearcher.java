package io.tune4j.search.algorithms;

import io.tune4j.search.Domain;
import io.tune4j.search.Mode;
import io.tune4j.search.Searcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Shared plumbing of the searchers in this package: the metric, mode and search space, the
 * mapping of the space onto the unit cube, the observations, {@code points_to_evaluate}, {@code
 * evaluated_points} and checkpointing. A subclass only proposes the next unit-cube point; this
 * class turns it into a config and learns from the results.
 *
 * <p>The space is a config tree (nested maps and lists) whose {@link Domain} leaves are searched
 * and whose other values are constants copied into every suggestion. It is given to the builder
 * or, failing that, adopted from the config passed to {@link #setSearchProperties}. Dimensions
 * are named by dotted path ({@code model.lr}) and ordered by path, so results do not depend on
 * the iteration order of the maps.
 *
 * <p>Scores: a trial's score is the metric of the result given to {@link #onTrialComplete}, or,
 * if that result lacks it, of the last result given to {@link #onTrialResult} (Tune 2.x). A trial
 * without a finite score (typically one that errored early) is ignored. A metric containing
 * {@code /} is also looked up as a nested key ({@code custom_metrics/x}).
 *
 * <p>Reproducibility: the random source of the {@code n}-th suggestion is derived from the seed and
 * {@code n}, and models are refitted from the observations at each suggestion, so two searchers
 * with the same seed that see the same results suggest the same configs, and a searcher restored
 * from {@link #saveState()} continues exactly as the original would have.
 *
 * <pre>{@code
 * Searcher searcher = TpeSearcher.builder().metric("loss").mode(Mode.MIN).seed(1L).build();
 * searcher.setSearchProperties(null, null, Map.of("lr", SearchSpace.loguniform(1e-4, 1e-1)));
 * Map<String, Object> config = searcher.suggest("t1");
 * searcher.onTrialComplete("t1", Map.of("loss", 0.3), false);
 * }</pre>
 *
 * <p>Implementations live in this package; not thread-safe (the runner calls from one thread).
 */
public abstract class ModelSearcher implements Searcher {
  private String metric;
  private Mode mode;
  private Map<String, Object> template;
  private boolean spaceAdopted;
  private Map<String, Object> extraConstants = Map.of();
  private List<Dimension> dims;
  private long seed;
  private long counter;
  private List<Map<String, Object>> pointsQueue;
  private final List<Map<String, Object>> evaluatedPoints;
  private final List<Double> evaluatedRewards;
  private boolean evaluatedFed;
  private final List<Observation> observations = new ArrayList<>();
  private final Map<String, Pending> pending = new LinkedHashMap<>();

  /** A finished trial: its unit-cube point and score (as reported, not mode-adjusted). */
  record Observation(double[] x, double score) {}

  private static final class Pending {
    final double[] x;
    double last = Double.NaN;

    Pending(double[] x) {
      this.x = x;
    }
  }

  /**
   * Creates the searcher from its builder's settings.
   *
   * @param builder the settings
   */
  ModelSearcher(Builder<?> builder) {
    this.metric = builder.metric;
    this.mode = builder.mode;
    this.seed = builder.seed != null ? builder.seed : new SplittableRandom().nextLong();
    this.pointsQueue = new ArrayList<>();
    for (Map<String, Object> point : builder.pointsToEvaluate) {
      pointsQueue.add(deepCopyMap(point));
    }
    this.evaluatedPoints = new ArrayList<>();
    for (Map<String, Object> point : builder.evaluatedPoints) {
      evaluatedPoints.add(deepCopyMap(point));
    }
    this.evaluatedRewards = new ArrayList<>(builder.evaluatedRewards);
    if (builder.space != null) {
      useSpace(builder.space);
    }
  }

  /**
   * Whether this searcher needs a metric and mode (model-based ones do; random search does not).
   */
  boolean needsMetric() {
    return true;
  }

  /**
   * Proposes the next point of the unit cube; the observations so far are available through the
   * package-private accessors.
   *
   * @param random the random source of this suggestion
   * @return a point with one coordinate in [0, 1] per dimension
   */
  abstract double[] propose(SplittableRandom random);

  // ---------------------------------------------------------------- Searcher

  @Override
  public boolean setSearchProperties(String metric, Mode mode, Map<String, Object> config) {
    if (metric != null) {
      if (this.metric == null) {
        this.metric = metric;
      } else if (!this.metric.equals(metric)) {
        throw new IllegalArgumentException(
            "metric: "
                + name()
                + " was built with metric='"
                + this.metric
                + "' but Tune.run got metric='"
                + metric
                + "'; pass the metric in one place only");
      }
    }
    if (mode != null) {
      if (this.mode == null) {
        this.mode = mode;
      } else if (this.mode != mode) {
        throw new IllegalArgumentException(
            "mode: "
                + name()
                + " was built with mode='"
                + this.mode
                + "' but Tune.run got mode='"
                + mode
                + "'; pass the mode in one place only");
      }
    }
    if (config != null) {
      if (dims == null || spaceAdopted) {
        useSpace(config);
        spaceAdopted = true;
      } else {
        List<String> domainPaths = new ArrayList<>();
        List<Object[]> leaves = new ArrayList<>();
        collectDomains(config, List.of(), leaves);
        leaves.forEach(leaf -> domainPaths.add((String) leaf[1]));
        if (!domainPaths.isEmpty()) {
          throw new IllegalArgumentException(
              "config: "
                  + name()
                  + " was built with its own search space, but the config given to Tune.run"
                  + " also holds search-space domains at "
                  + domainPaths
                  + "; define the space in one place only");
        }
        extraConstants = deepCopyMap(config);
      }
    }
    return dims != null && (!needsMetric() || (this.metric != null && this.mode != null));
  }

  @Override
  public final Map<String, Object> suggest(String trialId) {
    checkReady();
    feedEvaluatedPoints();
    SplittableRandom random = randomFor(counter++);
    Object[] values;
    if (!pointsQueue.isEmpty()) {
      values = pointValues(pointsQueue.remove(0), random, false);
    } else {
      double[] u = dims.isEmpty() ? new double[0] : propose(random);
      values = new Object[dims.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = dims.get(i).decode(u[i]);
      }
    }
    pending.put(trialId, new Pending(encode(values)));
    return buildConfig(values);
  }

  @Override
  public void onTrialResult(String trialId, Map<String, Object> result) {
    Pending p = pending.get(trialId);
    double score = metricValue(result, metric);
    if (p != null && !Double.isNaN(score)) {
      p.last = score;
    }
  }

  @Override
  public void onTrialComplete(String trialId, Map<String, Object> result, boolean error) {
    Pending p = pending.remove(trialId);
    if (p == null) {
      return;
    }
    double score = metricValue(result, metric);
    if (Double.isNaN(score)) {
      score = p.last;
    }
    if (!Double.isNaN(score)) {
      observations.add(new Observation(p.x, score));
    }
  }

  /**
   * Never finished: the runner's {@code numSamples} bounds the search.
   *
   * @return false
   */
  @Override
  public boolean isFinished() {
    return false;
  }

  /**
   * Returns the observations, pending trials, seed, suggestion counter and remaining points to
   * evaluate; points are stored in the unit cube, point-to-evaluate configs as given (so they must
   * hold JSON values to be written out).
   *
   * @return a JSON-compatible map
   */
  @Override
  public Map<String, Object> saveState() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("searcher", name());
    state.put("seed", seed);
    state.put("counter", counter);
    state.put("metric", metric);
    state.put("mode", mode == null ? null : mode.toString());
    List<Object> names = new ArrayList<>();
    if (dims != null) {
      dims.forEach(d -> names.add(d.name));
    }
    state.put("dimensions", names);
    List<Object> obs = new ArrayList<>();
    for (Observation o : observations) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("x", toList(o.x()));
      m.put("score", o.score());
      obs.add(m);
    }
    state.put("observations", obs);
    List<Object> pend = new ArrayList<>();
    pending.forEach(
        (id, p) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("trial_id", id);
          m.put("x", toList(p.x));
          m.put("last", Double.isNaN(p.last) ? null : p.last);
          pend.add(m);
        });
    state.put("pending", pend);
    List<Object> points = new ArrayList<>();
    pointsQueue.forEach(p -> points.add(deepCopyMap(p)));
    state.put("points_to_evaluate", points);
    state.put("evaluated_points_fed", evaluatedFed);
    return state;
  }

  /**
   * Restores a {@link #saveState()} map (possibly after a JSON round trip), replacing this
   * searcher's observations, pending trials, counter and points; the seed is taken from the state.
   *
   * @param state the saved state
   * @throws IllegalArgumentException if the state belongs to another searcher type or space
   */
  @Override
  @SuppressWarnings("unchecked")
  public void restoreState(Map<String, Object> state) {
    Object type = state.get("searcher");
    if (type != null && !name().equals(type)) {
      throw new IllegalArgumentException(
          "Cannot restore " + name() + " from the state of " + type);
    }
    List<Object> names = (List<Object>) state.getOrDefault("dimensions", List.of());
    if (dims != null && !names.isEmpty()) {
      List<Object> mine = new ArrayList<>();
      dims.forEach(d -> mine.add(d.name));
      if (!mine.equals(names)) {
        throw new IllegalArgumentException(
            "Cannot restore " + name() + ": saved space " + names + " differs from " + mine);
      }
    }
    seed = ((Number) state.get("seed")).longValue();
    counter = ((Number) state.get("counter")).longValue();
    if (metric == null && state.get("metric") != null) {
      metric = (String) state.get("metric");
    }
    if (mode == null && state.get("mode") != null) {
      mode = Mode.of((String) state.get("mode"));
    }
    observations.clear();
    for (Object o : (List<Object>) state.get("observations")) {
      Map<String, Object> m = (Map<String, Object>) o;
      observations.add(
          new Observation(toArray(m.get("x")), ((Number) m.get("score")).doubleValue()));
    }
    pending.clear();
    for (Object o : (List<Object>) state.get("pending")) {
      Map<String, Object> m = (Map<String, Object>) o;
      Pending p = new Pending(toArray(m.get("x")));
      if (m.get("last") instanceof Number n) {
        p.last = n.doubleValue();
      }
      pending.put((String) m.get("trial_id"), p);
    }
    pointsQueue = new ArrayList<>();
    for (Object o : (List<Object>) state.get("points_to_evaluate")) {
      pointsQueue.add(deepCopyMap((Map<String, Object>) o));
    }
    evaluatedFed = Boolean.TRUE.equals(state.get("evaluated_points_fed"));
  }

  // ---------------------------------------------------------------- accessors

  /**
   * Returns the metric being optimized.
   *
   * @return the metric name, or null if not known yet
   */
  public String metric() {
    return metric;
  }

  /**
   * Returns whether lower or higher scores are better.
   *
   * @return the mode, or null if not known yet
   */
  public Mode mode() {
    return mode;
  }

  /**
   * Returns the seed of this searcher's random draws (given, drawn, or restored).
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns the dotted paths of the searched dimensions, in the order the models use.
   *
   * @return the dimension names; empty until the space is known
   */
  public List<String> dimensionNames() {
    List<String> names = new ArrayList<>();
    if (dims != null) {
      dims.forEach(d -> names.add(d.name));
    }
    return Collections.unmodifiableList(names);
  }

  /**
   * Returns how many finished trials (and evaluated points) the searcher has learned from.
   *
   * @return the number of observations
   */
  public int numObservations() {
    return observations.size();
  }

  List<Dimension> dimensions() {
    return dims;
  }

  List<Observation> observations() {
    return observations;
  }

  /** Unit-cube points of the trials suggested but not finished. */
  List<double[]> pendingPoints() {
    List<double[]> out = new ArrayList<>();
    pending.values().forEach(p -> out.add(p.x));
    return out;
  }

  /** The loss to minimize: the score, negated in MAX mode. */
  double loss(Observation o) {
    return mode == Mode.MAX ? -o.score() : o.score();
  }

  /** Uniform random point of the unit cube. */
  double[] randomPoint(SplittableRandom random) {
    double[] u = new double[dims.size()];
    for (int i = 0; i < u.length; i++) {
      u[i] = random.nextDouble();
    }
    return u;
  }

  String name() {
    return getClass().getSimpleName();
  }

  // ---------------------------------------------------------------- internals

  private void useSpace(Map<String, Object> space) {
    List<Object[]> leaves = new ArrayList<>();
    collectDomains(space, List.of(), leaves);
    // Sorted by path, so the model's dimension order (and thus every seeded draw) does not depend
    // on the iteration order of the user's maps.
    leaves.sort((a, b) -> comparePaths((List<?>) a[0], (List<?>) b[0]));
    List<Dimension> out = new ArrayList<>();
    for (Object[] leaf : leaves) {
      @SuppressWarnings("unchecked")
      List<Object> path = (List<Object>) leaf[0];
      out.add(Dimension.of(path, (String) leaf[1], (Domain) leaf[2], name()));
    }
    this.template = deepCopyMap(space);
    this.dims = out;
    for (Map<String, Object> point : pointsQueue) {
      pointValues(point, new SplittableRandom(0), false);
    }
    for (Map<String, Object> point : evaluatedPoints) {
      pointValues(point, null, true);
    }
  }

  private void checkReady() {
    List<String> missing = new ArrayList<>();
    if (dims == null) {
      missing.add("a search space (the config's domains, or space(...))");
    }
    if (needsMetric() && metric == null) {
      missing.add("metric");
    }
    if (needsMetric() && mode == null) {
      missing.add("mode");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          name()
              + " needs "
              + String.join(", ", missing)
              + ": pass them to Tune.run (metric=..., mode=..., config=...) or to the searcher's"
              + " builder");
    }
  }

  private void feedEvaluatedPoints() {
    if (evaluatedFed) {
      return;
    }
    evaluatedFed = true;
    for (int i = 0; i < evaluatedPoints.size(); i++) {
      Object[] values = pointValues(evaluatedPoints.get(i), null, true);
      observations.add(new Observation(encode(values), evaluatedRewards.get(i)));
    }
  }

  /**
   * The values of a (possibly partial) config for each dimension; missing ones are drawn from
   * {@code random}, or are an error if {@code complete}.
   */
  private Object[] pointValues(Map<String, Object> point, SplittableRandom random, boolean complete) {
    Object[] values = new Object[dims.size()];
    for (int i = 0; i < values.length; i++) {
      Dimension d = dims.get(i);
      Object[] found = lookup(point, d);
      if (found == null) {
        if (complete || random == null) {
          throw new IllegalArgumentException(
              "evaluated point " + point + " has no value for '" + d.name + "'");
        }
        values[i] = d.decode(random.nextDouble());
        continue;
      }
      Object value = found[0];
      double u = d.encode(value);
      if (Double.isNaN(u)) {
        throw new IllegalArgumentException(
            "point "
                + point
                + ": '"
                + d.name
                + "'="
                + value
                + " is not a value of "
                + d.domain);
      }
      values[i] = d.discrete() && !d.categorical ? d.decode(u) : value;
    }
    return values;
  }

  /** Finds a dimension's value in a nested config, or under its dotted name; null if absent. */
  private static Object[] lookup(Map<String, Object> point, Dimension d) {
    Object current = point;
    boolean found = true;
    for (Object part : d.path) {
      if (current instanceof Map<?, ?> map && map.containsKey(String.valueOf(part))) {
        current = map.get(String.valueOf(part));
      } else if (current instanceof List<?> list
          && part instanceof Integer index
          && index < list.size()) {
        current = list.get(index);
      } else {
        found = false;
        break;
      }
    }
    if (found && Domain.asDomain(current) == null) {
      return new Object[] {current};
    }
    if (point.containsKey(d.name)) {
      return new Object[] {point.get(d.name)};
    }
    return null;
  }

  private double[] encode(Object[] values) {
    double[] x = new double[values.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = dims.get(i).encode(values[i]);
    }
    return x;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> buildConfig(Object[] values) {
    Map<String, Object> config = deepCopyMap(extraConstants);
    Map<String, Object> own = deepCopyMap(template);
    for (int i = 0; i < values.length; i++) {
      List<Object> path = dims.get(i).path;
      Object parent = own;
      for (int j = 0; j < path.size() - 1; j++) {
        parent =
            parent instanceof Map<?, ?> m
                ? m.get(String.valueOf(path.get(j)))
                : ((List<?>) parent).get((Integer) path.get(j));
      }
      Object last = path.get(path.size() - 1);
      if (parent instanceof Map<?, ?> m) {
        ((Map<String, Object>) m).put(String.valueOf(last), values[i]);
      } else {
        ((List<Object>) parent).set((Integer) last, values[i]);
      }
    }
    merge(config, own);
    return config;
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> into, Map<String, Object> from) {
    for (Map.Entry<String, Object> e : from.entrySet()) {
      Object existing = into.get(e.getKey());
      if (existing instanceof Map<?, ?> a && e.getValue() instanceof Map<?, ?> b) {
        merge((Map<String, Object>) a, (Map<String, Object>) b);
      } else {
        into.put(e.getKey(), e.getValue());
      }
    }
  }

  /** Collects {path, dotted name, domain} for every domain leaf, in traversal order. */
  private static void collectDomains(Object value, List<Object> path, List<Object[]> out) {
    if (!path.isEmpty()) {
      Domain domain = Domain.asDomain(value);
      if (domain != null) {
        StringBuilder name = new StringBuilder();
        for (Object part : path) {
          name.append(name.length() == 0 ? "" : ".").append(part);
        }
        out.add(new Object[] {path, name.toString(), domain});
        return;
      }
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        collectDomains(e.getValue(), append(path, String.valueOf(e.getKey())), out);
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collectDomains(list.get(i), append(path, i), out);
      }
    }
  }

  /** Tune's path order: list indices numerically and before keys, keys as strings. */
  private static int comparePaths(List<?> a, List<?> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      int c;
      if (x instanceof Integer p && y instanceof Integer q) {
        c = Integer.compare(p, q);
      } else if (x instanceof Integer || y instanceof Integer) {
        c = x instanceof Integer ? -1 : 1;
      } else {
        c = String.valueOf(x).compareTo(String.valueOf(y));
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static List<Object> append(List<Object> path, Object part) {
    List<Object> out = new ArrayList<>(path);
    out.add(part);
    return Collections.unmodifiableList(out);
  }

  /**
   * Reads a score from a result: the key itself, or for {@code a/b} also the nested key.
   *
   * @return the value, or NaN if absent or not a finite number
   */
  static double metricValue(Map<String, Object> result, String metric) {
    if (result == null || metric == null) {
      return Double.NaN;
    }
    Object value = result.get(metric);
    if (value == null && metric.contains("/")) {
      Object current = result;
      for (String part : metric.split("/")) {
        current = current instanceof Map<?, ?> m ? m.get(part) : null;
      }
      value = current;
    }
    if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
      return n.doubleValue();
    }
    return Double.NaN;
  }

  private SplittableRandom randomFor(long n) {
    return new SplittableRandom(mix(seed() ^ mix(n + 0x632BE59BD9B4E019L)));
  }

  /** SplitMix64's finalizer. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static List<Object> toList(double[] x) {
    List<Object> out = new ArrayList<>(x.length);
    for (double v : x) {
      out.add(v);
    }
    return out;
  }

  private static double[] toArray(Object list) {
    List<?> l = (List<?>) list;
    double[] x = new double[l.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = ((Number) l.get(i)).doubleValue();
    }
    return x;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> deepCopyMap(Map<String, ?> map) {
    return (Map<String, Object>) deepCopy(map);
  }

  private static Object deepCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), deepCopy(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(deepCopy(v)));
      return out;
    }
    return value;
  }

  /**
   * Settings shared by the searchers of this package.
   *
   * <pre>{@code
   * TpeSearcher tpe = TpeSearcher.builder().metric("loss").mode(Mode.MIN).seed(7L).build();
   * }</pre>
   *
   * @param <B> the concrete builder type
   */
  public abstract static class Builder<B extends Builder<B>> {
    private String metric;
    private Mode mode;
    private Map<String, Object> space;
    private List<Map<String, Object>> pointsToEvaluate = List.of();
    private List<Map<String, Object>> evaluatedPoints = List.of();
    private List<Double> evaluatedRewards = List.of();
    private Long seed;

    /** Creates a builder with no metric, mode, space or seed. */
    Builder() {}

    /**
     * Returns this builder.
     *
     * @return {@code this}, typed
     */
    abstract B self();

    /**
     * Sets the metric to optimize; otherwise it comes from {@code Tune.run}.
     *
     * @param metric result key; {@code a/b} also reads nested keys
     * @return this builder
     */
    public B metric(String metric) {
      this.metric = metric;
      return self();
    }

    /**
     * Sets whether lower or higher is better; otherwise it comes from {@code Tune.run}.
     *
     * @param mode the mode
     * @return this builder
     */
    public B mode(Mode mode) {
      this.mode = mode;
      return self();
    }

    /**
     * Sets the search space; otherwise the config given to {@code Tune.run} is used.
     *
     * @param space a config tree with domain leaves (searched) and constants (copied)
     * @return this builder
     */
    public B space(Map<String, Object> space) {
      this.space = Objects.requireNonNull(space, "space");
      return self();
    }

    /**
     * Sets configs to suggest first, in order (Tune's {@code points_to_evaluate}); values left
     * out are drawn at random.
     *
     * @param points partial configs, nested like the space or keyed by dotted path
     * @return this builder
     */
    public B pointsToEvaluate(List<Map<String, Object>> points) {
      this.pointsToEvaluate = List.copyOf(points);
      return self();
    }

    /**
     * Sets configs already evaluated and their scores, learned from before the first suggestion
     * (Tune's {@code evaluated_rewards}).
     *
     * @param points complete configs
     * @param rewards their metric values, in the same order
     * @return this builder
     * @throws IllegalArgumentException if the lists differ in length or a reward is not finite
     */
    public B evaluatedPoints(List<Map<String, Object>> points, List<Double> rewards) {
      if (points.size() != rewards.size()) {
        throw new IllegalArgumentException(
            "evaluated_rewards: got "
                + rewards.size()
                + " rewards for "
                + points.size()
                + " evaluated points; give one reward per point");
      }
      for (Double r : rewards) {
        if (r == null || !Double.isFinite(r)) {
          throw new IllegalArgumentException(
              "evaluated_rewards: every reward must be a finite number, got " + rewards);
        }
      }
      this.evaluatedPoints = List.copyOf(points);
      this.evaluatedRewards = List.copyOf(rewards);
      return self();
    }

    /**
     * Sets the seed of all random draws; otherwise one is drawn (see {@link ModelSearcher#seed()}).
     *
     * @param seed the seed
     * @return this builder
     */
    public B seed(long seed) {
      this.seed = seed;
      return self();
    }
  }
}
