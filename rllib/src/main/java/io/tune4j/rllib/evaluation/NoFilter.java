package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.util.DeveloperApi;

/**
 * The identity observation filter ({@code observation_filter: "NoFilter"}, RLlib's default).
 * Stateless; all synchronisation methods are no-ops.
 */
@DeveloperApi
public final class NoFilter implements ObservationFilter {
  private static final long serialVersionUID = 1L;
  static final byte TAG = 0;

  /** The {@code observation_filter} value that selects this filter. */
  public static final String NAME = "NoFilter";

  @Override
  public void apply(float[] rows, int off, boolean update) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void applyChanges(ObservationFilter other) {
    checkType(other);
  }

  @Override
  public void applyChanges(byte[] bufferState) {
    checkBytes(bufferState, "buffer state");
  }

  @Override
  public void sync(ObservationFilter other) {
    checkType(other);
  }

  @Override
  public void clearBuffer() {}

  @Override
  public ObservationFilter copy() {
    return new NoFilter();
  }

  @Override
  public byte[] getState() {
    return new byte[] {TAG};
  }

  @Override
  public void setState(byte[] state) {
    checkBytes(state, "state");
  }

  @Override
  public byte[] getBufferState() {
    return new byte[] {TAG};
  }

  private static void checkType(ObservationFilter other) {
    if (!(other instanceof NoFilter)) {
      throw new IllegalArgumentException(
          "Cannot combine NoFilter with " + (other == null ? "null" : other.name()));
    }
  }

  private static void checkBytes(byte[] b, String what) {
    if (b == null || b.length != 1 || b[0] != TAG) {
      throw new IllegalArgumentException(
          "NoFilter " + what + " must be the single byte " + TAG + ", got " + describe(b));
    }
  }

  static String describe(byte[] b) {
    return b == null ? "null" : (b.length + " bytes starting with tag " + (b.length > 0 ? b[0] : -1));
  }

  @Override
  public String toString() {
    return NAME;
  }
}
