package io.tune4j.rllib.evaluation;

/**
 * RLlib's {@code observation_filter} names. A config map takes either this enum or RLlib's string
 * ({@code "MeanStdFilter"}).
 */
public enum FilterName {
  /** Observations pass unchanged. */
  NO_FILTER("NoFilter"),
  /** Running mean/std normalization, synchronized across workers. */
  MEAN_STD_FILTER("MeanStdFilter");

  private final String rllib;

  FilterName(String rllib) {
    this.rllib = rllib;
  }

  /** The RLlib spelling, e.g. {@code "MeanStdFilter"}. */
  @Override
  public String toString() {
    return rllib;
  }
}
