package io.tune4j.rllib.env;

import java.util.Arrays;
import java.util.Random;

/**
 * A box in R^n with per-coordinate bounds, as gym's {@code Box}; values are {@code double[]}
 * flattened row-major over {@link #shape()} (also for float32 boxes).
 *
 * <p>{@code new Box(-1.0, 1.0, Box.Dtype.FLOAT32, 3)} is gym's {@code Box(-1, 1, (3,), float32)}
 * and prints as {@code "Box(3,)"}. Bounds of a float32 box are rounded to float32 like gym's {@code
 * astype}.
 */
public final class Box implements Space {
  private static final long serialVersionUID = 1L;

  /** Element type of a box, as numpy's dtype name. */
  public enum Dtype {
    /** numpy float32: bounds and samples are rounded to float. */
    FLOAT32("float32"),
    /** numpy float64. */
    FLOAT64("float64");

    private final String numpyName;

    Dtype(String numpyName) {
      this.numpyName = numpyName;
    }

    /** Returns numpy's name, {@code "float32"} or {@code "float64"}. */
    public String numpyName() {
      return numpyName;
    }

    /**
     * Parses a numpy dtype name.
     *
     * @param name {@code "float32"} or {@code "float64"}
     * @return the dtype
     * @throws IllegalArgumentException for any other name
     */
    public static Dtype fromNumpyName(String name) {
      for (Dtype d : values()) {
        if (d.numpyName.equals(name)) {
          return d;
        }
      }
      throw new IllegalArgumentException(
          "Box dtype: expected \"float32\" or \"float64\", got \"" + name + "\"");
    }
  }

  private final double[] low;
  private final double[] high;
  private final int[] shape;
  private final Dtype dtype;

  /**
   * Creates a box with per-coordinate bounds.
   *
   * @param low lower bounds, row-major, length = product of {@code shape}
   * @param high upper bounds, same length
   * @param dtype element type
   * @param shape dimensions (none for a 1-d box of {@code low.length})
   * @throws IllegalArgumentException on length mismatch or {@code low > high}
   */
  public Box(double[] low, double[] high, Dtype dtype, int... shape) {
    if (low.length != high.length) {
      throw new IllegalArgumentException(
          "Box: low has " + low.length + " elements but high has " + high.length);
    }
    int[] s = shape.length == 0 ? new int[] {low.length} : shape.clone();
    int size = sizeOf(s);
    if (size != low.length) {
      throw new IllegalArgumentException(
          "Box: shape " + Arrays.toString(s) + " needs " + size + " bounds, got " + low.length);
    }
    this.shape = s;
    this.dtype = dtype;
    this.low = cast(low, dtype);
    this.high = cast(high, dtype);
    for (int i = 0; i < size; i++) {
      if (!(this.low[i] <= this.high[i])) {
        throw new IllegalArgumentException(
            "Box: low[" + i + "]=" + this.low[i] + " must be <= high[" + i + "]=" + this.high[i]);
      }
    }
  }

  /**
   * Creates a float64 box with per-coordinate bounds and shape {@code (low.length,)}.
   *
   * @param low lower bounds
   * @param high upper bounds
   */
  public Box(double[] low, double[] high) {
    this(low, high, Dtype.FLOAT64);
  }

  /**
   * Creates a box with the same bounds for every coordinate.
   *
   * @param low lower bound of every coordinate
   * @param high upper bound of every coordinate
   * @param dtype element type
   * @param shape dimensions, at least one
   */
  public Box(double low, double high, Dtype dtype, int... shape) {
    this(filled(low, shape), filled(high, shape), dtype, shape.length == 0 ? new int[] {1} : shape);
  }

  private static double[] filled(double v, int[] shape) {
    double[] a = new double[sizeOf(shape.length == 0 ? new int[] {1} : shape)];
    Arrays.fill(a, v);
    return a;
  }

