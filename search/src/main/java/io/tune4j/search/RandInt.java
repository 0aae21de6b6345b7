package io.tune4j.search;

import java.util.random.RandomGenerator;

/**
 * An integer drawn uniformly from {@code [lower, upper)}: the upper bound is exclusive, as in
 * Tune's {@code randint} and {@code np.random.randint}.
 *
 * <pre>{@code
 * Object seed = SearchSpace.randint(0, 1000); // 0..999
 * }</pre>
 *
 * @param lower inclusive lower bound
 * @param upper exclusive upper bound, greater than {@code lower}
 */
public record RandInt(int lower, int upper) implements Domain {
  /** Validates the bounds. */
  public RandInt {
    if (lower >= upper) {
      throw new IllegalArgumentException(
          "randint: lower must be < upper (upper is exclusive), got lower="
              + lower
              + ", upper="
              + upper);
    }
  }

  @Override
  public Object sample(Spec spec, RandomGenerator random) {
    return random.nextInt(lower, upper);
  }

  @Override
  public boolean isValid(Object value) {
    double v = Checks.asDouble(value);
    return v >= lower && v < upper && v == Math.rint(v);
  }
}
