package io.tune4j.search;

import java.util.random.RandomGenerator;

/**
 * A {@link LogUniform} value rounded to a multiple of {@code q} (Tune's {@code qloguniform}).
 * Quantizing makes {@code upper} reachable.
 *
 * <pre>{@code
 * Object lr = SearchSpace.qloguniform(1e-4, 1e-1, 5e-5);
 * }</pre>
 *
 * @param lower lower bound, greater than 0 and a multiple of {@code q}
 * @param upper upper bound (inclusive), a multiple of {@code q}
 * @param q quantum, greater than 0
 * @param base logarithm base, greater than 0 and not 1
 */
public record QLogUniform(double lower, double upper, double q, double base) implements Domain {
  /** Validates as Tune 2.x does. */
  public QLogUniform {
    LogUniform.validate("qloguniform", lower, upper, base);
    Checks.positive("qloguniform", "q", q);
    Checks.divisible("qloguniform", "lower", lower, q);
    Checks.divisible("qloguniform", "upper", upper, q);
  }

  @Override
  public Object sample(Spec spec, RandomGenerator random) {
    return Checks.quantize(LogUniform.draw(lower, upper, base, random), q);
  }

  @Override
  public boolean isValid(Object value) {
    double v = Checks.asDouble(value);
    return v >= lower - 1e-9 * q && v <= upper + 1e-9 * q && Checks.isMultiple(v, q);
  }
}
