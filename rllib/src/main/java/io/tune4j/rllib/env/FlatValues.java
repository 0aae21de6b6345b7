package io.tune4j.rllib.env;

/**
 * Converts observations and actions between space values and flat doubles for {@link VectorEnv}.
 */
public final class FlatValues {
  private FlatValues() {}

  public static int size(Space space, String what) {
    if (space instanceof Box b) {
      return b.flatSize();
    }
    if (space instanceof Discrete) {
      return 1;
    }
    if (space instanceof MultiDiscrete md) {
      return md.size();
    }
    if (space instanceof MultiBinary mb) {
      return mb.n();
    }
    throw new IllegalArgumentException(
        "VectorEnv: unsupported "
            + what
            + " space "
            + space
            + "; only Box, Discrete, MultiDiscrete and MultiBinary can be vectorized (flatten it"
            + " first)");
  }

  public static void write(Object value, Space space, int size, double[] dst, int offset, String where) {
    if (value instanceof double[] a && a.length == size) {
      System.arraycopy(a, 0, dst, offset, size);
      return;
    }
    if (value instanceof float[] f && f.length == size) {
      for (int j = 0; j < size; j++) {
        dst[offset + j] = f[j];
      }
      return;
    }
    if (value instanceof int[] ia && ia.length == size) {
      for (int j = 0; j < size; j++) {
        dst[offset + j] = ia[j];
      }
      return;
    }
    if (value instanceof Number num && size == 1) {
      dst[offset] = num.doubleValue();
      return;
    }
    throw new IllegalArgumentException(
        "VectorEnv: "
            + where
            + " returned "
            + (value == null ? "null" : value.getClass().getSimpleName())
            + " which is not a value of "
            + space
            + " ("
            + size
            + " numbers)");
  }

  public static Object read(double[] actions, int offset, Space space) {
    if (space instanceof Discrete) {
      double a = actions[offset];
      int ia = (int) a;
      return ia == a ? (Object) Integer.valueOf(ia) : (Object) Double.valueOf(a);
    }
    if (space instanceof Box b) {
      double[] x = new double[b.flatSize()];
      System.arraycopy(actions, offset, x, 0, x.length);
      return x;
    }
    int n = space instanceof MultiDiscrete md ? md.size() : ((MultiBinary) space).n();
    int[] x = new int[n];
    for (int j = 0; j < n; j++) {
      x[j] = (int) actions[offset + j];
    }
    return x;
  }
}
