package io.tune4j.tune.trial;

import io.tune4j.schedulers.Decision;
import io.tune4j.schedulers.SchedulerContext;
import io.tune4j.schedulers.TrialScheduler;
import io.tune4j.schedulers.TrialStatus;
import io.tune4j.schedulers.TrialView;
import io.tune4j.search.BasicVariantSearcher;
import io.tune4j.search.Searcher;
import io.tune4j.search.variant.Variant;
import io.tune4j.tune.TuneException;
import io.tune4j.tune.checkpoint.Checkpoint;
import io.tune4j.tune.checkpoint.CheckpointManager;
import io.tune4j.tune.execution.ActorReply;
import io.tune4j.tune.execution.CheckpointArchive;
import io.tune4j.tune.execution.TrialExecutor;
import io.tune4j.tune.execution.TrialSpec;
import io.tune4j.tune.logger.JsonText;
import io.tune4j.tune.logger.LoggerContext;
import io.tune4j.tune.logger.Loggers;
import io.tune4j.tune.logger.ResultFiles;
import io.tune4j.tune.logger.ResultLogger;
import io.tune4j.tune.progress.StatusTable;
import io.tune4j.tune.trainable.FunctionTrainable;
import io.tune4j.tune.trainable.TrainableContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
public final class TrialRunner implements SchedulerContext {
  private static final Logger LOG = Logger.getLogger(TrialRunner.class.getName());
  private static final long STATUS_INTERVAL_NANOS = 5_000_000_000L;

  private final ExperimentPlan plan;
  private final TrialScheduler scheduler;
  private final Searcher searcher;
  private final BasicVariantSearcher basic;
  private final TrialExecutor executor;
  private final PrintStream out;
  private final List<Trial> trials = new ArrayList<>();
  private final Map<String, Trial> byId = new HashMap<>();
  private final Map<Trial, ResultLogger> loggers = new HashMap<>();
  private final ResourceLedger ledger;
  private final TrialDirs dirs;
  private int pendingCount;
  private int created;
  private boolean searchDone;
  private long lastStatusNanos;
  private final long startNanos = System.nanoTime();
  private boolean budgetExceeded;
  private final String sessionDate;
  private final long sessionStartMillis = System.currentTimeMillis();
  private long lastStateNanos;
  private double stateNanosTotal;
  private double lastStateDurationNanos;
  private int stateWrites;
  private boolean trialsChanged;
  private Resources lastShape;

