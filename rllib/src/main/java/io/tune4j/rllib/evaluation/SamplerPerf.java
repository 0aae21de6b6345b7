package io.tune4j.rllib.evaluation;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a sampler's time went, per vector step (one step of every env), since the previous poll
 * (RLlib's {@code sampler_perf}).
 *
 * @param steps vector steps measured
 * @param meanEnvWaitMs mean milliseconds in {@code env.step} and resets
 * @param meanProcessingMs mean milliseconds in preprocessing, filtering, batch building,
 *     postprocessing and callbacks
 * @param meanInferenceMs mean milliseconds in {@code policy.computeActions}
 */
public record SamplerPerf(
    long steps, double meanEnvWaitMs, double meanProcessingMs, double meanInferenceMs)
    implements Serializable {

  /** No steps measured. */
  public static final SamplerPerf EMPTY = new SamplerPerf(0, 0, 0, 0);

  /** The result keys RLlib uses: {@code mean_env_wait_ms}, {@code mean_processing_ms}, ... */
  public Map<String, Double> toMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("mean_env_wait_ms", meanEnvWaitMs);
    m.put("mean_processing_ms", meanProcessingMs);
    m.put("mean_inference_ms", meanInferenceMs);
    return m;
  }
}
