package io.tune4j.tune.trial;

import io.tune4j.schedulers.Decision;
import io.tune4j.schedulers.SchedulerContext;
import io.tune4j.schedulers.TrialScheduler;
import io.tune4j.schedulers.TrialStatus;
import io.tune4j.schedulers.TrialView;
import io.tune4j.search.variant.Variant;
import io.tune4j.tune.TuneException;
import io.tune4j.tune.execution.ActorReply;
import io.tune4j.tune.execution.TrialExecutor;
import io.tune4j.tune.execution.TrialSpec;
import io.tune4j.tune.logger.LoggerContext;
import io.tune4j.tune.logger.Loggers;
import io.tune4j.tune.logger.ResultLogger;
import io.tune4j.tune.progress.StatusTable;
import io.tune4j.tune.trainable.FunctionTrainable;
import io.tune4j.tune.trainable.TrainableContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Tune's event loop on the driver thread: turns variants into trials, starts them while their
 * resources fit, services one result at a time, asks the stopper and scheduler, logs, checkpoints,
 * and acts on their decisions. Only this class and the executor touch files and actors.
 */
public final class TrialRunner implements SchedulerContext {
  private static final Logger LOG = Logger.getLogger(TrialRunner.class.getName());
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");
  private static final long STATUS_INTERVAL_NANOS = 5_000_000_000L;

  private final ExperimentPlan plan;
  private final TrialScheduler scheduler;
  private final TrialExecutor executor;
  private final PrintStream out;
  private final Iterator<Variant> variants;
  private final List<Trial> trials = new ArrayList<>();
  private final Map<String, Trial> byId = new HashMap<>();
  private final Map<Trial, ResultLogger> loggers = new HashMap<>();
  private final Resources total;
  private double usedCpu;
  private double usedGpu;
  private final Map<String, Double> usedCustom = new HashMap<>();
  private int running;
  private int pendingCount;
  private long lastStatusNanos;
  private final long startNanos = System.nanoTime();
  private boolean budgetExceeded;
  /** Trials asking for more CPUs than the embedded budget: each runs alone. */
  private final java.util.Set<String> oversized = new java.util.HashSet<>();
  private long dateSecond = -1;
  private String dateText;

  /** Creates a runner for {@code plan} on {@code executor}. */
  public TrialRunner(ExperimentPlan plan, TrialScheduler scheduler, TrialExecutor executor) {
    this.plan = plan;
    this.scheduler = scheduler;
    this.executor = executor;
    this.out = plan.out();
    this.variants = plan.variants();
    this.total = executor.totalResources();
  }

  /** Runs the experiment to completion and returns every trial. */
  public List<Trial> run() {
    try {
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
    }
    if (plan.verbose() >= 1) {
      out.print(status(0));
    }
    return trials;
  }

