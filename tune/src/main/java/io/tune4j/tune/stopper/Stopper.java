package io.tune4j.tune.stopper;

import java.util.Map;

/**
 * Decides when trials, or the whole experiment, stop (Tune 2.x's {@code Stopper}). Called on the
 * runner's driver thread after every result.
 */
@FunctionalInterface
public interface Stopper {

  /** Whether the trial that produced {@code result} should stop. */
  boolean shouldStopTrial(String trialId, Map<String, Object> result);

  /** Whether every trial should stop now (checked after each result). */
  default boolean shouldStopAll() {
    return false;
  }
}
