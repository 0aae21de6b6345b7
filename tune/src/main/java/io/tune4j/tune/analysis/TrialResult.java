package io.tune4j.tune.analysis;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a finished experiment knows about one trial.
 *
 * @param trialId Tune's trial id
 * @param name the trial name
 * @param status the final status name (TERMINATED, ERROR, ...)
 * @param config the resolved config
 * @param lastResult the last result (empty if none)
 * @param logdir the trial directory (null if never created)
 * @param checkpoint the latest checkpoint path, or null
 * @param errorFile the error file, or null
 * @param errorMessage the first line of the error, or null
 * @param startMillis wall-clock start (epoch ms), or -1
 * @param endMillis wall-clock end (epoch ms), or -1
 */
public record TrialResult(
    String trialId,
    String name,
    String status,
    Map<String, Object> config,
    Map<String, Object> lastResult,
    Path logdir,
    String checkpoint,
    String errorFile,
    String errorMessage,
    long startMillis,
    long endMillis) {

  /** {@link #status} as the enum. */
  public io.tune4j.schedulers.TrialStatus trialStatus() {
    return io.tune4j.schedulers.TrialStatus.valueOf(status);
  }
}
