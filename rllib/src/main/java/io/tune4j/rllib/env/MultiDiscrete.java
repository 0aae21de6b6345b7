package io.tune4j.rllib.env;

import java.util.Arrays;
import java.util.Random;

/**
 * A vector of independent discrete values, value {@code i} in {@code [0, nvec[i])}, as gym's {@code
 * MultiDiscrete}; values are {@code int[]}.
 *
 * <p>{@code new MultiDiscrete(5, 2, 2)} prints as {@code "MultiDiscrete([5 2 2])"}.
 */
public final class MultiDiscrete implements Space {
  private static final long serialVersionUID = 1L;

  private final int[] nvec;

  /**
   * Creates the space.
   *
   * @param nvec the number of values of each component, all positive
   * @throws IllegalArgumentException if a count is not positive
   */
  public MultiDiscrete(int... nvec) {
    for (int i = 0; i < nvec.length; i++) {
      if (nvec[i] < 1) {
        throw new IllegalArgumentException(
            "MultiDiscrete: nvec[" + i + "] must be positive, got " + nvec[i]);
      }
    }
    this.nvec = nvec.clone();
  }

  /** Returns a copy of the per-component counts. */
  public int[] nvec() {
    return nvec.clone();
  }

  /** Returns the number of components. */
  public int size() {
    return nvec.length;
  }

  /** Accepts an {@code int[]} (or {@code long[]}) of {@link #size()} values, each in range. */
  @Override
  public boolean contains(Object x) {
    if (x instanceof int[] a) {
      if (a.length != nvec.length) {
        return false;
      }
      for (int i = 0; i < a.length; i++) {
        if (a[i] < 0 || a[i] >= nvec[i]) {
          return false;
        }
      }
      return true;
    }
    if (x instanceof long[] a) {
      if (a.length != nvec.length) {
        return false;
      }
      for (int i = 0; i < a.length; i++) {
        if (a[i] < 0 || a[i] >= nvec[i]) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public int[] sample(Random random) {
    int[] x = new int[nvec.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextInt(nvec[i]);
    }
    return x;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiDiscrete m && Arrays.equals(m.nvec, nvec);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(nvec) + 7;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("MultiDiscrete([");
    for (int i = 0; i < nvec.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(nvec[i]);
    }
    return sb.append("])").toString();
  }
}
