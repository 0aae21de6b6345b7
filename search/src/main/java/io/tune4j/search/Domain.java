package io.tune4j.search;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A search-space primitive: a value in a config tree that the variant generator replaces by a
 * concrete value (Tune's {@code Domain} / {@code sample_from}).
 *
 * <p>{@link GridSearch} is enumerated ({@link #isGrid()}); every other domain is sampled once per
 * variant through {@link #sample}. Implementations are immutable and serializable, so a config
 * containing them can be shipped to actors.
 *
 * <pre>{@code
 * Domain lr = SearchSpace.loguniform(1e-4, 1e-1);
 * double value = (Double) lr.sample(Spec.of(Map.of(), random), random);
 * }</pre>
 */
public interface Domain extends Serializable {
  /**
   * Draws one value.
   *
   * @param spec read-only view of the partially resolved root spec (used by {@link SampleFrom})
   * @param random the generator's source of randomness; the only one used, so seeds reproduce
   * @return the value; may itself contain domains, which are then resolved in turn
   * @throws UnresolvedValueException if the value depends on one not resolved yet
   * @throws UnsupportedOperationException for {@link GridSearch}, which is enumerated instead
   */
  Object sample(Spec spec, RandomGenerator random);

  /**
   * Tells whether this domain is enumerated rather than sampled.
   *
   * @return true only for grid searches
   */
  default boolean isGrid() {
    return false;
  }

  /**
   * Tells whether a value can come out of this domain (Tune's {@code is_valid}).
   *
   * @param value a candidate value
   * @return true if {@link #sample} could return it
   */
  boolean isValid(Object value);

  /**
   * Recognizes a search-space value inside a config tree: a {@code Domain}, or the plain-map forms
   * Tune accepts from YAML/JSON, {@code {"grid_search": [...]}}.
   *
   * @param value any config value
   * @return the domain, or null if {@code value} is a plain value
   * @throws SearchSpaceException for {@code {"grid_search": x}} with x not a list, and for Tune's
   *     Python-only {@code {"eval": "..."}} form
   */
  static Domain asDomain(Object value) {
    if (value instanceof Domain) {
      return (Domain) value;
    }
    if (value instanceof Map<?, ?> map && map.size() == 1) {
      if (map.containsKey("grid_search")) {
        Object values = map.get("grid_search");
        if (!(values instanceof List<?> list)) {
          throw new SearchSpaceException("Grid search expected a list of values, got: " + values);
        }
        try {
          return new GridSearch(new java.util.ArrayList<Object>(list));
        } catch (IllegalArgumentException e) {
          throw new SearchSpaceException(e.getMessage(), e);
        }
      }
      if (map.containsKey("eval")) {
        throw new SearchSpaceException(
            "{\"eval\": "
                + map.get("eval")
                + "} is Python-only Tune syntax; use"
                + " SearchSpace.sampleFrom(spec -> ...) instead");
      }
    }
    return null;
  }
}
