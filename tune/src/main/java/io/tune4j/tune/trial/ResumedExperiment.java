package io.tune4j.tune.trial;

import io.tune4j.schedulers.TrialStatus;
import io.tune4j.tune.TuneException;
import io.tune4j.tune.checkpoint.Checkpoint;
import io.tune4j.tune.checkpoint.CheckpointManager;
import io.tune4j.tune.logger.ResultFiles;
import io.tune4j.tune.trainable.TrainableFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An experiment read back from its directory for {@code resume}: the trials of the newest {@code
 * experiment_state-*.json} and the searcher's and scheduler's state. Finished trials stay
 * finished; RUNNING, PAUSED and PENDING trials become PENDING and restart from their newest
 * complete checkpoint found in their directory (the state file may be older than it), or from
 * scratch, with their result files cut back to that checkpoint; errored trials are retried only
 * on request. As in Tune, changes to the experiment's spec are ignored for existing trials.
 *
 * <pre>{@code
 * ResumedExperiment r = ResumedExperiment.load(experimentDir, "PPO", factory, false);
 * }</pre>
 *
 * @param trials the trials, in their original order
 * @param runnerData the searcher's ({@code searcher}) and scheduler's ({@code scheduler}) state
 * @param stateFile the state file read
 */
public record ResumedExperiment(List<Trial> trials, Map<String, Object> runnerData, Path stateFile) {

  /**
   * Reads the newest state of {@code experimentDir}.
   *
   * @param retryErrored whether trials that ended in ERROR run again (from their checkpoints)
   * @throws TuneException when the directory holds no experiment state, naming it
   */
  @SuppressWarnings("unchecked")
  public static ResumedExperiment load(
      Path experimentDir, String trainableName, TrainableFactory factory, boolean retryErrored) {
    Path file = ExperimentState.newest(experimentDir);
    if (file == null) {
      throw new TuneException("resume: no experiment_state-*.json in " + experimentDir
          + " (nothing to resume; run without resume to start the experiment)");
    }
    Map<String, Object> state = ExperimentState.read(file);
    List<Trial> trials = new ArrayList<>();
    for (Object o : (List<Object>) state.getOrDefault("checkpoints", List.of())) {
      trials.add(trial((Map<String, Object>) o, trainableName, factory, retryErrored, file));
    }
    Map<String, Object> runner =
        state.get("runner_data") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    return new ResumedExperiment(trials, runner, file);
  }

  @SuppressWarnings("unchecked")
  private static Trial trial(
      Map<String, Object> row, String trainableName, TrainableFactory factory, boolean retryErrored, Path file) {
    String id = String.valueOf(row.get("trial_id"));
    String where = file + ", trial " + id;
    Resources resources = row.get("resources") instanceof Map<?, ?> r
        ? Resources.parse((Map<String, ?>) r, where) : Resources.defaults();
    int index = row.get("index") instanceof Number n ? n.intValue() : 0;
    Trial t = new Trial(id, trainableName, factory, index, (String) row.get("experiment_tag"),
        ExperimentState.config(row), Map.of(), resources);
    if (row.get("trial_name") instanceof String name) {
      t.setName(name);
    }
    String status = String.valueOf(row.get("status"));
    Path logdir = row.get("logdir") instanceof String d ? Path.of(d) : null;
    if (logdir != null && Files.isDirectory(logdir)) {
      t.setLogdir(logdir);
    }
    t.setCheckpoints(found(t.logdir()));
    boolean errored = "ERROR".equals(status);
    if (errored && row.get("error_message") instanceof String msg) {
      t.setError((String) row.get("error_file"), msg);
    }
    if ("TERMINATED".equals(status) || (errored && !retryErrored)) {
      if (t.logdir() != null) {
        t.setNumResults(ResultFiles.count(t.logdir()));
        Map<String, Object> last = ResultFiles.lastResult(t.logdir());
        t.setLastResult(last == null ? Map.of() : last);
      }
      t.setStatus(TrialStatus.valueOf(status));
      return t;
    }
    rewind(t, t.checkpoints().latestOnDisk());
    return t;
  }

  /** The complete checkpoints in a trial directory, oldest first (keeping all of them). */
  private static CheckpointManager found(Path logdir) {
    CheckpointManager m = new CheckpointManager(0, null);
    if (logdir == null) {
      return m;
    }
    List<Checkpoint> list = new ArrayList<>();
    try (Stream<Path> s = Files.list(logdir)) {
      for (Path p : s.toList()) {
        if (p.getFileName().toString().startsWith("checkpoint_") && Files.isDirectory(p)) {
          Checkpoint c = Checkpoint.read(p);
          if (c != null) {
            list.add(c);
          }
        }
      }
    } catch (IOException e) {
      throw new TuneException("resume: cannot list " + logdir + ": " + e, e);
    }
    list.sort(Comparator.comparingInt(Checkpoint::resultCount));
    for (Checkpoint c : list) {
      m.add(c);
    }
    return m;
  }
  /**
   * Makes {@code t} restart from {@code c} (null: from scratch): its result files keep only the
   * results logged before {@code c} was saved, so no iteration is logged twice.
   */
  static void rewind(Trial t, Checkpoint c) {
    int keep = c == null ? 0 : c.resultCount();
    if (t.logdir() != null) {
      ResultFiles.truncate(t.logdir(), keep);
      Map<String, Object> last = keep == 0 ? null : ResultFiles.lastResult(t.logdir());
      t.setLastResult(last == null ? Map.of() : last);
    } else {
      t.setLastResult(Map.of());
    }
    t.setNumResults(keep);
    t.checkpoints().dropNewerThan(keep);
    t.setRestoreFrom(c);
  }

}
