package io.tune4j.search;

import java.util.random.RandomGenerator;

/**
 * A uniform double rounded to a multiple of {@code q} (Tune's {@code quniform}: {@code np.round(x /
 * q) * q}, half to even). Quantizing makes {@code upper} reachable.
 *
 * <pre>{@code
 * Object momentum = SearchSpace.quniform(0.5, 1.0, 0.05);
 * }</pre>
 *
 * @param lower lower bound, a multiple of {@code q}
 * @param upper upper bound (inclusive), a multiple of {@code q}, greater than {@code lower}
 * @param q quantum, greater than 0
 */
public record QUniform(double lower, double upper, double q) implements Domain {
  /** Validates bounds and quantum as Tune 2.x does. */
  public QUniform {
    Checks.lessThan("quniform", lower, upper);
    Checks.positive("quniform", "q", q);
    Checks.divisible("quniform", "lower", lower, q);
    Checks.divisible("quniform", "upper", upper, q);
  }

  @Override
  public Object sample(Spec spec, RandomGenerator random) {
    return Checks.quantize(random.nextDouble(lower, upper), q);
  }

  @Override
  public boolean isValid(Object value) {
    double v = Checks.asDouble(value);
    return v >= lower - 1e-9 * q && v <= upper + 1e-9 * q && Checks.isMultiple(v, q);
  }
}
