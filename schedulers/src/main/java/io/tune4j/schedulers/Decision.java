package io.tune4j.schedulers;

/** What a {@link TrialScheduler} wants done with a running trial after one of its results. */
public enum Decision {
  /** Keep training. */
  CONTINUE,
  /** Checkpoint, release the resources and wait as PAUSED until chosen again. */
  PAUSE,
  /** Stop the trial for good (TERMINATED). */
  STOP
}
