package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.util.DeveloperApi;
import java.io.Serializable;

/**
 * A possibly stateful transformation of preprocessed observation rows, applied by the {@link
 * Sampler} before the policy sees them (RLlib's {@code Filter}; config key {@code
 * observation_filter}).
 *
 * <p>Stateful filters keep two things: the state used to transform rows, and a <em>buffer</em> of
 * what was learned since the last synchronisation. Each training iteration the driver pulls every
 * worker's buffer ({@link #flushBuffer()}), folds them into its own filter ({@link
 * #applyChanges(byte[])}) and broadcasts its full state back ({@link #getState()} then {@link
 * #setState(byte[])} on each worker):
 *
 * <pre>{@code
 * for (byte[] delta : workerBuffers) driverFilter.applyChanges(delta);
 * byte[] state = driverFilter.getState();   // ship to every worker, which calls setState(state)
 * }</pre>
 *
 * <p>Threading: not thread-safe; used by the one thread that owns its sampler (a rollout worker
 * actor's). State crosses actors as {@code byte[]}.
 */
@DeveloperApi
public interface ObservationFilter extends Serializable {

  /**
   * Filters one row in place.
   *
   * @param rows array holding the row
   * @param off index of the row's first entry
   * @param update whether the row also updates the filter's statistics (and buffer)
   */
  void apply(float[] rows, int off, boolean update);

  /** The {@code observation_filter} config value naming this filter type. */
  String name();

  /** Folds the buffer of {@code other} (same type and width) into this filter's state. */
  void applyChanges(ObservationFilter other);

  /** Folds a buffer encoded by {@link #getBufferState()} of a filter like this one. */
  void applyChanges(byte[] bufferState);

  /** Makes this filter's state and buffer equal to {@code other}'s (same type and width). */
  void sync(ObservationFilter other);

  /** Forgets the changes accumulated since the last {@link #clearBuffer()}. */
  void clearBuffer();

  /** A deep copy. */
  ObservationFilter copy();

  /** The full state (statistics and buffer), compactly encoded. */
  byte[] getState();

  /**
   * Restores what {@link #getState()} of a filter of the same type and width returned.
   *
   * @throws IllegalArgumentException if the bytes are not such a state
   */
  void setState(byte[] state);

  /** The buffer of changes since the last {@link #clearBuffer()}, compactly encoded. */
  byte[] getBufferState();

  /** Returns {@link #getBufferState()} and clears the buffer (a worker's side of a sync). */
  default byte[] flushBuffer() {
    byte[] b = getBufferState();
    clearBuffer();
    return b;
  }
}
