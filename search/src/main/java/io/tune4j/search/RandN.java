package io.tune4j.search;

import java.util.random.RandomGenerator;

/**
 * A normally distributed double (Tune's {@code randn}).
 *
 * <pre>{@code
 * Object noise = SearchSpace.randn(0.0, 0.1);
 * }</pre>
 *
 * @param mean the mean, finite
 * @param sd the standard deviation, greater than 0
 */
public record RandN(double mean, double sd) implements Domain {
  /** Validates the parameters. */
  public RandN {
    Checks.finite("randn", "mean", mean);
    Checks.positive("randn", "sd", sd);
  }

  @Override
  public Object sample(Spec spec, RandomGenerator random) {
    return mean + sd * random.nextGaussian();
  }

  @Override
  public boolean isValid(Object value) {
    return value instanceof Number && Double.isFinite(((Number) value).doubleValue());
  }
}