  private static int sizeOf(int[] shape) {
    long size = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "Box: negative dimension in shape " + Arrays.toString(shape));
      }
      size *= d;
    }
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("Box: shape " + Arrays.toString(shape) + " is too large");
    }
    return (int) size;
  }

  private static double[] cast(double[] a, Dtype dtype) {
    double[] c = a.clone();
    if (dtype == Dtype.FLOAT32) {
      for (int i = 0; i < c.length; i++) {
        c[i] = (float) c[i];
      }
    }
    return c;
  }

  /** Returns a copy of the lower bounds (row-major). */
  public double[] low() {
    return low.clone();
  }

  /** Returns a copy of the upper bounds (row-major). */
  public double[] high() {
    return high.clone();
  }

  /**
   * Returns the lower bound of one flattened coordinate without copying.
   *
   * @param i flat index
   * @return the bound
   */
  public double low(int i) {
    return low[i];
  }

  /**
   * Returns the upper bound of one flattened coordinate without copying.
   *
   * @param i flat index
   * @return the bound
   */
  public double high(int i) {
    return high[i];
  }

  /** Returns a copy of the shape. */
  public int[] shape() {
    return shape.clone();
  }

  /** Returns the element type. */
  public Dtype dtype() {
    return dtype;
  }

  /** Returns the number of elements, the product of the shape. */
  public int flatSize() {
    return low.length;
  }

  /** Tells whether every coordinate has finite bounds on both sides. */
  public boolean isBounded() {
    for (int i = 0; i < low.length; i++) {
      if (Double.isInfinite(low[i]) || Double.isInfinite(high[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Clips a value into the box, in place.
   *
   * @param x a value of {@link #flatSize()} elements
   * @return {@code x}
   */
  public double[] clip(double[] x) {
    for (int i = 0; i < low.length; i++) {
      x[i] = Math.min(Math.max(x[i], low[i]), high[i]);
    }
    return x;
  }

  /**
   * Accepts a {@code double[]} or {@code float[]} of {@link #flatSize()} elements within the
   * bounds, or a {@code Number} when the box has one element.
   */
  @Override
  public boolean contains(Object x) {
    if (x instanceof double[] a) {
      if (a.length != low.length) {
        return false;
      }
      for (int i = 0; i < a.length; i++) {
        if (!(a[i] >= low[i] && a[i] <= high[i])) {
          return false;
        }
      }
      return true;
    }
    if (x instanceof float[] f) {
      if (f.length != low.length) {
        return false;
      }
      for (int i = 0; i < f.length; i++) {
        if (!(f[i] >= low[i] && f[i] <= high[i])) {
          return false;
        }
      }
      return true;
    }
    if (x instanceof Number num && low.length == 1) {
      double v = num.doubleValue();
      return v >= low[0] && v <= high[0];
    }
    return false;
  }

  /**
   * Samples each coordinate: uniform on {@code [low, high)} when bounded, {@code low + Exp(1)} /
   * {@code high - Exp(1)} when bounded on one side, standard normal when unbounded (the scheme of
   * later gym versions; gym 0.12.5 produced NaN for infinite bounds). Float32 boxes round samples
   * to float.
   */
  @Override
  public double[] sample(Random random) {
    double[] x = new double[low.length];
    for (int i = 0; i < x.length; i++) {
      double lo = low[i];
      double hi = high[i];
      boolean loInf = Double.isInfinite(lo);
      boolean hiInf = Double.isInfinite(hi);
      double v;
      if (loInf && hiInf) {
        v = random.nextGaussian();
      } else if (loInf) {
        v = hi + Math.log(1.0 - random.nextDouble());
      } else if (hiInf) {
        v = lo - Math.log(1.0 - random.nextDouble());
      } else {
        double u = random.nextDouble();
        v = lo + (hi - lo) * u;
        if (Double.isInfinite(v)) {
          v = (1.0 - u) * lo + u * hi;
        }
        v = Math.min(Math.max(v, lo), hi);
      }
      x[i] = dtype == Dtype.FLOAT32 ? (float) v : v;
    }
    return x;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Box b
        && b.dtype == dtype
        && Arrays.equals(b.shape, shape)
        && Arrays.equals(b.low, low)
        && Arrays.equals(b.high, high);
  }

  @Override
  public int hashCode() {
    return ((Arrays.hashCode(low) * 31 + Arrays.hashCode(high)) * 31 + Arrays.hashCode(shape)) * 31
        + dtype.hashCode();
  }

  /** Returns gym's repr: {@code "Box(4,)"}, {@code "Box(3, 4)"}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Box(");
    for (int i = 0; i < shape.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(shape[i]);
    }
    if (shape.length == 1) {
      sb.append(',');
    }
    return sb.append(')').toString();
  }
}