  /** Creates a runner for {@code plan} on {@code executor}. */
  public TrialRunner(ExperimentPlan plan, TrialScheduler scheduler, TrialExecutor executor, String sessionDate) {
    this.plan = plan;
    this.scheduler = scheduler;
    this.searcher = plan.searcher();
    this.basic = searcher instanceof BasicVariantSearcher b ? b : null;
    this.executor = executor;
    this.out = plan.out();
    this.ledger = new ResourceLedger(executor.totalResources(), executor.embedded());
    this.dirs = new TrialDirs(plan.experimentDir());
    this.sessionDate = sessionDate;
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
      for (ResultLogger l : loggers.values()) {
        l.close();
      }
      loggers.clear();
      executor.close();
      writeState();
    }
    if (plan.verbose() >= 1) {
      out.print(status(0));
    }
    return trials;
  }

  /** Seconds spent writing the experiment state, and how many writes. */
  public double stateWriteSeconds() {
    return stateNanosTotal / 1e9;
  }

  /** How many times the experiment state was written. */
  public int stateWrites() {
    return stateWrites;
  }

  private void adoptResumed(List<Trial> resumed) {
    for (Trial t : resumed) {
      trials.add(t);
      byId.put(t.trialId(), t);
      t.setCheckpoints(retention(t.checkpoints()));
      created = Math.max(created, t.index() + 1);
      if (t.status() == TrialStatus.PENDING) {
        pendingCount++;
        scheduler.onTrialAdd(this, t.view());
      }
    }
  }

  /** The experiment's retention, taking over checkpoints a resumed trial found on disk. */
  private CheckpointManager retention(CheckpointManager found) {
    CheckpointManager m = new CheckpointManager(plan.keepCheckpointsNum(), plan.checkpointScoreAttr());
    if (found != null) {
      for (Checkpoint c : found.kept()) {
        m.add(c);
        c.release(); // the finder's reference
      }
    }
    return m;
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
    return searchDone || budgetExceeded || (basic != null ? basic.isFinished() : created >= plan.numSamples() || searcher.isFinished());
  }

  private boolean hasPaused() {
    for (Trial t : trials) {
      if (t.status() == TrialStatus.PAUSED) {
        return true;
      }
    }
    return false;
  }

  // Trial creation

  /**
   * Asks the searcher for trials. Grid and random search keep a small queue of PENDING trials
   * (their configs do not depend on results; schedulers such as HyperBand and PBT need the
   * population); any other searcher is asked only when no trial is waiting and one more would
   * fit now, so it suggests from every result so far.
   */
  private void createTrials() {
    if (basic != null) {
      int target = Math.max(16, 2 * Math.max(1, (int) Math.ceil(ledger.total().cpu())));
      while (pendingCount < target && !searchFinished()) {
        Variant v = basic.suggestVariant(null);
        if (v == null) {
          return;
        }
        created++;
        Trial t;
        try {
          t = plan.newTrial(v);
        } catch (RuntimeException e) {
          addFailed(plan.failedTrial(v), e);
          continue;
        }
        add(t);
      }
      return;
    }
    while (pendingCount == 0 && !searchFinished() && belowConcurrencyLimit()
        && (ledger.running() == 0 || lastShape == null || ledger.fits(lastShape))) {
      String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
      Map<String, Object> config;
      try {
        config = searcher.suggest(id);
      } catch (RuntimeException e) {
        throw new TuneException("search algorithm " + searcher.getClass().getSimpleName() + " failed to suggest: " + e, e);
      }
      if (config == null) {
        if (ledger.running() == 0 && !executor.hasInFlight()) {
          LOG.warning("search algorithm " + searcher.getClass().getSimpleName()
              + " suggested nothing while no trial runs; ending the search after " + created + " trials");
          searchDone = true;
        }
        return;
      }
      int index = created++;
      Trial t;
      try {
        t = plan.newTrial(id, index, config);
      } catch (RuntimeException e) {
        Trial failed = plan.failedTrial(new Variant(index, Integer.toString(index), Map.of("config", config), Map.of()));
        addFailed(failed, e);
        searcher.onTrialComplete(id, null, true);
        continue;
      }
      lastShape = t.resources();
      add(t);
    }
  }

  private boolean belowConcurrencyLimit() {
    return plan.maxConcurrent() <= 0 || ledger.running() < plan.maxConcurrent();
  }

  private void add(Trial t) {
    t.setCheckpoints(retention(null));
    trials.add(t);
    byId.put(t.trialId(), t);
    pendingCount++;
    trialsChanged = true;
    scheduler.onTrialAdd(this, t.view());
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
    trials.add(t);
    byId.put(t.trialId(), t);
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
      String id = scheduler.chooseTrialToRun(this);
      if (id == null) {
        return;
      }
      Trial t = byId.get(id);
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
      if (t.logdir() == null) {
        // Without loggers the driver has nothing to write: the trial's actor creates the directory
        // (in parallel with the driver) before setting the trainable up.
        t.setLogdir(plan.loggers().isEmpty() ? dirs.name(t) : dirs.create(t));
        trialsChanged = true;
      }
      if (!loggers.containsKey(t)) {
        loggers.put(
            t, Loggers.unified(new LoggerContext(t.logdir(), t.name(), t.trialId(), t.config()), plan.loggers()));
      }
    } catch (IOException | RuntimeException e) {
      t.setStatus(TrialStatus.RUNNING);
      ledger.commit(t.resources());
      fail(t, "cannot create the directory of trial " + t + " under " + plan.experimentDir() + ": " + e, e);
      return;
    }
    byte[] restore;
    try {
      restore = t.restoreFrom() != null ? t.restoreFrom().archive()
          : plan.restore() != null ? CheckpointArchive.packPath(Path.of(plan.restore())) : null;
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
    if (ev.startError() != null) {
      fail(t, "trial " + t + " failed in setup: " + ev.startError().error(), null);
      return;
    }
    if (ev.reply().failed()) {
      fail(t, "trial " + t + " failed: " + ev.reply().error(), null);
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
      loggers.get(t).onResult(r);
      fail(t, "trial " + t + ": " + e.getMessage(), null);
      return ENDED;
    }
    t.addResult(r);
    Decision d;
    try {
      d = stop ? Decision.STOP : scheduler.onTrialResult(this, t.view(), r);
      searcher.onTrialResult(t.trialId(), r);
    } catch (RuntimeException e) {
      loggers.get(t).onResult(r);
      fail(t, "trial " + t + ": the scheduler or searcher rejected its result: " + e.getMessage(), null);
      return ENDED;
    }
    loggers.get(t).onResult(r);
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
      byte[] archive = (byte[]) ev.reply().value();
      try {
        long iteration = CheckpointArchive.iteration(archive);
        Checkpoint c;
        if (s.kind() != Trial.SaveKind.MEMORY) {
          Path path = CheckpointArchive.unpack(archive, t.logdir());
          c = Checkpoint.onDisk(path, iteration, s.resultCount(), s.result());
          c.writeInfo(s.result());
        } else {
          c = Checkpoint.inMemory(archive, iteration, s.resultCount(), s.result());
        }
        t.checkpoints().add(c);
        t.checkpointsChanged();
        if (s.kind() == Trial.SaveKind.PAUSE) {
          t.setRestoreFrom(c);
        }
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
        default -> { }
      }
    }
  }

  // Ending, pausing, exploiting

  /** Ends a trial; {@code notify} is false when the scheduler itself said STOP (Tune 2019). */
  private void complete(Trial t, boolean notify) {
    if (notify) {
      scheduler.onTrialComplete(this, t.view(), t.lastResult());
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
    Trial source = byId.get(e.sourceTrialId());
    Checkpoint c = source == null ? null : source.checkpoints().latest();
    if (c == null) {
      LOG.info("trial " + t + ": cannot exploit " + e.sourceTrialId() + ", which has no checkpoint yet; it goes on unchanged");
      return false;
    }
    Checkpoint copy = Checkpoint.inMemory(c.archive(), c.iteration(), t.numResults(), c.result());
    logExploit(t, source, c, e);
    t.saves.clear();
    t.afterSaves = Trial.AfterSaves.NOTHING;
    release(t, TrialStatus.PAUSED);
    t.setConfig(new LinkedHashMap<>(e.newConfig()));
    t.markPerturbed(e.note());
    t.checkpoints().add(copy);
    t.checkpointsChanged();
    t.setRestoreFrom(copy);
    trialsChanged = true;
    return true;
  }

  /**
   * Appends {@code [target_tag, clone_tag, target_iteration, clone_iteration, clone_config,
   * new_config]} to {@code <experiment>/pbt_global.txt} and {@code pbt_policy_<trial id>.txt}
   * (Tune's PBT log, JSON per line).
   */
  private void logExploit(Trial t, Trial source, Checkpoint c, Decision.Exploit e) {
    Object iteration = t.lastResult().get("training_iteration");
    List<Object> row = new ArrayList<>();
    row.add(t.experimentTag());
    row.add(source.experimentTag());
    row.add(iteration);
    row.add(c.iteration());
    row.add(JsonText.sanitize(source.config(), true));
    row.add(JsonText.sanitize(e.newConfig(), true));
    byte[] line = (JsonText.toJson(row) + "\n").getBytes(StandardCharsets.UTF_8);
    for (String name : List.of("pbt_global.txt", "pbt_policy_" + t.trialId() + ".txt")) {
      try {
        Files.write(plan.experimentDir().resolve(name), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException ex) {
        LOG.warning("cannot append to " + plan.experimentDir().resolve(name) + ": " + ex);
      }
    }
    if (plan.verbose() >= 1) {
      out.println("PBT: trial " + t.experimentTag() + " (iteration " + iteration + ") now continues from "
          + source.experimentTag() + " (iteration " + c.iteration() + ") with " + e.note());
    }
  }

  private void release(Trial t, TrialStatus status) {
    executor.stopTrial(t, plan.reuseActors());
    ledger.release(t.resources());
    t.setStatus(status);
    trialsChanged = true;
    if (status != TrialStatus.PAUSED) {
      ResultLogger l = loggers.remove(t);
      if (l != null) {
        l.close();
      }
    }
  }

  /**
   * Marks {@code t} failed and writes {@code error.txt} in its directory. A RUNNING trial with
   * failures left restarts from its latest checkpoint (or from scratch), its result files cut back
   * to that checkpoint; otherwise it ends in ERROR and the others run on.
   */
  private void fail(Trial t, String message, Throwable cause) {
    String text = message;
    if (cause != null) {
      java.io.StringWriter w = new java.io.StringWriter();
      cause.printStackTrace(new java.io.PrintWriter(w));
      text = message + "\n" + w;
    }
    String errorFile = null;
    if (t.logdir() != null) {
      Path f = t.logdir().resolve("error.txt");
      try {
        Files.createDirectories(t.logdir());
        Files.writeString(f, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        errorFile = f.toString();
      } catch (IOException e) {
        LOG.warning("cannot write " + f + ": " + e);
      }
    }
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
      rewind(t, c);
      pendingCount++;
      LOG.warning("trial " + t + " failed (failure " + t.numFailures() + " of at most "
          + (plan.maxFailures() < 0 ? "unlimited" : plan.maxFailures()) + "); restarting from "
          + (c == null ? "scratch" : "its checkpoint of iteration " + c.iteration()) + ": " + firstLine);
      if (plan.verbose() >= 1) {
        out.println("Trial " + t + " failed and restarts from "
            + (c == null ? "scratch" : "iteration " + c.iteration()) + ": " + firstLine);
      }
      scheduler.onTrialAdd(this, t.view());
      return;
    }
    scheduler.onTrialError(this, t.view());
    searcher.onTrialComplete(t.trialId(), t.lastResult().isEmpty() ? null : t.lastResult(), true);
    if (plan.verbose() >= 1) {
      out.println("Trial " + t + " errored: " + firstLine + (errorFile == null ? "" : " (see " + errorFile + ")"));
    }
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
      } else if (t.status() == TrialStatus.PENDING || t.status() == TrialStatus.PAUSED) {
        if (t.status() == TrialStatus.PENDING) {
          pendingCount--;
        }
        t.setStatus(TrialStatus.TERMINATED);
        trialsChanged = true;
        scheduler.onTrialRemove(this, t.view());
        searcher.onTrialComplete(t.trialId(), t.lastResult().isEmpty() ? null : t.lastResult(), false);
      }
    }
  }

  // Experiment state

  /**
   * Writes the experiment state when trials changed and the last write is old enough: at least
   * the plan's period apart and 19 write-durations apart, so writing takes at most about 5 % of
   * the wall time (Tune 2.x's adaptive period).
   */
  private void maybeWriteState() {
    long now = System.nanoTime();
    double period = Math.max(plan.checkpointPeriodS() * 1e9, 19 * lastStateDurationNanos);
    if (stateWrites == 0 ? trialsChanged : now - lastStateNanos >= period) {
      writeState();
    }
  }

  private void writeState() {
    long start = System.nanoTime();
    Map<String, Object> runner = new LinkedHashMap<>();
    runner.put("trials_created", created);
    try {
      runner.put("searcher", searcher.saveState());
      runner.put("scheduler", scheduler.saveState());
    } catch (RuntimeException e) {
      LOG.warning("cannot save the searcher's or scheduler's state: " + e);
    }
    try {
      ExperimentState.write(plan.experimentDir(), sessionDate, sessionStartMillis, trials, runner);
    } catch (RuntimeException e) {
      LOG.warning("cannot write the experiment state in " + plan.experimentDir() + ": " + e.getMessage());
    }
    long end = System.nanoTime();
    lastStateDurationNanos = end - start;
    stateNanosTotal += lastStateDurationNanos;
    lastStateNanos = end;
    stateWrites++;
    trialsChanged = false;
  }

  /** The status block; {@code maxRows <= 0} shows every trial. */
  public String status(int maxRows) {
    return StatusTable.render(
        scheduler.debugString(), ledger.used(), ledger.total(), plan.experimentDir().toString(), trials, maxRows);
  }

  // SchedulerContext

  @Override
  public List<TrialView> trials() {
    List<TrialView> views = new ArrayList<>(trials.size());
    for (Trial t : trials) {
      views.add(t.view());
    }
    return views;
  }

  @Override
  public Object resourceKey(String trialId) {
    Trial t = byId.get(trialId);
    return t == null ? trialId : t.resources();
  }

  @Override
  public int numTrials() {
    return trials.size();
  }

  @Override
  public TrialView trial(String trialId) {
    Trial t = byId.get(trialId);
    return t == null ? null : t.view();
  }

  @Override
  public boolean hasResourcesFor(String trialId) {
    Trial t = byId.get(trialId);
    return t != null && ledger.fits(t);
  }
}
