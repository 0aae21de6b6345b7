package io.tune4j.search;

import java.util.Map;

/**
 * A search algorithm: proposes configurations and learns from their results (Tune's {@code
 * SearchAlgorithm} / {@code Searcher}).
 *
 * <p>Lifecycle: the trial runner calls {@link #suggest} whenever it has room for a new trial; a
 * non-null answer becomes trial {@code trialId}. For that trial it then calls {@link
 * #onTrialResult} for every intermediate result and {@link #onTrialComplete} exactly once at the
 * end. When {@link #isFinished()} turns true the runner stops asking. All calls come from the
 * runner's single driver thread, so implementations need no locking; they never touch Ray or files.
 * Result maps are the runner's snapshots: read them, do not keep or modify them.
 *
 * <pre>{@code
 * Searcher searcher = new BasicVariantSearcher(spec, 10, 42L);
 * Map<String, Object> next = searcher.suggest("trial_0");
 * }</pre>
 */
public interface Searcher {
  /**
   * Proposes the spec of a new trial.
   *
   * @param trialId the id the runner will give the trial
   * @return the resolved root spec (holding {@code config}), or null if nothing can be proposed now
   *     (the runner asks again later; see {@link #isFinished()})
   */
  Map<String, Object> suggest(String trialId);

  /**
   * Receives an intermediate result of a suggested trial. Default: ignored.
   *
   * @param trialId the trial
   * @param result the reported result
   */
  default void onTrialResult(String trialId, Map<String, Object> result) {}

  /**
   * Receives the end of a suggested trial, once. Default: ignored.
   *
   * @param trialId the trial
   * @param result its last result, or null if it reported none
   * @param error true if the trial failed
   */
  default void onTrialComplete(String trialId, Map<String, Object> result, boolean error) {}

  /**
   * Tells whether this searcher will never suggest again. Default: false.
   *
   * @return true once exhausted
   */
  default boolean isFinished() {
    return false;
  }
}
