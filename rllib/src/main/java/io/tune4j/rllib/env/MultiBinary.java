package io.tune4j.rllib.env;

import java.util.Random;

/**
 * A vector of {@code n} bits, as gym's {@code MultiBinary(n)}; values are {@code int[]} of 0s and
 * 1s.
 */
public final class MultiBinary implements Space {
  private static final long serialVersionUID = 1L;

  private final int n;

  /**
   * Creates the space.
   *
   * @param n the number of bits, at least 1
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public MultiBinary(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("MultiBinary: n must be >= 1, got " + n);
    }
    this.n = n;
  }

  /** Returns the number of bits. */
  public int n() {
    return n;
  }

  /** Accepts an {@code int[]} of length {@link #n()} holding only 0 and 1. */
  @Override
  public boolean contains(Object x) {
    if (!(x instanceof int[] a) || a.length != n) {
      return false;
    }
    for (int v : a) {
      if (v != 0 && v != 1) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int[] sample(Random random) {
    int[] x = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextInt(2);
    }
    return x;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiBinary m && m.n == n;
  }

  @Override
  public int hashCode() {
    return Integer.hashCode(n) * 31 + 3;
  }

  @Override
  public String toString() {
    return "MultiBinary(" + n + ")";
  }
}
