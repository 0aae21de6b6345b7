package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.util.DeveloperApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns episode metrics into the episode part of a training result, with RLlib's keys and
 * semantics ({@code summarize_episodes}).
 *
 * <pre>{@code
 * Map<String, Object> r = Metrics.summarizeEpisodes(window, newCount, perfs);
 * double mean = (Double) r.get("episode_reward_mean");   // NaN before the first episode ends
 * }</pre>
 */
@DeveloperApi
public final class Metrics {
  /** Policy id whose per-policy rewards are left out of {@code policy_reward_mean}. */
  public static final String DEFAULT_POLICY_ID = "default_policy";

  private Metrics() {}

  /** {@link #summarizeEpisodes(List, int, List, int)} with no dropped metric batches. */
  public static Map<String, Object> summarizeEpisodes(
      List<EpisodeMetrics> episodes, int newEpisodes, List<SamplerPerf> perfs) {
    return summarizeEpisodes(episodes, newEpisodes, perfs, 0);
  }

  /**
   * Summarises episodes.
   *
   * @param episodes the smoothing window: this iteration's episodes plus enough earlier ones
   * @param newEpisodes how many episodes finished this iteration ({@code episodes_this_iter})
   * @param perfs sampler timings of the workers polled this iteration (averaged per key; workers
   *     that took no steps are skipped)
   * @param numDropped workers whose metrics did not arrive in time
   * @return {@code episode_reward_max/min/mean}, {@code episode_len_mean} (NaN without episodes),
   *     {@code episodes_this_iter}, {@code policy_reward_mean}, {@code custom_metrics} ({@code
   *     <name>_mean} over all values, {@code <name>_min}/{@code _max} skipping NaN), {@code
   *     sampler_perf}, {@code num_metric_batches_dropped}
   */
  public static Map<String, Object> summarizeEpisodes(
      List<EpisodeMetrics> episodes, int newEpisodes, List<SamplerPerf> perfs, int numDropped) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sumReward = 0;
    double sumLength = 0;
    Map<String, List<Double>> policyRewards = new LinkedHashMap<>();
    Map<String, List<Double>> custom = new LinkedHashMap<>();
    for (EpisodeMetrics e : episodes) {
      min = Math.min(min, e.totalReward());
      max = Math.max(max, e.totalReward());
      sumReward += e.totalReward();
      sumLength += e.length();
      for (Map.Entry<String, Double> c : e.customMetrics().entrySet()) {
        custom.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(c.getValue());
      }
      for (Map.Entry<String, Double> p : e.agentRewards().entrySet()) {
        if (!p.getKey().equals(DEFAULT_POLICY_ID)) {
          policyRewards.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue());
        }
      }
    }
    int n = episodes.size();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("episode_reward_max", n == 0 ? Double.NaN : max);
    out.put("episode_reward_min", n == 0 ? Double.NaN : min);
    out.put("episode_reward_mean", n == 0 ? Double.NaN : sumReward / n);
    out.put("episode_len_mean", n == 0 ? Double.NaN : sumLength / n);
    out.put("episodes_this_iter", newEpisodes);

    Map<String, Double> policyMeans = new LinkedHashMap<>();
    policyRewards.forEach((k, v) -> policyMeans.put(k, mean(v)));
    out.put("policy_reward_mean", policyMeans);

    Map<String, Double> customOut = new LinkedHashMap<>();
    custom.forEach(
        (k, v) -> {
          customOut.put(k + "_mean", mean(v));
          double lo = Double.NaN;
          double hi = Double.NaN;
          for (double x : v) {
            if (!Double.isNaN(x)) {
              lo = Double.isNaN(lo) ? x : Math.min(lo, x);
              hi = Double.isNaN(hi) ? x : Math.max(hi, x);
            }
          }
          customOut.put(k + "_min", lo);
          customOut.put(k + "_max", hi);
        });
    out.put("custom_metrics", customOut);
    out.put("sampler_perf", meanPerf(perfs));
    out.put("num_metric_batches_dropped", numDropped);
    return out;
  }

  /** Per-key mean of the timings of the samplers that took steps; empty if none did. */
  static Map<String, Double> meanPerf(List<SamplerPerf> perfs) {
    double env = 0;
    double proc = 0;
    double inf = 0;
    int k = 0;
    for (SamplerPerf p : perfs) {
      if (p != null && p.steps() > 0) {
        env += p.meanEnvWaitMs();
        proc += p.meanProcessingMs();
        inf += p.meanInferenceMs();
        k++;
      }
    }
    if (k == 0) {
      return new LinkedHashMap<>();
    }
    return new SamplerPerf(k, env / k, proc / k, inf / k).toMap();
  }

  private static double mean(List<Double> v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return v.isEmpty() ? Double.NaN : s / v.size();
  }
}
