package io.tune4j.tune.trial;

import io.tune4j.schedulers.Decision;
import io.tune4j.schedulers.TrialScheduler;
import io.tune4j.schedulers.TrialStatus;
import io.tune4j.search.Searcher;
import io.tune4j.tune.TuneException;
import io.tune4j.tune.checkpoint.Checkpoint;
import io.tune4j.tune.checkpoint.CheckpointManager;
import io.tune4j.tune.execution.TrialExecutor;
import io.tune4j.tune.execution.TrialSpec;
import io.tune4j.tune.progress.StatusTable;
import io.tune4j.tune.trainable.FunctionTrainable;
import io.tune4j.tune.trainable.TrainableContext;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Tune's event loop on the driver thread. It asks the searcher for a trial when one can start,
 * starts trials while their resources fit ({@link ResourceLedger}), services one reply at a time,
 * asks the stopper, scheduler and searcher about each result, logs it, and carries out the
 * scheduler's {@link Decision}: continue (saving first if asked), pause, stop, or exploit another
 * trial's checkpoint. Checkpoints are requested from trial actors without waiting; a trial that
 * must pause or finish after a save does so when the save arrives. A failed trial restarts from
 * its latest checkpoint (or from scratch) up to {@code max_failures} times, with its result files
 * cut back to that checkpoint. The experiment state is written during the run (throttled to about
 * 5 % of wall time) and at the end, so a killed driver can be resumed. Only this class and the
 * executor touch files and actors.
 */
public final class TrialRunner {
  private static final Logger LOG = Logger.getLogger(TrialRunner.class.getName());
  private static final long STATUS_INTERVAL_NANOS = 5_000_000_000L;

  private final ExperimentPlan plan;
  private final TrialScheduler scheduler;
  private final Searcher searcher;
  private final TrialExecutor executor;
  private final PrintStream out;
  private final TrialTable table;
  private final List<Trial> trials;
  private final ResourceLedger ledger;
  private final TrialDirs dirs;
  private int pendingCount;
  private final TrialSource source;
  private long lastStatusNanos;
  private final long startNanos = System.nanoTime();
  private boolean budgetExceeded;
  private final StateWriter state;
  private boolean trialsChanged;

  /** Creates a runner for {@code plan} on {@code executor}. */
  public TrialRunner(ExperimentPlan plan, TrialScheduler scheduler, TrialExecutor executor, String sessionDate) {
    this.plan = plan;
    this.scheduler = scheduler;
    this.searcher = plan.searcher();
    this.executor = executor;
    this.out = plan.out();
    this.ledger = new ResourceLedger(executor.totalResources(), executor.embedded());
    this.dirs = new TrialDirs(plan.experimentDir(), plan.loggers());
    this.source = new TrialSource(plan, ledger);
    this.table = new TrialTable(ledger);
    this.trials = table.list();
    this.state = new StateWriter(plan.experimentDir(), sessionDate, plan.checkpointPeriodS());
  }

  /** Runs the experiment to completion and returns every trial. */
  public List<Trial> run() {
    try {
      if (plan.resumed() != null) {
        adoptResumed(plan.resumed());
      }
      if (plan.verbose() >= 1) {
        out.print(status(0));
      }
      lastStatusNanos = System.nanoTime();
      loop();
    } finally {
      dirs.closeAll();
      executor.close();
      writeState();
    }
    if (plan.verbose() >= 1) {
      out.print(status(0));
    }
    return trials;
  }

  /** The experiment-state writes of the run: {@code state_writes} and {@code state_write_s}. */
  public Map<String, Object> stateStats() {
    return Map.of("state_writes", state.writes(), "state_write_s", state.seconds());
  }

  private void adoptResumed(List<Trial> resumed) {
    for (Trial t : resumed) {
      table.add(t);
      t.setCheckpoints(retention(t.checkpoints()));
      source.resumedUpTo(t.index());
      if (t.status() == TrialStatus.PENDING) {
        pendingCount++;
        scheduler.onTrialAdd(table, t.view());
      }
    }
  }

  /** The experiment's retention, taking over checkpoints a resumed trial found on disk. */
  private CheckpointManager retention(CheckpointManager found) {
    return CheckpointManager.adopting(plan.keepCheckpointsNum(), plan.checkpointScoreAttr(), found);
  }

