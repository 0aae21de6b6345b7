package io.tune4j.search;

import java.util.random.RandomGenerator;

/**
 * A double whose logarithm is uniform: {@code base ** uniform(log_base(lower), log_base(upper))}
 * (Tune's {@code loguniform}, default base 10). Results are clamped to {@code [lower, upper]} to
 * absorb floating-point error in the power.
 *
 * <pre>{@code
 * Object lr = SearchSpace.loguniform(1e-4, 1e-1);
 * }</pre>
 *
 * @param lower lower bound, greater than 0
 * @param upper upper bound, finite and greater than {@code lower}
 * @param base logarithm base, greater than 0 and not 1
 */
public record LogUniform(double lower, double upper, double base) implements Domain {
  /** Validates bounds and base. */
  public LogUniform {
    validate("loguniform", lower, upper, base);
  }

  static void validate(String primitive, double lower, double upper, double base) {
    Checks.lessThan(primitive, lower, upper);
    Checks.positive(primitive, "lower", lower);
    Checks.logBase(primitive, base);
  }

  static double draw(double lower, double upper, double base, RandomGenerator random) {
    double logBase = Math.log(base);
    double a = Math.log(lower) / logBase;
    double b = Math.log(upper) / logBase;
    double value = Math.pow(base, random.nextDouble(Math.min(a, b), Math.max(a, b)));
    return Math.min(Math.max(value, lower), upper);
  }

  @Override
  public Object sample(Spec spec, RandomGenerator random) {
    return draw(lower, upper, base, random);
  }

  @Override
  public boolean isValid(Object value) {
    double v = Checks.asDouble(value);
    return v >= lower && v <= upper;
  }
}
