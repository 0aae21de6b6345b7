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
  private FlatSpace space;
  private boolean spaceAdopted;
  private Map<String, Object> extraConstants = Map.of();
  private long seed;
  private long counter;
  private final SearchHistory history;

  /** A finished trial: its unit-cube point and score (as reported, not mode-adjusted). */
  record Observation(double[] x, double score) {}

  /**
   * Creates the searcher from its builder's settings.
   *
   * @param builder the settings
   */
  ModelSearcher(Builder<?> builder) {
    this.metric = builder.metric;
    this.mode = builder.mode;
    this.seed = builder.seed != null ? builder.seed : new SplittableRandom().nextLong();
    this.history =
        new SearchHistory(
            builder.pointsToEvaluate, builder.evaluatedPoints, builder.evaluatedRewards);
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
    this.metric = adopt("metric", this.metric, metric);
    this.mode = adopt("mode", this.mode, mode);
    if (config != null) {
      if (space == null || spaceAdopted) {
        useSpace(config);
        spaceAdopted = true;
      } else {
        List<String> domainPaths = FlatSpace.domainPaths(config);
        if (!domainPaths.isEmpty()) {
          throw new IllegalArgumentException(
              "config: "
                  + name()
                  + " was built with its own search space, but the config given to Tune.run"
                  + " also holds search-space domains at "
                  + domainPaths
                  + "; define the space in one place only");
        }
        extraConstants = FlatSpace.deepCopyMap(config);
      }
    }
    return space != null && (!needsMetric() || (this.metric != null && this.mode != null));
  }

  @Override
  public final Map<String, Object> suggest(String trialId) {
    checkReady();
    history.feedEvaluatedPoints(space);
    SplittableRandom random = randomFor(counter++);
    Map<String, Object> point = history.nextPointToEvaluate();
    Object[] values;
    if (point != null) {
      values = space.pointValues(point, random, false);
    } else {
      values = space.decode(space.dims.isEmpty() ? new double[0] : propose(random));
    }
    history.suggested(trialId, space.encode(values));
    return space.buildConfig(values, extraConstants);
  }

  @Override
  public void onTrialResult(String trialId, Map<String, Object> result) {
    history.result(trialId, result, metric);
  }

  @Override
  public void onTrialComplete(String trialId, Map<String, Object> result, boolean error) {
    history.complete(trialId, result, metric);
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
    state.put("dimensions", new ArrayList<Object>(dimensionNames()));
    history.save(state);
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
    if (space != null && !names.isEmpty()) {
      List<Object> mine = new ArrayList<>(space.names());
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
    history.restore(state);
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
    return Collections.unmodifiableList(space == null ? new ArrayList<>() : space.names());
  }

  /**
   * Returns how many finished trials (and evaluated points) the searcher has learned from.
   *
   * @return the number of observations
   */
  public int numObservations() {
    return history.observations().size();
  }

  List<Dimension> dimensions() {
    return space == null ? null : space.dims;
  }

  List<Observation> observations() {
    return history.observations();
  }

  /** Unit-cube points of the trials suggested but not finished. */
  List<double[]> pendingPoints() {
    return history.pendingPoints();
  }

  /** The loss to minimize: the score, negated in MAX mode. */
  double loss(Observation o) {
    return mode == Mode.MAX ? -o.score() : o.score();
  }

  /** Uniform random point of the unit cube. */
  double[] randomPoint(SplittableRandom random) {
    return space.randomPoint(random);
  }

  String name() {
    return getClass().getSimpleName();
  }

  // ---------------------------------------------------------------- internals

  /** The value built with, else the one {@code Tune.run} gives; two different ones fail. */
  private <T> T adopt(String key, T built, T given) {
    if (built != null && given != null && !built.equals(given)) {
      throw new IllegalArgumentException(
          key
              + ": "
              + name()
              + " was built with "
              + key
              + "='"
              + built
              + "' but Tune.run got "
              + key
              + "='"
              + given
              + "'; pass the "
              + key
              + " in one place only");
    }
    return built != null ? built : given;
  }

  private void useSpace(Map<String, Object> config) {
    this.space = FlatSpace.of(config, name());
    history.check(space);
  }

  private void checkReady() {
    List<String> missing = new ArrayList<>();
    if (space == null) {
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

  private SplittableRandom randomFor(long n) {
    return new SplittableRandom(mix(seed() ^ mix(n + 0x632BE59BD9B4E019L)));
  }

  /** SplitMix64's finalizer. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
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
