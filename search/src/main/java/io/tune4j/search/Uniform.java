package io.tune4j.search;

import java.util.random.RandomGenerator;

/**
 * A double drawn uniformly from {@code [lower, upper)} (Tune's {@code uniform}).
 *
 * <pre>{@code
 * Object dropout = SearchSpace.uniform(0.0, 0.5);
 * }</pre>
 *
 * @param lower inclusive lower bound, finite
 * @param upper exclusive upper bound, finite and greater than {@code lower}
 */
public record Uniform(double lower, double upper) implements Domain {
  /** Validates the bounds. */
  public Uniform {
    Checks.lessThan("uniform", lower, upper);
  }

  @Override
  public Object sample(Spec spec, RandomGenerator random) {
    return random.nextDouble(lower, upper);
  }

  @Override
  public boolean isValid(Object value) {
    double v = Checks.asDouble(value);
    return v >= lower && v <= upper;
  }
}