  private void loop() {
    while (true) {
      createTrials();
      startTrials();
      if (!executor.hasInFlight()) {
        if (pendingCount == 0 && searchFinished() && !hasPaused()) {
          return;
        }
        if (ledger.running() == 0) {
          if (!failUnstartable()) {
            return;
          }
          continue;
        }
      }
      long wait = STATUS_INTERVAL_NANOS - (System.nanoTime() - lastStatusNanos);
      if (plan.timeBudgetS() > 0) {
        long left = (long) (plan.timeBudgetS() * 1e9) - (System.nanoTime() - startNanos);
        wait = Math.min(wait, left);
      }
      TrialExecutor.Event ev = executor.nextEvent(Math.max(1, wait / 1_000_000));
      if (ev != null && ev.trial() != null) {
        if (ev.save()) {
          onSaved(ev);
        } else {
          process(ev);
          stopWaitingTrialsTheSchedulerDropped();
        }
      }
      checkBudget();
      maybeWriteState();
      if (plan.verbose() >= 1 && System.nanoTime() - lastStatusNanos >= STATUS_INTERVAL_NANOS) {
        out.print(status(20));
        lastStatusNanos = System.nanoTime();
      }
    }
  }

  private boolean searchFinished() {
    return budgetExceeded || source.finished();
  }

  private boolean hasPaused() {
    return trials.stream().anyMatch(t -> t.status() == TrialStatus.PAUSED);
  }

  // Trial creation

  /** Adds the trials the searcher proposes now ({@link TrialSource} decides when). */
  private void createTrials() {
    if (budgetExceeded) {
      return;
    }
    for (TrialSource.Made m; (m = source.next(pendingCount, executor.hasInFlight(), belowConcurrencyLimit())) != null; ) {
      if (m.error() != null) {
        addFailed(m.trial(), m.error());
      } else {
        add(m.trial());
      }
    }
  }

  private boolean belowConcurrencyLimit() {
    return plan.maxConcurrent() <= 0 || ledger.running() < plan.maxConcurrent();
  }

  private void add(Trial t) {
    t.setCheckpoints(retention(null));
    table.add(t);
    pendingCount++;
    trialsChanged = true;
    scheduler.onTrialAdd(table, t.view());
    String[] notice = new String[1];
    String problem = ledger.admit(t, notice);
    if (notice[0] != null) {
      out.println(notice[0]);
    }
    if (problem != null) {
      fail(t, problem, null);
    }
  }

  private void addFailed(Trial t, RuntimeException e) {
    table.add(t);
    pendingCount++;
    trialsChanged = true;
    fail(t, e.getMessage(), null);
  }

  /** Fails every trial that is waiting while nothing runs; returns whether the loop goes on. */
  private boolean failUnstartable() {
    boolean any = false;
    for (Trial t : trials) {
      if (t.status() == TrialStatus.PENDING || t.status() == TrialStatus.PAUSED) {
        if (ledger.fits(t) && !budgetExceeded) {
          // It fits but the scheduler did not choose it: a scheduler bug; run it rather than hang.
          LOG.warning("scheduler " + scheduler.getClass().getSimpleName() + " chose no trial while "
              + t + " was " + t.status() + " and fits; starting it");
          start(t);
          return true;
        }
        fail(t, "trial " + t + " could not be started with the available resources", null);
        any = true;
      }
    }
    return any || !searchFinished();
  }

  // Starting

  private void startTrials() {
    while (!budgetExceeded && belowConcurrencyLimit()) {
      String id = scheduler.chooseTrialToRun(table);
      if (id == null) {
        return;
      }
      Trial t = table.get(id);
      if (t == null || !ledger.fits(t)
          || (t.status() != TrialStatus.PENDING && t.status() != TrialStatus.PAUSED)) {
        return;
      }
      start(t);
    }
  }

