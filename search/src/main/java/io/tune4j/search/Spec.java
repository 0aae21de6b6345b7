package io.tune4j.search;

import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Read-only view of the root spec while its variables are being resolved; the argument of a {@link
 * SpecFunction} (Tune's {@code spec} in {@code sample_from(lambda spec: spec.config.x)}).
 *
 * <p>Paths are dotted, from the root: {@code get("config.model.layers.0.size")}; a component
 * addressing a list is an index. {@link #config(String)} prefixes {@code config.}. Reading a value
 * that is still a {@link Domain} throws {@link UnresolvedValueException} (the generator then
 * retries later); reading a missing key throws {@link SearchSpaceException} naming the path. Maps
 * and lists come back as read-only views that apply the same rules to their elements.
 *
 * <pre>{@code
 * SearchSpace.sampleFrom(spec -> spec.configDouble("lr") * 10);
 * }</pre>
 */
public interface Spec {
  /**
   * Reads a value by dotted path from the root.
   *
   * @param dottedPath e.g. {@code "config.a.b"}; the empty string reads the root
   * @return the value; maps and lists as read-only views
   * @throws UnresolvedValueException if the value (or a map on the way) is not resolved yet
   * @throws SearchSpaceException if the path does not exist
   */
  Object get(String dottedPath);

  /**
   * Tells whether a path exists (resolved or not).
   *
   * @param dottedPath path from the root
   * @return true if {@link #get} would not fail with a missing key
   */
  boolean has(String dottedPath);

  /**
   * Returns the generator's random source: draw from it so that seeded runs reproduce.
   *
   * @return the random generator of the current variant generation
   */
  RandomGenerator random();

  /**
   * Reads {@code config.<dottedPath>}.
   *
   * @param dottedPath path below {@code config}; empty for the whole config
   * @return the value
   */
  default Object config(String dottedPath) {
    return get(dottedPath.isEmpty() ? "config" : "config." + dottedPath);
  }

  /**
   * Reads a number below {@code config}.
   *
   * @param dottedPath path below {@code config}
   * @return the value as a double
   * @throws SearchSpaceException if the value is not a number
   */
  default double configDouble(String dottedPath) {
    return SpecValues.toDouble("config." + dottedPath, config(dottedPath));
  }

  /**
   * Reads an integer below {@code config}; integral doubles such as {@code 4.0} are accepted.
   *
   * @param dottedPath path below {@code config}
   * @return the value as an int
   * @throws SearchSpaceException if the value is not an integral number in int range
   */
  default int configInt(String dottedPath) {
    return SpecValues.toInt("config." + dottedPath, config(dottedPath));
  }

  /**
   * Reads a string below {@code config}.
   *
   * @param dottedPath path below {@code config}
   * @return the value
   * @throws SearchSpaceException if the value is not a string
   */
  default String configString(String dottedPath) {
    return SpecValues.toStr("config." + dottedPath, config(dottedPath));
  }

  /**
   * Reads a boolean below {@code config}.
   *
   * @param dottedPath path below {@code config}
   * @return the value
   * @throws SearchSpaceException if the value is not a boolean
   */
  default boolean configBoolean(String dottedPath) {
    return SpecValues.toBoolean("config." + dottedPath, config(dottedPath));
  }

  /**
   * Wraps a spec tree, for tests and for searchers that sample domains themselves.
   *
   * @param root the root map; read, never modified
   * @param random the random source returned by {@link #random()}
   * @return a read-only view
   */
  static Spec of(Map<String, ?> root, RandomGenerator random) {
    return new MapSpec(
        Objects.requireNonNull(root, "root"), Objects.requireNonNull(random, "random"));
  }
}
