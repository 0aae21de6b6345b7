package io.tune4j.search;

import java.util.random.RandomGenerator;

/**
 * An integer drawn uniformly from {@code [lower, upper]} (both inclusive, as Tune documents for
 * {@code qrandint}) and rounded to a multiple of {@code q} ({@code np.round(x / q) * q}, half to
 * even).
 *
 * <p>Unlike Tune, the bounds must be multiples of {@code q} (Tune checks this only for float
 * domains); otherwise rounding could leave {@code [lower, upper]}.
 *
 * <pre>{@code
 * Object batch = SearchSpace.qrandint(32, 256, 32); // 32, 64, ..., 256
 * }</pre>
 *
 * @param lower inclusive lower bound, a multiple of {@code q}
 * @param upper inclusive upper bound, a multiple of {@code q}, greater than {@code lower}
 * @param q quantum, greater than 0
 */
public record QRandInt(int lower, int upper, int q) implements Domain {
  /** Validates bounds and quantum. */
  public QRandInt {
    if (lower >= upper) {
      throw new IllegalArgumentException(
          "qrandint: lower must be < upper, got lower=" + lower + ", upper=" + upper);
    }
    if (q <= 0) {
      throw new IllegalArgumentException("qrandint: q must be > 0, got q=" + q);
    }
    if (lower % q != 0) {
      throw new IllegalArgumentException(
          "qrandint: lower=" + lower + " is not a multiple of q=" + q);
    }
    if (upper % q != 0) {
      throw new IllegalArgumentException(
          "qrandint: upper=" + upper + " is not a multiple of q=" + q);
    }
  }

  @Override
  public Object sample(Spec spec, RandomGenerator random) {
    long x = random.nextLong(lower, (long) upper + 1);
    return (int) Checks.quantize(x, q);
  }

  @Override
  public boolean isValid(Object value) {
    double v = Checks.asDouble(value);
    return v >= lower && v <= upper && v == Math.rint(v) && ((long) v) % q == 0;
  }
}
