package io.tune4j.rllib.evaluation;

import java.util.List;

/**
 * Creates observation filters from the {@code observation_filter} config value and decodes filter
 * states shipped between actors.
 *
 * <pre>{@code
 * ObservationFilter f = ObservationFilters.create("MeanStdFilter", preprocessor.size());
 * ObservationFilter copy = ObservationFilters.fromState(f.getState());
 * }</pre>
 */
public final class ObservationFilters {
  /** The config key these names belong to. */
  public static final String CONFIG_KEY = "observation_filter";

  /** Valid values of {@value #CONFIG_KEY}. */
  public static final List<String> NAMES = List.of(NoFilter.NAME, MeanStdFilter.NAME);

  private ObservationFilters() {}

  /**
   * Creates the filter named by a config value.
   *
   * @param name {@code "NoFilter"} or {@code "MeanStdFilter"}; null means {@code "NoFilter"}
   * @param size width of a preprocessed observation row
   * @return a fresh filter
   * @throws IllegalArgumentException naming the key and the valid values for any other name
   */
  public static ObservationFilter create(String name, int size) {
    if (name == null || name.equals(NoFilter.NAME)) {
      return new NoFilter();
    }
    if (name.equals(MeanStdFilter.NAME)) {
      return new MeanStdFilter(size);
    }
    throw new IllegalArgumentException(
        "Unknown " + CONFIG_KEY + " '" + name + "'; valid values: " + String.join(", ", NAMES));
  }

  /**
   * Rebuilds a filter from {@link ObservationFilter#getState()}.
   *
   * @param state encoded filter state
   * @return a new filter with that state
   * @throws IllegalArgumentException if the bytes are no filter state
   */
  public static ObservationFilter fromState(byte[] state) {
    if (state != null && state.length == 1 && state[0] == NoFilter.TAG) {
      return new NoFilter();
    }
    if (state != null && state.length >= 1 + 2 + Double.BYTES + Integer.BYTES
        && state[0] == MeanStdFilter.TAG) {
      int size = java.nio.ByteBuffer.wrap(state, 1 + 2 + Double.BYTES, Integer.BYTES).getInt();
      if (size < 0) {
        throw new IllegalArgumentException("Filter state has negative width " + size);
      }
      MeanStdFilter f = new MeanStdFilter(size);
      f.setState(state);
      return f;
    }
    throw new IllegalArgumentException("Not an observation filter state: " + NoFilter.describe(state));
  }
}
