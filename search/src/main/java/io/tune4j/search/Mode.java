package io.tune4j.search;

/**
 * Whether a higher or a lower metric is better (Tune's {@code mode="max"} / {@code "min"}).
 *
 * <pre>{@code
 * Map<String, Object> best = analysis.bestConfig("mean_accuracy", Mode.MAX);
 * }</pre>
 */
public enum Mode {
  /** Higher is better. */
  MAX,
  /** Lower is better. */
  MIN;

  /**
   * Tune's spelling, {@code "max"} or {@code "min"} (any case).
   *
   * @throws IllegalArgumentException naming the value otherwise
   */
  public static Mode of(String mode) {
    if (mode != null) {
      switch (mode.toLowerCase(java.util.Locale.ROOT)) {
        case "max":
          return MAX;
        case "min":
          return MIN;
        default:
          break;
      }
    }
    throw new IllegalArgumentException("mode must be 'max' or 'min', got '" + mode + "'");
  }

  /** Whether {@code a} is better than {@code b} under this mode. */
  public boolean better(double a, double b) {
    return this == MAX ? a > b : a < b;
  }

  /** Tune's spelling. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
