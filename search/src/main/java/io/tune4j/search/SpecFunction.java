package io.tune4j.search;

import java.io.Serializable;

/**
 * A function of the partially resolved spec, used by {@link SearchSpace#sampleFrom(SpecFunction)}
 * (Tune's {@code sample_from(lambda spec: ...)}).
 *
 * <p>Read other values through {@link Spec}; reading one that is not resolved yet throws {@link
 * UnresolvedValueException}, which the generator catches to retry this function later. Draw random
 * numbers from {@link Spec#random()} so that seeded experiments stay reproducible.
 *
 * <pre>{@code
 * SpecFunction batch = spec -> 32 * spec.configInt("num_workers");
 * }</pre>
 */
@FunctionalInterface
public interface SpecFunction extends Serializable {
  /**
   * Computes a value.
   *
   * @param spec read-only view of the root spec being resolved
   * @return the value to store at this function's path; may be a map, a list or even another {@link
   *     Domain}, which is then resolved in turn
   */
  Object apply(Spec spec);
}
