package io.tune4j.search;

import java.util.random.RandomGenerator;

/**
 * A value computed from the rest of the spec (Tune's {@code sample_from}); the generator resolves
 * these to a fixed point, so they may depend on each other in any declaration order.
 *
 * <pre>{@code
 * Object cpus = SearchSpace.sampleFrom(spec -> spec.configInt("num_workers") + 1);
 * }</pre>
 *
 * @param fn the function; must not be null
 */
public record SampleFrom(SpecFunction fn) implements Domain {
  /** Rejects a null function. */
  public SampleFrom {
    if (fn == null) {
      throw new IllegalArgumentException("sample_from: fn must not be null");
    }
  }

  @Override
  public Object sample(Spec spec, RandomGenerator random) {
    return fn.apply(spec);
  }

  /** Any value may come from a user function. */
  @Override
  public boolean isValid(Object value) {
    return true;
  }

  @Override
  public String toString() {
    return "sample_from(" + fn.getClass().getName() + ")";
  }
}
