package io.tune4j.schedulers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link TrialScheduler} wants done with a running trial after one of its results. The
 * scheduler decides; the runner carries the decision out.
 *
 * <pre>{@code
 * if (decision instanceof Decision.Exploit e) {
 *   System.out.println("restart from " + e.sourceTrialId() + "'s checkpoint with " + e.newConfig());
 * } else if (decision instanceof Decision.Continue c && c.checkpoint()) {
 *   System.out.println("save in memory, then keep training");
 * }
 * }</pre>
 */
public sealed interface Decision {
  /** Keep training. */
  Decision CONTINUE = new Continue(false);

  /** Checkpoint, release the resources and wait as PAUSED until chosen again. */
  Decision PAUSE = new Pause();

  /** Stop the trial for good (TERMINATED). */
  Decision STOP = new Stop();

  /**
   * Keep training; with {@code checkpoint} the runner first saves the trial's state in memory, so
   * that other trials can later exploit it (PBT's upper quantile).
   *
   * @param checkpoint whether to save a checkpoint before going on
   */
  record Continue(boolean checkpoint) implements Decision {}

  /** Checkpoint, release the resources and wait as PAUSED until chosen again. */
  record Pause() implements Decision {}

  /** Stop the trial for good (TERMINATED). */
  record Stop() implements Decision {}

  /**
   * Replace this trial's state with another trial's latest checkpoint and go on with a new config
   * (PBT's exploit and explore). The runner stops the trial's current work, copies the source's
   * checkpoint, sets the config and restarts the trial from that checkpoint. When the source has
   * no checkpoint the runner keeps the trial going unchanged and logs why.
   *
   * @param sourceTrialId the trial whose checkpoint is copied; not this trial
   * @param newConfig the config the trial continues with (a full config, not a diff)
   * @param note a short description for logs and the status table, e.g. {@code lr=0.012}
   */
  record Exploit(String sourceTrialId, Map<String, Object> newConfig, String note)
      implements Decision {
    /** Validates and freezes the config. */
    public Exploit {
      Objects.requireNonNull(sourceTrialId, "sourceTrialId");
      newConfig = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(newConfig, "newConfig")));
      note = note == null ? "" : note;
    }
  }

  /**
   * Keep training after saving a checkpoint in memory.
   *
   * @return a {@link Continue} that asks for a checkpoint
   */
  static Decision continueAndCheckpoint() {
    return new Continue(true);
  }
}
