package io.tune4j.search;

import java.util.random.RandomGenerator;

/**
 * A normal double rounded to a multiple of {@code q} (Tune's {@code qrandn}).
 *
 * <pre>{@code
 * Object offset = SearchSpace.qrandn(0.0, 1.0, 0.25);
 * }</pre>
 *
 * @param mean the mean, finite
 * @param sd the standard deviation, greater than 0
 * @param q quantum, greater than 0
 */
public record QRandN(double mean, double sd, double q) implements Domain {
  /** Validates the parameters. */
  public QRandN {
    Checks.finite("qrandn", "mean", mean);
    Checks.positive("qrandn", "sd", sd);
    Checks.positive("qrandn", "q", q);
  }

  @Override
  public Object sample(Spec spec, RandomGenerator random) {
    return Checks.quantize(mean + sd * random.nextGaussian(), q);
  }

  @Override
  public boolean isValid(Object value) {
    double v = Checks.asDouble(value);
    return Double.isFinite(v) && Checks.isMultiple(v, q);
  }
}