  private void loop() {
    while (true) {
      fillPending();
      startTrials();
      if (!executor.hasInFlight()) {
        if (pendingCount == 0 && !variants.hasNext() && !hasPaused()) {
          return;
        }
        if (running == 0) {
          if (!failUnstartable()) {
            throw new IllegalStateException("runner stalled: " + pendingCount + " pending counted");
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
        process(ev);
      }
      checkBudget();
      if (plan.verbose() >= 1 && System.nanoTime() - lastStatusNanos >= STATUS_INTERVAL_NANOS) {
        out.print(status(20));
        lastStatusNanos = System.nanoTime();
      }
    }
  }

  private boolean hasPaused() {
    for (Trial t : trials) {
      if (t.status() == TrialStatus.PAUSED) {
        return true;
      }
    }
    return false;
  }

  /** Creates trials from variants, keeping a small queue of PENDING ones. */
  private void fillPending() {
    int target = Math.max(8, 2 * Math.max(1, (int) Math.ceil(total.cpu())));
    while (pendingCount < target && variants.hasNext() && !budgetExceeded) {
      Variant v = variants.next();
      Trial t;
      try {
        t = plan.newTrial(v);
      } catch (RuntimeException e) {
        t = plan.failedTrial(v);
        trials.add(t);
        byId.put(t.trialId(), t);
        pendingCount++;
        fail(t, e.getMessage(), null);
        continue;
      }
      trials.add(t);
      byId.put(t.trialId(), t);
      pendingCount++;
      scheduler.onTrialAdd(this, t.view());
      String problem = neverFits(t.resources());
      if (problem != null && executor.embedded() && cpuOnly(t.resources())) {
        // Embedded actors are threads: run it alone rather than refuse it (a cluster refuses).
        oversized.add(t.trialId());
        out.println(
            "Notice: trial " + t + " asks for " + Resources.fmt(t.resources().totalCpu()) + " CPUs but Tune has "
                + Resources.fmt(total.cpu()) + " (--ray-num-cpus); in the embedded mode its actors are threads,"
                + " so it runs anyway, alone. On a Ray cluster this is an error.");
      } else if (problem != null) {
        fail(t, "Insufficient cluster resources to launch trial " + t + ": " + problem
            + " (lower num_workers or the trial's resources, or give Tune more CPUs: --ray-num-cpus"
            + " in the embedded mode, more nodes on a cluster)", null);
      }
    }
  }

  private boolean cpuOnly(Resources r) {
    return r.totalGpu() <= total.gpu() && neverFitsCustom(r) == null;
  }

  private String neverFits(Resources r) {
    if (r.totalCpu() > total.cpu() || r.totalGpu() > total.gpu()) {
      return "it requested " + r + " but the cluster has " + Resources.fmt(total.cpu()) + " CPUs, "
          + Resources.fmt(total.gpu()) + " GPUs";
    }
    return neverFitsCustom(r);
  }

  private String neverFitsCustom(Resources r) {
    for (Map.Entry<String, Double> e : r.totalCustom().entrySet()) {
      if (e.getValue() > total.customResources().getOrDefault(e.getKey(), 0.0)) {
        return "it requested " + Resources.fmt(e.getValue()) + " of custom resource '" + e.getKey()
            + "' but the cluster has " + Resources.fmt(total.customResources().getOrDefault(e.getKey(), 0.0));
      }
    }
    return null;
  }

  /** Fails every trial that is waiting while nothing runs; returns whether there was one. */
  private boolean failUnstartable() {
    boolean any = false;
    for (Trial t : trials) {
      if (t.status() == TrialStatus.PENDING || t.status() == TrialStatus.PAUSED) {
        fail(t, "trial " + t + " could not be started with the available resources", null);
        any = true;
      }
    }
    return any || variants.hasNext();
  }

  private void startTrials() {
    while (!budgetExceeded && (plan.maxConcurrent() <= 0 || running < plan.maxConcurrent())) {
      String id = scheduler.chooseTrialToRun(this);
      if (id == null) {
        return;
      }
      Trial t = byId.get(id);
      if (t == null || !hasResourcesFor(id)
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
        t.setLogdir(plan.loggers().isEmpty() ? trialDirName(t) : createTrialDir(t));
      }
      if (!loggers.containsKey(t)) {
        loggers.put(
            t, Loggers.unified(new LoggerContext(t.logdir(), t.name(), t.trialId(), t.config()), plan.loggers()));
      }
    } catch (IOException | RuntimeException e) {
      t.setStatus(TrialStatus.RUNNING);
      fail(t, "cannot create the directory of trial " + t + " under " + plan.experimentDir() + ": " + e, e);
      return;
    }
    commit(t.resources(), +1);
    running++;
    t.setStatus(TrialStatus.RUNNING);
    TrainableContext ctx = new TrainableContext(t.trialId(), t.name(), t.logdir().toString(), "127.0.0.1");
    String restore = t.restorePath() != null ? t.restorePath() : plan.restore();
    executor.startTrial(
        t,
        new TrialSpec(t.trainableName(), t.factory(), t.config(), ctx, restore),
        plan.resultBufferLength(),
        plan.bufferNanos());
  }

  /**
   * Creates {@code <experiment>/<name[:130]>_<date><8 random chars>} (Tune 2019's {@code mkdtemp}
   * layout).
   */
  private Path createTrialDir(Trial t) throws IOException {
    Path exp = plan.experimentDir();
    for (int attempt = 0; ; attempt++) {
      try {
        return Files.createDirectory(trialDirName(t));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      } catch (java.nio.file.NoSuchFileException e) {
        if (attempt > 0) {
          throw e;
        }
        Files.createDirectories(exp); // the experiment directory was removed while running
      }
    }
  }

  /** A fresh {@code <experiment>/<name[:130]>_<date><8 random chars>} path (not created). */
  private Path trialDirName(Trial t) {
    String name = t.name();
    String prefix = (name.length() > 130 ? name.substring(0, 130) : name) + "_" + date();
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_";
    StringBuilder sb = new StringBuilder(prefix.length() + 8).append(prefix);
    for (int i = 0; i < 8; i++) {
      sb.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
    }
    return plan.experimentDir().resolve(sb.toString());
  }

  /** The current local time as {@code yyyy-MM-dd_HH-mm-ss}, formatted at most once a second. */
  private String date() {
    long second = System.currentTimeMillis() / 1000;
    if (second != dateSecond) {
      dateSecond = second;
      dateText = LocalDateTime.now().format(DATE);
    }
    return dateText;
  }

  private void commit(Resources r, int sign) {
    usedCpu += sign * r.totalCpu();
    usedGpu += sign * r.totalGpu();
    if (!r.customResources().isEmpty() || !r.extraCustomResources().isEmpty()) {
      r.totalCustom().forEach((k, v) -> usedCustom.merge(k, sign * v, Double::sum));
    }
  }

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
    for (Map<String, Object> r : results) {
      if (!onResult(t, r)) {
        return;
      }
    }
    executor.requestResults(t, plan.resultBufferLength(), plan.bufferNanos());
  }

  /** Handles one result; returns false when the trial no longer runs. */
  private boolean onResult(Trial t, Map<String, Object> r) {
    boolean duplicate = Boolean.TRUE.equals(r.get(FunctionTrainable.DUPLICATE));
    if (duplicate) {
      Map<String, Object> last = new LinkedHashMap<>(t.lastResult().isEmpty() ? r : t.lastResult());
      last.put("done", true);
      t.setLastResult(last);
      complete(t);
      return false;
    }
    boolean stop;
    try {
      stop = Boolean.TRUE.equals(r.get("done")) || plan.stopper().shouldStopTrial(t.trialId(), r);
    } catch (TuneException e) {
      t.addResult(r);
      loggers.get(t).onResult(r);
      fail(t, "trial " + t + ": " + e.getMessage(), null);
      return false;
    }
    t.addResult(r);
    Decision d = stop ? Decision.STOP : scheduler.onTrialResult(this, t.view(), r);
    loggers.get(t).onResult(r);
    if (plan.verbose() >= 3) {
      out.print(ResultDump.format(t, r));
    }
    if (plan.checkpointFreq() > 0 && t.numResults() % plan.checkpointFreq() == 0 && d != Decision.STOP) {
      checkpoint(t);
    }
    if (plan.stopper().shouldStopAll()) {
      budgetExceeded = true;
      d = Decision.STOP;
    }
    switch (d) {
      case STOP -> {
        complete(t, stop);
        return false;
      }
      case PAUSE -> {
        pause(t);
        return false;
      }
      default -> {
        return true;
      }
    }
  }

  private void checkpoint(Trial t) {
    ActorReply reply = executor.save(t, t.logdir().toString());
    if (reply.failed()) {
      LOG.warning("checkpoint of trial " + t + " failed: " + reply.error());
    } else {
      t.setCheckpoint((String) reply.value());
    }
  }

  private void complete(Trial t) {
    complete(t, true);
  }

  /** Ends a trial; {@code notify} is false when the scheduler itself said STOP (Tune 2019). */
  private void complete(Trial t, boolean notify) {
    if (plan.checkpointAtEnd() && t.logdir() != null) {
      checkpoint(t);
    }
    if (notify) {
      scheduler.onTrialComplete(this, t.view(), t.lastResult());
    }
    release(t, TrialStatus.TERMINATED);
    if (plan.verbose() == 2) {
      out.print(ResultDump.format(t, t.lastResult()));
    }
  }

  private void pause(Trial t) {
    ActorReply reply = executor.save(t, t.logdir().toString());
    if (reply.failed()) {
      fail(t, "trial " + t + " could not be paused (checkpoint failed):\n" + reply.error(), null);
      return;
    }
    t.setCheckpoint((String) reply.value());
    t.setRestorePath((String) reply.value());
    release(t, TrialStatus.PAUSED);
  }

  private void release(Trial t, TrialStatus status) {
    executor.stopTrial(t, plan.reuseActors());
    commit(t.resources(), -1);
    running--;
    t.setStatus(status);
    if (status != TrialStatus.PAUSED) {
      ResultLogger l = loggers.remove(t);
      if (l != null) {
        l.close();
      }
    }
  }

  /** Marks {@code t} ERROR, writes {@code error.txt} in its directory, and lets the others run on. */
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
        Files.writeString(f, text + "\n", StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
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
    boolean retry = wasRunning && t.numFailures() <= plan.maxFailures() && t.checkpoint() != null;
    if (wasRunning) {
      release(t, retry ? TrialStatus.PENDING : TrialStatus.ERROR);
    } else {
      t.setStatus(TrialStatus.ERROR);
    }
    if (retry) {
      t.setRestorePath(t.checkpoint());
      pendingCount++;
      LOG.warning("trial " + t + " failed; restarting from " + t.checkpoint() + ": " + firstLine);
      return;
    }
    scheduler.onTrialError(this, t.view());
    if (plan.verbose() >= 1) {
      out.println("Trial " + t + " errored: " + firstLine + (errorFile == null ? "" : " (see " + errorFile + ")"));
    }
  }

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
      if (t.status() == TrialStatus.RUNNING) {
        complete(t);
      } else if (t.status() == TrialStatus.PENDING || t.status() == TrialStatus.PAUSED) {
        if (t.status() == TrialStatus.PENDING) {
          pendingCount--;
        }
        t.setStatus(TrialStatus.TERMINATED);
        scheduler.onTrialRemove(this, t.view());
      }
    }
  }

  /** The status block; {@code maxRows <= 0} shows every trial. */
  public String status(int maxRows) {
    Resources used = new Resources(usedCpu, usedGpu, 0, 0, nonNegative(usedCustom), Map.of());
    return StatusTable.render(
        scheduler.debugString(), used, total, plan.experimentDir().toString(), trials, maxRows);
  }

  private static Map<String, Double> nonNegative(Map<String, Double> m) {
    Map<String, Double> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, Math.max(0, v)));
    return out;
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
    if (t == null) {
      return false;
    }
    Resources r = t.resources();
    double eps = 1e-9;
    if (oversized.contains(trialId)) {
      return running == 0;
    }
    if (usedCpu + r.totalCpu() > total.cpu() + eps || usedGpu + r.totalGpu() > total.gpu() + eps) {
      return false;
    }
    if (r.customResources().isEmpty() && r.extraCustomResources().isEmpty()) {
      return true;
    }
    for (Map.Entry<String, Double> e : r.totalCustom().entrySet()) {
      double have = total.customResources().getOrDefault(e.getKey(), 0.0);
      if (usedCustom.getOrDefault(e.getKey(), 0.0) + e.getValue() > have + eps) {
        return false;
      }
    }
    return true;
  }
}
