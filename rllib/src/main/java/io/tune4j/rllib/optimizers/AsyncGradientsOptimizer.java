package io.tune4j.rllib.optimizers;

import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.policy.Policy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RLlib 2019's {@code AsyncGradientsOptimizer} (A3C's strategy): every remote worker samples a
 * batch and computes gradients on it with its copy of the weights; the driver applies each
 * gradient to the local policy as soon as it arrives (whichever worker finishes first, {@link
 * TaskPool}) and sends fresh weights back to that worker only, which starts its next batch. One
 * {@link #step()} applies {@code grads_per_step} gradients.
 */
public final class AsyncGradientsOptimizer implements PolicyOptimizer {
  private final WorkerSet workers;
  private final int gradsPerStep;
  private long stepsSampled;

  /**
   * An optimizer over {@code workers}, which needs at least one remote worker.
   *
   * @param gradsPerStep gradients applied per step ({@code grads_per_step})
   */
  public AsyncGradientsOptimizer(WorkerSet workers, int gradsPerStep) {
    if (workers.numRemoteWorkers() < 1) {
      throw new IllegalArgumentException("asynchronous gradients need num_workers >= 1, got 0");
    }
    if (gradsPerStep < 1) {
      throw new IllegalArgumentException("grads_per_step must be >= 1, got " + gradsPerStep);
    }
    this.workers = workers;
    this.gradsPerStep = gradsPerStep;
  }

  @Override
  public StepOutcome step() {
    long t0 = System.nanoTime();
    Policy local = workers.localWorker().getPolicy();
    byte[] weights = local.getWeights();
    TaskPool<byte[]> pool = new TaskPool<>();
    int launched = 0;
    for (int i = 1; i <= workers.numRemoteWorkers() && launched < gradsPerStep; i++) {
      workers.setWeightsAsync(i, weights).discard();
      pool.add(i, workers.computeGradientsAsync(i));
      launched++;
    }
    long sampled = 0;
    long applyNanos = 0;
    Map<String, Object> stats = Map.of();
    while (pool.count() > 0) {
      for (TaskPool.Done<byte[]> d : pool.completed(3_600_000)) {
        if (d.failed()) {
          pool.clear();
          throw d.error();
        }
        long a = System.nanoTime();
        Policy.Gradients g = Policy.Gradients.decode(d.value());
        local.applyGradients(g);
        applyNanos += System.nanoTime() - a;
        Map<String, Object> s = new LinkedHashMap<>(g.stats());
        sampled += ((Number) s.remove("batch_count")).longValue();
        stats = s;
        if (launched < gradsPerStep) {
          workers.setWeightsAsync(d.worker(), local.getWeights()).discard();
          pool.add(d.worker(), workers.computeGradientsAsync(d.worker()));
          launched++;
        }
      }
    }
    stepsSampled += sampled;
    local.onGlobalVarUpdate(stepsSampled);
    Map<String, Object> timings = new LinkedHashMap<>();
    timings.put("wait_time_ms", ((System.nanoTime() - t0) - applyNanos) / 1e6);
    timings.put("apply_time_ms", applyNanos / 1e6);
    return new StepOutcome(sampled, sampled, stats, timings);
  }

  @Override
  public void setGlobalTimestep(long steps) {
    stepsSampled = steps;
  }
}
