package io.tune4j.schedulers;

import io.tune4j.search.Mode;
import java.util.Map;

/**
 * Decides which trial runs next and whether running trials continue, pause or stop (Tune's {@code
 * TrialScheduler}). Schedulers decide; the runner acts: they never touch Ray, files or checkpoints.
 *
 * <p><b>Call order</b>, per trial: {@link #onTrialAdd} when the runner adds it (PENDING); then,
 * while RUNNING, {@link #onTrialResult} for every result, whose {@link Decision} the runner applies
 * (PAUSE: the trial becomes PAUSED and may later be chosen again; STOP: it becomes TERMINATED;
 * EXPLOIT: the trial restarts from another trial's checkpoint with a new config, becoming PAUSED
 * until it is chosen again, and keeps its id; the runner does not call {@code onTrialAdd} again). The
 * trial ends with exactly one of: {@link #onTrialComplete} (it finished by itself or met the stop
 * criteria; as in Tune, not called after this scheduler's own STOP, though implementations must
 * tolerate it), {@link #onTrialError} (it failed while RUNNING), or {@link #onTrialRemove} (it was
 * stopped while PENDING or PAUSED). A failed trial that the runner retries is re-announced with
 * {@link #onTrialAdd} before it is PENDING again. {@link #chooseTrialToRun} is called whenever the
 * runner could start a trial.
 *
 * <p><b>Threading</b>: all calls come from the runner's single driver thread; implementations need
 * no locking. Arguments are frozen snapshots; the context is valid only during the call.
 *
 * <pre>{@code
 * Decision d = scheduler.onTrialResult(context, trial, result);
 * }</pre>
 */
public interface TrialScheduler {
  /**
   * Receives the metric and mode given once to {@code Tune.run}. A scheduler built without a
   * metric or mode adopts these; one built with its own keeps them. Called once, before any trial
   * is added. Default: ignores them and returns true (for schedulers that need no metric).
   *
   * @param metric the metric name, or null if {@code Tune.run} got none
   * @param mode whether higher or lower is better, or null if {@code Tune.run} got none
   * @return true if the scheduler now has the metric and mode it needs (or needs none)
   * @throws IllegalArgumentException naming the setting when it conflicts with the scheduler's own
   */
  default boolean setSearchProperties(String metric, Mode mode) {
    return true;
  }

  /**
   * Returns the scheduler's state as a JSON-compatible map (numbers, strings, booleans, lists and
   * maps), for the experiment checkpoint that {@code resume} reads. Default: empty (stateless).
   *
   * @return the state
   */
  default Map<String, Object> saveState() {
    return Map.of();
  }

  /**
   * Restores state written by {@link #saveState()}, before the resumed trials are re-added with
   * {@link #onTrialAdd}. Default: ignored.
   *
   * @param state the state
   */
  default void restoreState(Map<String, Object> state) {}

  /**
   * A trial was added (PENDING), or re-queued after a failure. Default: ignored.
   *
   * @param ctx the runner's view
   * @param trial the trial
   */
  default void onTrialAdd(SchedulerContext ctx, TrialView trial) {}

  /**
   * Decides after an intermediate result of a RUNNING trial.
   *
   * @param ctx the runner's view
   * @param trial the trial, RUNNING, with {@code result} already as its last result
   * @param result the result
   * @return what to do with the trial; never null
   */
  Decision onTrialResult(SchedulerContext ctx, TrialView trial, Map<String, Object> result);

  /**
   * A RUNNING trial finished by itself or met the stop criteria. Default: ignored.
   *
   * @param ctx the runner's view
   * @param trial the trial
   * @param result its last result (empty map if it reported none)
   */
  default void onTrialComplete(SchedulerContext ctx, TrialView trial, Map<String, Object> result) {}

  /**
   * A RUNNING trial failed. Default: ignored.
   *
   * @param ctx the runner's view
   * @param trial the trial
   */
  default void onTrialError(SchedulerContext ctx, TrialView trial) {}

  /**
   * A PENDING or PAUSED trial was stopped and will not run again. Default: ignored.
   *
   * @param ctx the runner's view
   * @param trial the trial
   */
  default void onTrialRemove(SchedulerContext ctx, TrialView trial) {}

  /**
   * Chooses a PENDING or PAUSED trial that fits the free resources. Must be idempotent: without
   * changes in between, two calls return the same answer.
   *
   * @param ctx the runner's view
   * @return the trial id, or null if no trial should start now
   */
  String chooseTrialToRun(SchedulerContext ctx);

  /**
   * Returns waiting (PENDING or PAUSED) trials this scheduler wants stopped, such as HyperBand's
   * losers of a halving that were paused when it happened. The runner asks after each result,
   * stops them (TERMINATED) and calls {@link #onTrialRemove} for each. Default: none.
   *
   * @return trial ids; the runner does not modify the set
   */
  default java.util.Set<String> trialsToStop() {
    return java.util.Set.of();
  }

  /**
   * Returns a description for the status output: its first line names the scheduler, later lines
   * (if any) show its state (brackets, rungs, perturbations).
   *
   * @return e.g. {@code "Using FIFO scheduling algorithm."}
   */
  String debugString();
}
