package io.tune4j.tune.execution;

import io.tune4j.tune.trial.Resources;
import io.tune4j.tune.trial.Trial;

/**
 * Runs trials somewhere (Ray actors). The runner calls it from its single driver thread; the
 * executor never decides anything, it only acts.
 */
public interface TrialExecutor extends AutoCloseable {

  /** Whether trials run as threads of this JVM (resources are then not enforced by Ray). */
  default boolean embedded() {
    return false;
  }

  /** The cluster's total resources (CPUs, GPUs, custom). */
  Resources totalResources();

  /** Starts hosting {@code trial} and requests its first results (asynchronously). */
  void startTrial(Trial trial, TrialSpec spec, int maxResults, long bufferNanos);

  /** Requests the next results of a running trial (asynchronously). */
  void requestResults(Trial trial, int maxResults, long bufferNanos);

  /**
   * Waits up to {@code timeoutMs} for one in-flight request to finish.
   *
   * @return the trial and its reply, or null on timeout or when nothing is in flight
   */
  Event nextEvent(long timeoutMs);

  /** Saves a checkpoint of a running trial into {@code dir} (synchronously). */
  ActorReply save(Trial trial, String dir);

  /** Stops a trial's work and releases its actor (to the pool when reused). */
  void stopTrial(Trial trial, boolean reuse);

  /** Whether any request is in flight. */
  boolean hasInFlight();

  /** Stops every actor this executor holds. */
  @Override
  void close();

  /**
   * A finished request.
   *
   * @param trial the trial it belongs to
   * @param reply the actor's reply to the train request
   * @param startError the reply to the trial's start request if that failed, else null
   */
  record Event(Trial trial, ActorReply reply, ActorReply startError) {}
}
