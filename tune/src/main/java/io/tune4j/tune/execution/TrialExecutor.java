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

  /**
   * Asks a running trial's actor for a checkpoint, without waiting: the actor saves after the
   * request in flight (if any) and before any later one; the archive arrives as an {@link Event}
   * whose {@link Event#save()} is true and whose reply value is the {@link CheckpointArchive}
   * bytes.
   */
  void requestSave(Trial trial);

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
   * @param save whether this answers {@link #requestSave} (the value is a checkpoint archive)
   */
  record Event(Trial trial, ActorReply reply, ActorReply startError, boolean save) {
    /** A reply to a start or train request. */
    public Event(Trial trial, ActorReply reply, ActorReply startError) {
      this(trial, reply, startError, false);
    }
  }
}
