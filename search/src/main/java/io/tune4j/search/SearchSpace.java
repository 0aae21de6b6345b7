package io.tune4j.search;

import java.util.Arrays;
import java.util.List;

/**
 * Static factories for search-space primitives, named after Ray Tune's ({@code tune.grid_search},
 * {@code tune.uniform}, ...). Put the returned values anywhere inside a config tree.
 *
 * <pre>{@code
 * import static io.tune4j.search.SearchSpace.*;
 *
 * Map<String, Object> config = Map.of(
 *     "lr", loguniform(1e-4, 1e-1),
 *     "layers", gridSearch(List.of(64, 64), List.of(256)),
 *     "activation", choice("relu", "tanh"));
 * }</pre>
 *
 * <p>All factories throw {@link IllegalArgumentException} naming the primitive and the bad value.
 */
public final class SearchSpace {
  private SearchSpace() {}

  /**
   * Grid search over the given values.
   *
   * @param values at least one value
   * @return the grid
   */
  public static GridSearch gridSearch(Object... values) {
    return new GridSearch(values == null ? null : Arrays.asList(values));
  }

  /**
   * Grid search over the given values.
   *
   * @param values at least one value
   * @return the grid
   */
  public static GridSearch gridSearch(List<?> values) {
    return new GridSearch(values == null ? null : nullSafe(values));
  }

  /**
   * A value computed from the rest of the spec.
   *
   * @param fn the function, e.g. {@code spec -> spec.configInt("a") * 2}
   * @return the domain
   */
  public static SampleFrom sampleFrom(SpecFunction fn) {
    return new SampleFrom(fn);
  }

  /**
   * Uniform double in {@code [lower, upper)}.
   *
   * @param lower inclusive lower bound
   * @param upper exclusive upper bound
   * @return the domain
   */
  public static Uniform uniform(double lower, double upper) {
    return new Uniform(lower, upper);
  }

  /**
   * Uniform double rounded to a multiple of {@code q}; {@code upper} becomes reachable.
   *
   * @param lower lower bound, a multiple of q
   * @param upper upper bound, a multiple of q
   * @param q quantum
   * @return the domain
   */
  public static QUniform quniform(double lower, double upper, double q) {
    return new QUniform(lower, upper, q);
  }

  /**
   * Log-uniform double in base 10.
   *
   * @param lower lower bound, greater than 0
   * @param upper upper bound
   * @return the domain
   */
  public static LogUniform loguniform(double lower, double upper) {
    return new LogUniform(lower, upper, 10);
  }

  /**
   * Log-uniform double.
   *
   * @param lower lower bound, greater than 0
   * @param upper upper bound
   * @param base logarithm base
   * @return the domain
   */
  public static LogUniform loguniform(double lower, double upper, double base) {
    return new LogUniform(lower, upper, base);
  }

  /**
   * Log-uniform double (base 10) rounded to a multiple of {@code q}.
   *
   * @param lower lower bound, greater than 0 and a multiple of q
   * @param upper upper bound, a multiple of q
   * @param q quantum
   * @return the domain
   */
  public static QLogUniform qloguniform(double lower, double upper, double q) {
    return new QLogUniform(lower, upper, q, 10);
  }

  /**
   * Log-uniform double rounded to a multiple of {@code q}.
   *
   * @param lower lower bound, greater than 0 and a multiple of q
   * @param upper upper bound, a multiple of q
   * @param q quantum
   * @param base logarithm base
   * @return the domain
   */
  public static QLogUniform qloguniform(double lower, double upper, double q, double base) {
    return new QLogUniform(lower, upper, q, base);
  }

  /**
   * One of the given categories, uniformly.
   *
   * @param categories at least one category
   * @return the domain
   */
  public static Choice choice(Object... categories) {
    return new Choice(categories == null ? null : Arrays.asList(categories));
  }

  /**
   * One of the given categories, uniformly.
   *
   * @param categories at least one category
   * @return the domain
   */
  public static Choice choice(List<?> categories) {
    return new Choice(categories == null ? null : nullSafe(categories));
  }

  /**
   * Uniform integer in {@code [lower, upper)}: upper exclusive.
   *
   * @param lower inclusive lower bound
   * @param upper exclusive upper bound
   * @return the domain
   */
  public static RandInt randint(int lower, int upper) {
    return new RandInt(lower, upper);
  }

  /**
   * Uniform integer in {@code [lower, upper]} rounded to a multiple of {@code q}.
   *
   * @param lower inclusive lower bound, a multiple of q
   * @param upper inclusive upper bound, a multiple of q
   * @param q quantum
   * @return the domain
   */
  public static QRandInt qrandint(int lower, int upper, int q) {
    return new QRandInt(lower, upper, q);
  }

  /**
   * Standard normal double (mean 0, sd 1).
   *
   * @return the domain
   */
  public static RandN randn() {
    return new RandN(0.0, 1.0);
  }

  /**
   * Normal double.
   *
   * @param mean the mean
   * @param sd the standard deviation, greater than 0
   * @return the domain
   */
  public static RandN randn(double mean, double sd) {
    return new RandN(mean, sd);
  }

  /**
   * Normal double rounded to a multiple of {@code q}.
   *
   * @param mean the mean
   * @param sd the standard deviation, greater than 0
   * @param q quantum
   * @return the domain
   */
  public static QRandN qrandn(double mean, double sd, double q) {
    return new QRandN(mean, sd, q);
  }

  private static List<Object> nullSafe(List<?> values) {
    return new java.util.ArrayList<Object>(values);
  }
}
