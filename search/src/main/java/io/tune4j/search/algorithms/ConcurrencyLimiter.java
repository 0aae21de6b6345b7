package io.tune4j.search.algorithms;

import io.tune4j.search.Mode;
import io.tune4j.search.Searcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Caps the number of live trials of another searcher (Tune 2.x's {@code ConcurrencyLimiter}):
 * {@link #suggest} returns null while {@code maxConcurrent} suggested trials have not completed,
 * so a model-based searcher sees more results before it suggests again. Everything else is
 * forwarded to the wrapped searcher.
 *
 * <pre>{@code
 * Searcher searcher = new ConcurrencyLimiter(TpeSearcher.builder().build(), 4);
 * }</pre>
 *
 * <p>Not included from Tune: the {@code batch=True} mode that waits for a whole batch to finish.
 */
public final class ConcurrencyLimiter implements Searcher {
  private final Searcher inner;
  private final int maxConcurrent;
  private final Set<String> live = new LinkedHashSet<>();

  /**
   * Wraps a searcher.
   *
   * @param inner the searcher to limit
   * @param maxConcurrent the most trials that may be live at once, at least 1
   * @throws IllegalArgumentException if {@code maxConcurrent} is below 1
   */
  public ConcurrencyLimiter(Searcher inner, int maxConcurrent) {
    this.inner = Objects.requireNonNull(inner, "inner");
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException(
          "max_concurrent must be >= 1, got max_concurrent=" + maxConcurrent);
    }
    this.maxConcurrent = maxConcurrent;
  }

  /**
   * Returns the wrapped searcher.
   *
   * @return the searcher given to the constructor
   */
  public Searcher inner() {
    return inner;
  }

  /**
   * Returns the limit.
   *
   * @return the most trials live at once
   */
  public int maxConcurrent() {
    return maxConcurrent;
  }

  /**
   * Returns how many suggested trials have not completed yet.
   *
   * @return the number of live trials
   */
  public int liveTrials() {
    return live.size();
  }

  @Override
  public boolean setSearchProperties(String metric, Mode mode, Map<String, Object> config) {
    return inner.setSearchProperties(metric, mode, config);
  }

  /**
   * Asks the wrapped searcher, unless {@code maxConcurrent} trials are live.
   *
   * @param trialId the id the runner will give the trial
   * @return the wrapped searcher's config, or null at the limit (or if it returned null)
   */
  @Override
  public Map<String, Object> suggest(String trialId) {
    if (live.size() >= maxConcurrent) {
      return null;
    }
    Map<String, Object> config = inner.suggest(trialId);
    if (config != null) {
      live.add(trialId);
    }
    return config;
  }

  @Override
  public void onTrialResult(String trialId, Map<String, Object> result) {
    inner.onTrialResult(trialId, result);
  }

  /** Frees the trial's slot (if it was live) and forwards the completion. */
  @Override
  public void onTrialComplete(String trialId, Map<String, Object> result, boolean error) {
    live.remove(trialId);
    inner.onTrialComplete(trialId, result, error);
  }

  @Override
  public boolean isFinished() {
    return inner.isFinished();
  }

  /**
   * Returns the live trial ids and the wrapped searcher's state.
   *
   * @return {@code {"live": [...], "max_concurrent": n, "inner": {...}}}
   */
  @Override
  public Map<String, Object> saveState() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("live", new ArrayList<Object>(live));
    state.put("max_concurrent", maxConcurrent);
    state.put("inner", inner.saveState());
    return state;
  }

  /**
   * Restores the live trial ids and the wrapped searcher's state; the limit stays as constructed.
   *
   * @param state a map written by {@link #saveState()}
   */
  @Override
  @SuppressWarnings("unchecked")
  public void restoreState(Map<String, Object> state) {
    live.clear();
    for (Object id : (List<Object>) state.getOrDefault("live", List.of())) {
      live.add(String.valueOf(id));
    }
    Object innerState = state.get("inner");
    if (innerState instanceof Map<?, ?>) {
      inner.restoreState((Map<String, Object>) innerState);
    }
  }
}
