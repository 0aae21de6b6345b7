package io.tune4j.tune;

import io.tune4j.tune.analysis.ExperimentAnalysis;

/** Thrown by {@code Tune.run} when trials failed and {@code raise_on_failed_trial} is on. */
public final class TrialsFailedException extends TuneException {
  private static final long serialVersionUID = 1L;
  private final transient ExperimentAnalysis analysis;

  /** Creates the exception for a finished experiment. */
  public TrialsFailedException(String message, ExperimentAnalysis analysis) {
    super(message);
    this.analysis = analysis;
  }

  /** Everything the experiment produced, failed trials included. */
  public ExperimentAnalysis analysis() {
    return analysis;
  }
}
