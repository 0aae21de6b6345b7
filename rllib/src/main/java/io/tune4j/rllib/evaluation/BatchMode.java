package io.tune4j.rllib.evaluation;

/**
 * RLlib's {@code batch_mode}: how rollout workers cut experience into sample batches. A config map
 * takes either this enum or RLlib's string ({@code "truncate_episodes"}).
 *
 * <pre>{@code
 * Map.of("batch_mode", BatchMode.COMPLETE_EPISODES)   // same as "complete_episodes"
 * }</pre>
 */
public enum BatchMode {
  /** Batches of exactly {@code sample_batch_size} steps per env; episodes may be cut. */
  TRUNCATE_EPISODES,
  /** Whole episodes only; a batch may be longer than {@code sample_batch_size}. */
  COMPLETE_EPISODES;

  /** The RLlib spelling, e.g. {@code "truncate_episodes"}. */
  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The mode for RLlib's spelling.
   *
   * @throws IllegalArgumentException naming the value and the allowed ones
   */
  public static BatchMode of(String s) {
    for (BatchMode m : values()) {
      if (m.toString().equals(s)) {
        return m;
      }
    }
    throw new IllegalArgumentException("batch_mode must be truncate_episodes or complete_episodes, got '" + s + "'");
  }
}
