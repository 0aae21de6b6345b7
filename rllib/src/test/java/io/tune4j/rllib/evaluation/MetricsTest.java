package io.tune4j.rllib.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void noEpisodesGivesNaNAndAllKeys() {
    Map<String, Object> r = Metrics.summarizeEpisodes(List.of(), 0, List.of());
    assertEquals(
        List.of(
            "episode_reward_max",
            "episode_reward_min",
            "episode_reward_mean",
            "episode_len_mean",
            "episodes_this_iter",
            "policy_reward_mean",
            "custom_metrics",
            "sampler_perf",
            "num_metric_batches_dropped"),
        new ArrayList<>(r.keySet()));
    assertTrue(Double.isNaN((Double) r.get("episode_reward_mean")));
    assertTrue(Double.isNaN((Double) r.get("episode_reward_max")));
    assertTrue(Double.isNaN((Double) r.get("episode_reward_min")));
    assertTrue(Double.isNaN((Double) r.get("episode_len_mean")));
    assertEquals(0, r.get("episodes_this_iter"));
    assertEquals(Map.of(), r.get("policy_reward_mean"));
    assertEquals(Map.of(), r.get("custom_metrics"));
    assertEquals(Map.of(), r.get("sampler_perf"));
    assertEquals(0, r.get("num_metric_batches_dropped"));
  }

  @Test
  void handExample() {
    List<EpisodeMetrics> eps =
        List.of(
            new EpisodeMetrics(10, 10.0, Map.of("angle", 0.5, "hits", 1.0), Map.of()),
            new EpisodeMetrics(30, 30.0, Map.of("angle", Double.NaN), Map.of()),
            new EpisodeMetrics(20, -4.0, Map.of("angle", 0.1), Map.of()));
    List<SamplerPerf> perfs =
        List.of(new SamplerPerf(100, 1.0, 2.0, 3.0), new SamplerPerf(50, 3.0, 4.0, 5.0),
            SamplerPerf.EMPTY);
    Map<String, Object> r = Metrics.summarizeEpisodes(eps, 2, perfs, 1);
    assertEquals(30.0, r.get("episode_reward_max"));
    assertEquals(-4.0, r.get("episode_reward_min"));
    assertEquals(12.0, (Double) r.get("episode_reward_mean"), 1e-12);
    assertEquals(20.0, (Double) r.get("episode_len_mean"), 1e-12);
    assertEquals(2, r.get("episodes_this_iter"));
    assertEquals(1, r.get("num_metric_batches_dropped"));
    @SuppressWarnings("unchecked")
    Map<String, Double> cm = (Map<String, Double>) r.get("custom_metrics");
    assertTrue(Double.isNaN(cm.get("angle_mean")), "mean includes NaN as numpy does");
    assertEquals(0.1, cm.get("angle_min"));
    assertEquals(0.5, cm.get("angle_max"));
    assertEquals(1.0, cm.get("hits_mean"));
    assertEquals(1.0, cm.get("hits_min"));
    assertEquals(1.0, cm.get("hits_max"));
    assertEquals(6, cm.size());
    assertEquals(
        Map.of("mean_env_wait_ms", 2.0, "mean_processing_ms", 3.0, "mean_inference_ms", 4.0),
        r.get("sampler_perf"));
  }

  @Test
  void customMetricAllNaNGivesNaNMinMax() {
    Map<String, Object> r =
        Metrics.summarizeEpisodes(
            List.of(new EpisodeMetrics(1, 1, Map.of("x", Double.NaN), Map.of())), 1, List.of());
    @SuppressWarnings("unchecked")
    Map<String, Double> cm = (Map<String, Double>) r.get("custom_metrics");
    assertTrue(Double.isNaN(cm.get("x_min")) && Double.isNaN(cm.get("x_max")));
  }

  @Test
  void policyRewardMeanSkipsDefaultPolicy() {
    List<EpisodeMetrics> eps =
        List.of(
            new EpisodeMetrics(5, 3, Map.of(), Map.of("default_policy", 3.0)),
            new EpisodeMetrics(5, 7, Map.of(), Map.of("pol1", 4.0, "pol2", 3.0)),
            new EpisodeMetrics(5, 2, Map.of(), Map.of("pol1", 2.0)));
    Map<String, Object> r = Metrics.summarizeEpisodes(eps, 3, List.of());
    assertEquals(Map.of("pol1", 3.0, "pol2", 3.0), r.get("policy_reward_mean"));
  }

  @Test
  void windowKeepsAllNewEpisodesAndTopsUpFromHistory() {
    MetricsWindow w = new MetricsWindow(3);
    Map<String, Object> r1 =
        w.collect(List.of(new EpisodeMetrics(1, 1), new EpisodeMetrics(1, 2)), List.of(), 0);
    assertEquals(1.5, r1.get("episode_reward_mean"));
    // 4 new episodes > window: all 4 summarised, no history
    Map<String, Object> r2 =
        w.collect(
            List.of(new EpisodeMetrics(1, 10), new EpisodeMetrics(1, 20),
                new EpisodeMetrics(1, 30), new EpisodeMetrics(1, 40)),
            List.of(), 0);
    assertEquals(25.0, r2.get("episode_reward_mean"));
    assertEquals(4, r2.get("episodes_this_iter"));
    // none new: last 3 of history (20, 30, 40)
    Map<String, Object> r3 = w.collect(List.of(), List.of(), 0);
    assertEquals(30.0, r3.get("episode_reward_mean"));
    assertEquals(0, r3.get("episodes_this_iter"));
    // one new (100) + 2 most recent (30, 40)
    Map<String, Object> r4 = w.collect(List.of(new EpisodeMetrics(1, 100)), List.of(), 0);
    assertEquals(170.0 / 3, (Double) r4.get("episode_reward_mean"), 1e-12);
    assertEquals(3, w.history().size());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new MetricsWindow(0));
    assertTrue(e.getMessage().contains("metrics_smoothing_episodes"));
  }
}
