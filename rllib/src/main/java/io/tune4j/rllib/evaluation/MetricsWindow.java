package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.util.DeveloperApi;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Smooths episode metrics over iterations (RLlib's {@code collect_metrics} with {@code
 * metrics_smoothing_episodes}): each iteration summarises all of its new episodes, topped up with
 * the most recent earlier ones until the window holds {@code smoothingEpisodes}.
 *
 * <pre>{@code
 * MetricsWindow window = new MetricsWindow(100);
 * Map<String, Object> result = window.collect(newEpisodes, perfs, 0);
 * }</pre>
 *
 * <p>Not thread-safe; owned by the trainer.
 */
@DeveloperApi
public final class MetricsWindow {
  /** RLlib's default {@code metrics_smoothing_episodes}. */
  public static final int DEFAULT_SMOOTHING_EPISODES = 100;

  private final int smoothingEpisodes;
  private final ArrayDeque<EpisodeMetrics> history = new ArrayDeque<>();

  /** A window of {@value #DEFAULT_SMOOTHING_EPISODES} episodes. */
  public MetricsWindow() {
    this(DEFAULT_SMOOTHING_EPISODES);
  }

  /**
   * Creates a window.
   *
   * @param smoothingEpisodes the {@code metrics_smoothing_episodes} config value, at least 1
   * @throws IllegalArgumentException if it is smaller than 1
   */
  public MetricsWindow(int smoothingEpisodes) {
    if (smoothingEpisodes < 1) {
      throw new IllegalArgumentException(
          "metrics_smoothing_episodes must be >= 1, got " + smoothingEpisodes);
    }
    this.smoothingEpisodes = smoothingEpisodes;
  }

  /**
   * Adds this iteration's episodes and summarises the window.
   *
   * @param newEpisodes episodes finished since the last call, from all workers
   * @param perfs sampler timings of the polled workers
   * @param numDropped workers whose metrics did not arrive
   * @return the result keys of {@link Metrics#summarizeEpisodes(List, int, List, int)}
   */
  public Map<String, Object> collect(
      List<EpisodeMetrics> newEpisodes, List<SamplerPerf> perfs, int numDropped) {
    List<EpisodeMetrics> window = new ArrayList<>(newEpisodes);
    int missing = smoothingEpisodes - newEpisodes.size();
    if (missing > 0) {
      int skip = Math.max(0, history.size() - missing);
      Iterator<EpisodeMetrics> it = history.iterator();
      for (int i = 0; it.hasNext(); i++) {
        EpisodeMetrics e = it.next();
        if (i >= skip) {
          window.add(e);
        }
      }
    }
    history.addAll(newEpisodes);
    while (history.size() > smoothingEpisodes) {
      history.removeFirst();
    }
    return Metrics.summarizeEpisodes(window, newEpisodes.size(), perfs, numDropped);
  }

  /** The most recent episodes kept, oldest first (at most {@code smoothingEpisodes}). */
  public List<EpisodeMetrics> history() {
    return List.copyOf(history);
  }

  /** The window size. */
  public int smoothingEpisodes() {
    return smoothingEpisodes;
  }
}