  private void start(Trial t) {
    if (t.status() == TrialStatus.PENDING) {
      pendingCount--;
    }
    try {
      trialsChanged |= dirs.open(t);
    } catch (IOException | RuntimeException e) {
      t.setStatus(TrialStatus.RUNNING);
      ledger.commit(t.resources());
      fail(t, "cannot create the directory of trial " + t + " under " + plan.experimentDir() + ": " + e, e);
      return;
    }
    byte[] restore;
    try {
      restore = t.restoreArchive(plan.restore());
    } catch (IOException | RuntimeException e) {
      t.setStatus(TrialStatus.RUNNING);
      ledger.commit(t.resources());
      fail(t, "trial " + t + ": cannot read the checkpoint to restore: " + e.getMessage(), null);
      return;
    }
    t.setRestoreFrom(null);
    ledger.commit(t.resources());
    t.setStatus(TrialStatus.RUNNING);
    TrainableContext ctx = new TrainableContext(t.trialId(), t.name(), t.logdir().toString(), "127.0.0.1");
    executor.startTrial(
        t,
        new TrialSpec(t.trainableName(), t.factory(), t.config(), ctx, restore),
        plan.resultBufferLength(),
        plan.bufferNanos());
  }

  // Results

  private void process(TrialExecutor.Event ev) {
    Trial t = ev.trial();
    if (t.status() != TrialStatus.RUNNING) {
      return;
    }
    String failure = ev.startError() != null ? "trial " + t + " failed in setup: " + ev.startError().error()
        : ev.reply().failed() ? "trial " + t + " failed: " + ev.reply().error() : null;
    if (failure != null) {
      if (t.saves.isEmpty()) {
        fail(t, failure, null);
      } else {
        // The actor ran the saves asked before this call: keep them, then restart from the newest.
        t.failure = failure;
        t.afterSaves = Trial.AfterSaves.FAIL;
      }
      return;
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> results = (List<Map<String, Object>>) ev.reply().value();
    boolean save = false;
    boolean saveMemory = false;
    for (Map<String, Object> r : results) {
      Outcome o = onResult(t, r);
      save |= o.saveDisk;
      saveMemory |= o.saveMemory;
      if (!o.goOn) {
        return;
      }
    }
    if (save) {
      requestSave(t, Trial.SaveKind.DISK);
    } else if (saveMemory) {
      requestSave(t, Trial.SaveKind.MEMORY);
    }
    executor.requestResults(t, plan.resultBufferLength(), plan.bufferNanos());
  }

  /** What one result asks for: whether the trial goes on, and which save to request. */
  private record Outcome(boolean goOn, boolean saveDisk, boolean saveMemory) {}

  private static final Outcome ENDED = new Outcome(false, false, false);

  private Outcome onResult(Trial t, Map<String, Object> r) {
    boolean duplicate = Boolean.TRUE.equals(r.get(FunctionTrainable.DUPLICATE));
    if (duplicate) {
      Map<String, Object> last = new LinkedHashMap<>(t.lastResult().isEmpty() ? r : t.lastResult());
      last.put("done", true);
      t.setLastResult(last);
      complete(t, true);
      return ENDED;
    }
    boolean stop;
    try {
      stop = Boolean.TRUE.equals(r.get("done")) || plan.stopper().shouldStopTrial(t.trialId(), r);
    } catch (TuneException e) {
      t.addResult(r);
      dirs.log(t, r);
      fail(t, "trial " + t + ": " + e.getMessage(), null);
      return ENDED;
    }
    t.addResult(r);
    Decision d;
    try {
      d = stop ? Decision.STOP : scheduler.onTrialResult(table, t.view(), r);
      searcher.onTrialResult(t.trialId(), r);
    } catch (RuntimeException e) {
      dirs.log(t, r);
      fail(t, "trial " + t + ": the scheduler or searcher rejected its result: " + e.getMessage(), null);
      return ENDED;
    }
    dirs.log(t, r);
    if (plan.verbose() >= 3) {
      out.print(ResultDump.format(t, r));
    }
    boolean due = plan.checkpointFreq() > 0 && t.numResults() % plan.checkpointFreq() == 0;
    if (plan.stopper().shouldStopAll()) {
      budgetExceeded = true;
      d = Decision.STOP;
    }
    if (d instanceof Decision.Stop) {
      if (due && !plan.checkpointAtEnd()) {
        requestSave(t, Trial.SaveKind.DISK);
      }
      complete(t, stop);
      return ENDED;
    }
    if (d instanceof Decision.Pause) {
      if (due) {
        requestSave(t, Trial.SaveKind.DISK);
      }
      pause(t);
      return ENDED;
    }
    if (d instanceof Decision.Exploit e && exploit(t, e)) {
      return ENDED;
    }
    return new Outcome(true, due, d instanceof Decision.Continue c && c.checkpoint());
  }

  /** Stops the PENDING or PAUSED trials the scheduler lists in {@link TrialScheduler#trialsToStop()}. */
  private void stopWaitingTrialsTheSchedulerDropped() {
    java.util.Set<String> ids = scheduler.trialsToStop();
    if (ids.isEmpty()) {
      return;
    }
    for (String id : List.copyOf(ids)) {
      Trial w = table.get(id);
      if (w != null) {
        drop(w);
      }
    }
  }

  /** Ends a PENDING or PAUSED trial without running it again (TERMINATED); others are left alone. */
  private void drop(Trial w) {
    if (w.status() != TrialStatus.PENDING && w.status() != TrialStatus.PAUSED) {
      return;
    }
    if (w.status() == TrialStatus.PENDING) {
      pendingCount--;
    }
    w.setRestoreFrom(null);
    w.setStatus(TrialStatus.TERMINATED);
    trialsChanged = true;
    dirs.close(w);
    scheduler.onTrialRemove(table, w.view());
    searcher.onTrialComplete(w.trialId(), w.lastResult().isEmpty() ? null : w.lastResult(), false);
  }

  // Saves

  private void requestSave(Trial t, Trial.SaveKind kind) {
    t.saves.addLast(new Trial.PendingSave(kind, t.numResults(), t.lastResult()));
    executor.requestSave(t);
  }

  private void onSaved(TrialExecutor.Event ev) {
    Trial t = ev.trial();
    Trial.PendingSave s = t.saves.pollFirst();
    if (s == null || t.status() != TrialStatus.RUNNING) {
      return;
    }
    if (ev.reply().failed()) {
      if (s.kind() == Trial.SaveKind.PAUSE) {
        t.afterSaves = Trial.AfterSaves.NOTHING;
        fail(t, "trial " + t + " could not be paused (checkpoint failed):\n" + ev.reply().error(), null);
        return;
      }
      LOG.warning("checkpoint of trial " + t + " failed: " + ev.reply().error());
    } else {
      try {
        t.store(s, (byte[]) ev.reply().value());
      } catch (IOException | RuntimeException e) {
        if (s.kind() == Trial.SaveKind.PAUSE) {
          t.afterSaves = Trial.AfterSaves.NOTHING;
          fail(t, "trial " + t + " could not be paused: cannot store its checkpoint: " + e, e);
          return;
        }
        LOG.warning("cannot store a checkpoint of trial " + t + " in " + t.logdir() + ": " + e);
      }
    }
    if (t.saves.isEmpty()) {
      Trial.AfterSaves after = t.afterSaves;
      t.afterSaves = Trial.AfterSaves.NOTHING;
      switch (after) {
        case COMPLETE -> finish(t);
        case PAUSE -> release(t, TrialStatus.PAUSED);
        case FAIL -> fail(t, t.failure, null);
        default -> { }
      }
    }
  }

  // Ending, pausing, exploiting

  /** Ends a trial; {@code notify} is false when the scheduler itself said STOP (Tune 2019). */
  private void complete(Trial t, boolean notify) {
    if (notify) {
      scheduler.onTrialComplete(table, t.view(), t.lastResult());
    }
    searcher.onTrialComplete(t.trialId(), t.lastResult().isEmpty() ? null : t.lastResult(), false);
    if (plan.checkpointAtEnd() && t.logdir() != null) {
      requestSave(t, Trial.SaveKind.DISK);
    }
    if (t.saves.isEmpty()) {
      finish(t);
    } else {
      t.afterSaves = Trial.AfterSaves.COMPLETE;
    }
  }

  private void finish(Trial t) {
    t.checkpoints().dropMemory();
    release(t, TrialStatus.TERMINATED);
    if (plan.verbose() == 2) {
      out.print(ResultDump.format(t, t.lastResult()));
    }
  }

  private void pause(Trial t) {
    requestSave(t, Trial.SaveKind.PAUSE);
    t.afterSaves = Trial.AfterSaves.PAUSE;
  }

  /**
   * Carries out PBT's exploit: {@code t} continues from the source's latest checkpoint with the
   * new config. Returns false (the trial goes on unchanged) when the source has no checkpoint.
   */
  private boolean exploit(Trial t, Decision.Exploit e) {
    Trial source = table.get(e.sourceTrialId());
    Checkpoint c = source == null ? null : source.checkpoints().latest();
    if (c == null) {
      LOG.info("trial " + t + ": cannot exploit " + e.sourceTrialId() + ", which has no checkpoint yet; it goes on unchanged");
      return false;
    }
    ExploitLog.append(plan.experimentDir(), t, source, c, e);
    if (plan.verbose() >= 1) {
      out.println("PBT: trial " + t.experimentTag() + " (iteration " + t.lastResult().get("training_iteration")
          + ") now continues from " + source.experimentTag() + " (iteration " + c.iteration() + ") with " + e.note());
    }
    t.saves.clear();
    t.afterSaves = Trial.AfterSaves.NOTHING;
    release(t, TrialStatus.PAUSED);
    t.takeOver(c, e.newConfig(), e.note());
    return true;
  }

  private void release(Trial t, TrialStatus status) {
    executor.stopTrial(t, plan.reuseActors());
    ledger.release(t.resources());
    t.setStatus(status);
    trialsChanged = true;
    if (status != TrialStatus.PAUSED) {
      dirs.close(t);
    }
  }

  /**
   * Marks {@code t} failed and writes {@code error.txt} in its directory. A RUNNING trial with
   * failures left restarts from its latest checkpoint (or from scratch), its result files cut back
   * to that checkpoint; otherwise it ends in ERROR and the others run on.
   */
  private void fail(Trial t, String message, Throwable cause) {
    String errorFile = ExploitLog.appendError(t.logdir(), message, cause);
    String firstLine = message.lines().findFirst().orElse(message);
    t.setError(errorFile, firstLine);
    boolean wasRunning = t.status() == TrialStatus.RUNNING;
    if (t.status() == TrialStatus.PENDING) {
      pendingCount--;
    }
    t.saves.clear();
    t.afterSaves = Trial.AfterSaves.NOTHING;
    boolean retry = wasRunning && !budgetExceeded
        && (plan.maxFailures() < 0 || t.numFailures() <= plan.maxFailures());
    if (wasRunning) {
      release(t, retry ? TrialStatus.PENDING : TrialStatus.ERROR);
    } else {
      t.setStatus(TrialStatus.ERROR);
    }
    if (retry) {
      Checkpoint c = t.checkpoints().latest();
      ResumedExperiment.rewind(t, c);
      pendingCount++;
      String from = c == null ? "scratch" : "its checkpoint of iteration " + c.iteration();
      LOG.warning("trial " + t + " failed (failure " + t.numFailures() + " of at most "
          + (plan.maxFailures() < 0 ? "unlimited" : plan.maxFailures()) + "); restarting from " + from + ": " + firstLine);
      scheduler.onTrialAdd(table, t.view());
      return;
    }
    scheduler.onTrialError(table, t.view());
    searcher.onTrialComplete(t.trialId(), t.lastResult().isEmpty() ? null : t.lastResult(), true);
    if (plan.verbose() >= 1) {
      out.println("Trial " + t + " errored: " + firstLine + (errorFile == null ? "" : " (see " + errorFile + ")"));
    }
  }

  // Budget

  private void checkBudget() {
    if (budgetExceeded || plan.timeBudgetS() <= 0) {
      if (budgetExceeded) {
        stopAllRunning();
      }
      return;
    }
    if (System.nanoTime() - startNanos >= plan.timeBudgetS() * 1e9) {
      budgetExceeded = true;
      stopAllRunning();
    }
  }

  private void stopAllRunning() {
    for (Trial t : trials) {
      if (t.status() == TrialStatus.RUNNING && t.afterSaves == Trial.AfterSaves.NOTHING) {
        complete(t, true);
      } else {
        drop(t);
      }
    }
  }

  // Experiment state

  private void maybeWriteState() {
    if (state.due(trialsChanged)) {
      writeState();
    }
  }

  private void writeState() {
    Map<String, Object> runner = new LinkedHashMap<>();
    runner.put("trials_created", source.created());
    try {
      runner.put("searcher", searcher.saveState());
      runner.put("scheduler", scheduler.saveState());
    } catch (RuntimeException e) {
      LOG.warning("cannot save the searcher's or scheduler's state: " + e);
    }
    state.write(trials, runner);
    trialsChanged = false;
  }

  /** The status block; {@code maxRows <= 0} shows every trial. */
  public String status(int maxRows) {
    return StatusTable.render(
        scheduler.debugString(), ledger.used(), ledger.total(), plan.experimentDir().toString(), trials, maxRows);
  }
}
