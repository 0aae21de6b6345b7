package io.tune4j.rllib.evaluation;

/**
 * A sampler's timing counters (nanoseconds over {@code steps} steps), handed out as a {@link
 * SamplerPerf} of per-step means and reset by {@link #poll()}. Shared by {@link Sampler} and
 * {@link MultiAgentSampler}; used by one thread.
 */
final class PerfCounters {
  long steps;
  long envWaitNs;
  long processingNs;
  long inferenceNs;

  /** Per-step means in milliseconds since the last call, then zeroes the counters. */
  SamplerPerf poll() {
    if (steps == 0) {
      return SamplerPerf.EMPTY;
    }
    double k = 1e6 * steps;
    SamplerPerf p = new SamplerPerf(steps, envWaitNs / k, processingNs / k, inferenceNs / k);
    steps = 0;
    envWaitNs = 0;
    processingNs = 0;
    inferenceNs = 0;
    return p;
  }
}
