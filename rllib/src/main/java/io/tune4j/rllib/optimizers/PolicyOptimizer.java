package io.tune4j.rllib.optimizers;

import io.tune4j.rllib.util.DeveloperApi;
import java.util.Map;

/**
 * An algorithm's distribution strategy (RLlib 2019's {@code PolicyOptimizer}): how sampling on the
 * rollout workers and learning on the local policy are interleaved. A trainer makes one in {@code
 * makeOptimizer(workers, config)} and calls {@link #step()} once or more per training iteration,
 * from one thread.
 *
 * <pre>{@code
 * PolicyOptimizer opt = new SyncSamplesOptimizer(workers, 4000);
 * StepOutcome out = opt.step();   // sample 4000 steps on the workers, learn once
 * }</pre>
 */
@DeveloperApi
public interface PolicyOptimizer {

  /** Runs one round of sampling and learning. */
  StepOutcome step();

  /** The optimizer's own counters and timings for the result's {@code info} (may be empty). */
  default Map<String, Object> stats() {
    return Map.of();
  }

  /**
   * Sets the env steps sampled so far, which the optimizer passes to the policies' {@code
   * onGlobalVarUpdate} (after a trainer restores a checkpoint). The default ignores it.
   */
  default void setGlobalTimestep(long stepsSampled) {}

  /** Env steps sampled so far (RLlib's {@code num_steps_sampled}); 0 when not tracked. */
  default long numStepsSampled() {
    return 0;
  }

  /** Rows trained on so far (RLlib's {@code num_steps_trained}); 0 when not tracked. */
  default long numStepsTrained() {
    return 0;
  }

  /**
   * The lock a caller takes before touching the local policy while the optimizer may be learning
   * on another thread (a learner thread); strategies that learn on the caller's thread return
   * themselves.
   */
  default Object policyLock() {
    return this;
  }

  /** Whether this strategy trains multi-agent workers (several policies); false by default. */
  default boolean supportsMultiAgent() {
    return false;
  }

  /** Releases what the optimizer holds (threads, replay actors); called when the trainer stops. */
  default void stop() {}

  /** The optimizer's state for checkpoints (null when it keeps none beyond the policy's). */
  default byte[] saveState() {
    return null;
  }

  /** Restores what {@link #saveState()} returned. */
  default void restoreState(byte[] state) {}
}
