package io.tune4j.rllib.env;

/**
 * Converts and validates actions passed to {@link Env#step(Object)}, with errors that name the env,
 * the action and the valid range (developer API used by the built-in envs).
 */
public final class Actions {
  private Actions() {}

  /**
   * Reads a Discrete action: any integral {@code Number} in {@code [0, n)}.
   *
   * @param action the action as passed to {@code step}
   * @param n the size of the Discrete space
   * @param env the env's name for error messages
   * @return the action index
   * @throws IllegalArgumentException if the action is not an integral number in range
   */
  public static int discrete(Object action, int n, String env) {
    if (action instanceof Integer i) {
      if (i >= 0 && i < n) {
        return i;
      }
    } else if (action instanceof Number num) {
      double d = num.doubleValue();
      if (d == Math.rint(d) && d >= 0 && d < n) {
        return (int) d;
      }
    }
    throw invalidDiscrete(action, n, env);
  }

  /**
   * Reads a Discrete action stored as a double (the flat layout of {@link FlatEnv}).
   *
   * @param action the action index as a double
   * @param n the size of the Discrete space
   * @param env the env's name for error messages
   * @return the action index
   * @throws IllegalArgumentException if the value is not an integer in {@code [0, n)}
   */
  public static int discrete(double action, int n, String env) {
    int a = (int) action;
    if (a == action && a >= 0 && a < n) {
      return a;
    }
    throw invalidDiscrete(action, n, env);
  }

  private static IllegalArgumentException invalidDiscrete(Object action, int n, String env) {
    String type = action == null ? "null" : action.getClass().getSimpleName();
    return new IllegalArgumentException(
        env
            + ".step: invalid action "
            + action
            + " ("
            + type
            + ") for action space Discrete("
            + n
            + "); expected an integer in [0, "
            + (n - 1)
            + "]");
  }

  /**
   * Reads the single element of a one-element Box action: a {@code double[1]}, {@code float[1]} or
   * {@code Number}. The value is not clipped.
   *
   * @param action the action as passed to {@code step}
   * @param space the action space (for the error message)
   * @param env the env's name for error messages
   * @return the value
   * @throws IllegalArgumentException for any other type or length
   */
  public static double scalar(Object action, Box space, String env) {
    if (action instanceof double[] a && a.length == 1) {
      return a[0];
    }
    if (action instanceof float[] f && f.length == 1) {
      return f[0];
    }
    if (action instanceof Number num) {
      return num.doubleValue();
    }
    throw invalidBox(action, space, env);
  }

  /**
   * Reads a Box action as a new {@code double[]} ({@code double[]}, {@code float[]}, or a {@code
   * Number} for one-element boxes). The values are not clipped.
   *
   * @param action the action as passed to {@code step}
   * @param space the action space
   * @param env the env's name for error messages
   * @return a new array of {@code space.flatSize()} values
   * @throws IllegalArgumentException for a wrong type or length
   */
  public static double[] box(Object action, Box space, String env) {
    int size = space.flatSize();
    if (action instanceof double[] a && a.length == size) {
      return a.clone();
    }
    if (action instanceof float[] f && f.length == size) {
      double[] d = new double[size];
      for (int i = 0; i < size; i++) {
        d[i] = f[i];
      }
      return d;
    }
    if (action instanceof Number num && size == 1) {
      return new double[] {num.doubleValue()};
    }
    throw invalidBox(action, space, env);
  }

  private static IllegalArgumentException invalidBox(Object action, Box space, String env) {
    String shown;
    if (action instanceof double[] a) {
      shown = java.util.Arrays.toString(a) + " (double[" + a.length + "])";
    } else if (action instanceof float[] f) {
      shown = java.util.Arrays.toString(f) + " (float[" + f.length + "])";
    } else {
      shown = action + " (" + (action == null ? "null" : action.getClass().getSimpleName()) + ")";
    }
    return new IllegalArgumentException(
        env
            + ".step: invalid action "
            + shown
            + " for action space "
            + space
            + "; expected double[] of length "
            + space.flatSize()
            + " with values in ["
            + space.low(0)
            + ", "
            + space.high(0)
            + "] (out-of-range values are clipped)");
  }
}
