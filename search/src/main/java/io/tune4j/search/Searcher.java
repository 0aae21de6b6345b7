package io.tune4j.search;

import java.util.Map;

/**
 * A search algorithm: proposes configurations and learns from their results (Tune's {@code
 * SearchAlgorithm} / {@code Searcher}).
 *
 * <p>Lifecycle: the trial runner calls {@link #suggest} whenever it has room for a new trial; a
 * non-null answer becomes trial {@code trialId}. For that trial it then calls {@link
 * #onTrialResult} for every intermediate result and {@link #onTrialComplete} exactly once at the
 * end. The runner asks only when it can start the trial right away (a free slot), so a
 * model-based searcher always suggests from every result reported so far; {@link #suggest} may
 * return null to wait for more results. When {@link #isFinished()} turns true the runner stops
 * asking. All calls come from the
 * runner's single driver thread, so implementations need no locking; they never touch Ray or files.
 * Result maps are the runner's snapshots: read them, do not keep or modify them.
 *
 * <pre>{@code
 * Searcher searcher = new BasicVariantSearcher(spec, 10, 42L);
 * Map<String, Object> config = searcher.suggest("trial_0"); // e.g. {lr=0.1, momentum=0.9}
 * }</pre>
 */
public interface Searcher {
  /**
   * Receives the metric, mode and config given once to {@code Tune.run} (Tune 2.x's {@code
   * set_search_properties}). A searcher built without a metric, mode or search space adopts these
   * (the space is the config's {@link Domain} leaves); one built with its own keeps them. Called
   * once, before the first {@link #suggest}. Default: ignores them and returns true (for searchers
   * that need no metric or space).
   *
   * @param metric the metric name, or null if {@code Tune.run} got none
   * @param mode whether higher or lower is better, or null if {@code Tune.run} got none
   * @param config the config given to {@code Tune.run}, search-space domains included
   * @return true if the searcher now has the metric, mode and space it needs (or needs none)
   * @throws IllegalArgumentException naming the setting when it conflicts with the searcher's own
   *     or the space holds a domain this searcher cannot search (naming its path)
   */
  default boolean setSearchProperties(String metric, Mode mode, Map<String, Object> config) {
    return true;
  }

  /**
   * Proposes the config of a new trial.
   *
   * @param trialId the id the runner will give the trial
   * @return the resolved config (a fresh map the runner owns, no domains left in it), or null if
   *     nothing can be proposed now (the runner asks again later; see {@link #isFinished()})
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

  /**
   * Returns the searcher's state (what it suggested and learned) as a JSON-compatible map, for the
   * experiment checkpoint that {@code resume} reads. Default: empty.
   *
   * @return the state
   */
  default Map<String, Object> saveState() {
    return Map.of();
  }

  /**
   * Restores state written by {@link #saveState()}; a resumed experiment then continues the search
   * where it stopped. Default: ignored.
   *
   * @param state the state
   */
  default void restoreState(Map<String, Object> state) {}
}
