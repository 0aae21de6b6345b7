package io.tune4j.schedulers;

/**
 * The life-cycle state of a trial, as in Tune's {@code Trial}: PENDING until started, RUNNING,
 * possibly PAUSED (and later resumed), and finally TERMINATED or ERROR.
 */
public enum TrialStatus {
  /** Created, waiting for resources. */
  PENDING,
  /** Holding resources and producing results. */
  RUNNING,
  /** Stopped with its state saved; may be resumed. */
  PAUSED,
  /** Finished (by itself, by stop criteria, or stopped by a scheduler). */
  TERMINATED,
  /** Failed. */
  ERROR;

  /**
   * Tells whether the trial is finished for good (unless the runner re-queues it).
   *
   * @return true for TERMINATED and ERROR
   */
  public boolean isFinished() {
    return this == TERMINATED || this == ERROR;
  }
}
