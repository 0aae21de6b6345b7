package io.tune4j.rllib.env;

import java.util.Random;

/**
 * The integers {@code {0, 1, ..., n-1}}, as gym's {@code Discrete(n)}; values are {@code Integer}.
 *
 * <p>{@code new Discrete(2).contains(1) == true}; {@code toString()} is {@code "Discrete(2)"}.
 */
public final class Discrete implements Space {
  private static final long serialVersionUID = 1L;

  private final int n;

  /**
   * Creates the space {@code {0, ..., n-1}}.
   *
   * @param n the number of values, at least 1
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public Discrete(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("Discrete: n must be >= 1, got " + n);
    }
    this.n = n;
  }

  /** Returns the number of values. */
  public int n() {
    return n;
  }

  /**
   * Accepts {@code Integer}, {@code Long}, {@code Short} and {@code Byte} values in {@code [0, n)},
   * like gym, which rejects floats.
   */
  @Override
  public boolean contains(Object x) {
    if (x instanceof Integer || x instanceof Long || x instanceof Short || x instanceof Byte) {
      long v = ((Number) x).longValue();
      return v >= 0 && v < n;
    }
    return false;
  }

  @Override
  public Integer sample(Random random) {
    return random.nextInt(n);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Discrete d && d.n == n;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(n) * 31 + 1;
  }

  @Override
  public String toString() {
    return "Discrete(" + n + ")";
  }
}
