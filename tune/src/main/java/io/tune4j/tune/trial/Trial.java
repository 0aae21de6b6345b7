package io.tune4j.tune.trial;

import io.tune4j.schedulers.TrialStatus;
import io.tune4j.tune.checkpoint.Checkpoint;
import io.tune4j.tune.checkpoint.CheckpointManager;
import io.tune4j.schedulers.TrialView;
import io.tune4j.tune.trainable.TrainableFactory;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One trial of an experiment: a trainable with one resolved config, its resources, status,
 * directory and latest result. Owned and mutated only by the runner's driver thread; schedulers
 * see frozen {@link TrialView}s.
 */
public final class Trial {
  private final String trialId;
  private final String trainableName;
  private final TrainableFactory factory;
  private final String experimentTag;
  private final int index;
  private final String env;
  private Map<String, Object> config;
  private final Resources resources;
  private final Map<String, Object> resolvedVars;
  private String name;
  private TrialStatus status = TrialStatus.PENDING;
  private Path logdir;
  private Map<String, Object> lastResult = Map.of();
  private int numResults;
  private String errorFile;
  private String errorMessage;
  private int numFailures;
  private CheckpointManager checkpoints = new CheckpointManager(0, null);
  private Checkpoint restoreFrom;
  private String baseName;
  private int exploits;
  /** Saves requested from the trial's actor and not answered yet, oldest first. */
  final java.util.ArrayDeque<PendingSave> saves = new java.util.ArrayDeque<>();
  /** What to do once the requested saves are answered. */
  AfterSaves afterSaves = AfterSaves.NOTHING;

  /** Why a save was requested. */
  enum SaveKind {
    /** A periodic or final checkpoint written to the trial's directory. */
    DISK,
    /** An in-memory checkpoint others may exploit (PBT). */
    MEMORY,
    /** The on-disk checkpoint a PAUSE restores from (it survives a killed driver). */
    PAUSE
  }

  /** What the runner does once a trial's outstanding saves are answered. */
  enum AfterSaves {
    /** Nothing: the trial goes on. */
    NOTHING,
    /** The trial completes (TERMINATED). */
    COMPLETE,
    /** The trial is paused. */
    PAUSE,
    /** The trial failed ({@link #failure}) after asking for these saves. */
    FAIL
  }

  /** The failure to handle once the saves asked before it are answered. */
  String failure;

  /** A save in flight and the number of results logged when it was requested. */
  record PendingSave(SaveKind kind, int resultCount, Map<String, Object> result) {}
  private long startNanos;
  private long endNanos;
  private long startMillis = -1;
  private long endMillis = -1;
  private TrialView view;

  /** Creates a PENDING trial. */
  public Trial(
      String trainableName,
      TrainableFactory factory,
      int index,
      String experimentTag,
      Map<String, Object> config,
      Map<String, Object> resolvedVars,
      Resources resources) {
    this(UUID.randomUUID().toString().replace("-", "").substring(0, 8), trainableName, factory, index,
        experimentTag, config, resolvedVars, resources);
  }

  /** Creates a PENDING trial with a given id (a resumed experiment's). */
  public Trial(
      String trialId,
      String trainableName,
      TrainableFactory factory,
      int index,
      String experimentTag,
      Map<String, Object> config,
      Map<String, Object> resolvedVars,
      Resources resources) {
    this.trialId = trialId;
    this.trainableName = trainableName;
    this.factory = factory;
    this.index = index;
    this.experimentTag = experimentTag;
    this.config = config;
    this.resolvedVars = resolvedVars;
    this.resources = resources;
    Object e = config.get("env");
    this.env = e instanceof String s ? s : e == null ? null : simpleName(e);
    this.name = defaultName();
  }

  private static String simpleName(Object env) {
    if (env instanceof Class<?> c) {
      return c.getSimpleName();
    }
    return null;
  }

  /** Tune's trial name: {@code <trainable>[_<env>]_<experiment_tag>} with "/" as "_". */
  public String defaultName() {
    StringBuilder sb = new StringBuilder(trainableName);
    if (env != null) {
      sb.append('_').append(env);
    }
    if (experimentTag != null && !experimentTag.isEmpty()) {
      sb.append('_').append(experimentTag);
    }
    return sb.toString().replace('/', '_');
  }

  /**
   * A frozen view for schedulers and searchers. Cached until the trial changes, because schedulers
   * ask for the same trials' views on every scheduling decision.
   */
  public TrialView view() {
    TrialView v = view;
    if (v == null) {
      Checkpoint c = checkpoints.latest();
      v = new TrialView(trialId, name, status, config, lastResult, numResults, c == null ? -1 : c.iteration());
      view = v;
    }
    return v;
  }

  public String trialId() {
    return trialId;
  }

  public String trainableName() {
    return trainableName;
  }

  public TrainableFactory factory() {
    return factory;
  }

  public String experimentTag() {
    return experimentTag;
  }

  public int index() {
    return index;
  }

  public String env() {
    return env;
  }

  public Map<String, Object> config() {
    return config;
  }

  /** Replaces the config (PBT exploit). */
  public void setConfig(Map<String, Object> config) {
    this.config = config;
    view = null;
  }

  public Map<String, Object> resolvedVars() {
    return resolvedVars;
  }

  public Resources resources() {
    return resources;
  }

  public String name() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
    this.baseName = null;
    view = null;
  }

  /** Shows a PBT exploit in the name: {@code <original name>@perturbed[<note>]} (Tune's tag). */
  void markPerturbed(String note) {
    if (baseName == null) {
      baseName = name;
    }
    name = baseName + "@perturbed[" + note + "]";
    exploits++;
    view = null;
  }

  /** How many times PBT replaced this trial's state with another's. */
  public int exploits() {
    return exploits;
  }

  public TrialStatus status() {
    return status;
  }

  /** Moves the trial to {@code s}, recording start and end times. */
  public void setStatus(TrialStatus s) {
    if (s == TrialStatus.RUNNING && startMillis < 0) {
      startMillis = System.currentTimeMillis();
      startNanos = System.nanoTime();
    }
    if ((s == TrialStatus.TERMINATED || s == TrialStatus.ERROR) && endMillis < 0) {
      endMillis = System.currentTimeMillis();
      endNanos = System.nanoTime();
    }
    this.status = s;
    view = null;
  }

  /** Whether the trial has finished (TERMINATED or ERROR). */
  public boolean isFinished() {
    return status == TrialStatus.TERMINATED || status == TrialStatus.ERROR;
  }

  public Path logdir() {
    return logdir;
  }

  public void setLogdir(Path logdir) {
    this.logdir = logdir;
  }

  /** The latest result (unmodifiable; empty before the first). */
  public Map<String, Object> lastResult() {
    return lastResult;
  }

  /** Records a new latest result (a copy of {@code r}). */
  public void setLastResult(Map<String, Object> r) {
    this.lastResult = Collections.unmodifiableMap(new LinkedHashMap<>(r));
    view = null;
  }

  /**
   * Records a result as the latest and counts it. The runner hands over a map it owns and never
   * changes afterwards, so it is kept (read-only) without a copy.
   */
  public void addResult(Map<String, Object> r) {
    this.lastResult = Collections.unmodifiableMap(r);
    numResults++;
    view = null;
  }

  public int numResults() {
    return numResults;
  }

  public String errorFile() {
    return errorFile;
  }

  public String errorMessage() {
    return errorMessage;
  }

  /** Records a failure: its error file and first line. */
  public void setError(String errorFile, String message) {
    this.errorFile = errorFile;
    this.errorMessage = message;
    this.numFailures++;
  }

  public int numFailures() {
    return numFailures;
  }

  /** The latest on-disk checkpoint's path, or null. */
  public String checkpoint() {
    Checkpoint c = checkpoints.latestOnDisk();
    return c == null ? null : c.path().toString();
  }

  /** The trial's checkpoints and their retention. */
  public CheckpointManager checkpoints() {
    return checkpoints;
  }

  /** Replaces the checkpoint manager (the experiment's retention settings). */
  void setCheckpoints(CheckpointManager m) {
    this.checkpoints = m;
    view = null;
  }

  /** Called when a checkpoint was added, so schedulers see it. */
  void checkpointsChanged() {
    view = null;
  }

  /** The checkpoint to restore from when the trial (re)starts, or null. */
  public Checkpoint restoreFrom() {
    return restoreFrom;
  }

  /** Sets (retaining) the checkpoint to restore from, releasing the previous one. */
  void setRestoreFrom(Checkpoint c) {
    if (c != null) {
      c.retain();
    }
    if (restoreFrom != null) {
      restoreFrom.release();
    }
    restoreFrom = c;
  }

  /**
   * Stores the archive a save answered: unpacked into the trial's directory (a checkpoint there
   * with the driver's metadata) unless it was an in-memory save; a PAUSE's checkpoint becomes
   * the one to restore from.
   */
  void store(PendingSave s, byte[] archive) throws java.io.IOException {
    long iteration = io.tune4j.tune.execution.CheckpointArchive.iteration(archive);
    Checkpoint c;
    if (s.kind() != SaveKind.MEMORY) {
      Path path = io.tune4j.tune.execution.CheckpointArchive.unpack(archive, logdir);
      c = Checkpoint.onDisk(path, iteration, s.resultCount(), s.result());
      c.writeInfo(s.result());
    } else {
      c = Checkpoint.inMemory(archive, iteration, s.resultCount(), s.result());
    }
    checkpoints.add(c);
    view = null;
    if (s.kind() == SaveKind.PAUSE) {
      setRestoreFrom(c);
    }
  }

  /**
   * PBT's exploit, after the trial's actor was stopped: the trial continues from a copy of
   * another trial's checkpoint (in memory, counted as this trial's newest, at its own result
   * count) with a new config, and its name shows the perturbation.
   */
  void takeOver(Checkpoint source, Map<String, Object> newConfig, String note) {
    Checkpoint copy = Checkpoint.inMemory(source.archive(), source.iteration(), numResults, source.result());
    setConfig(new LinkedHashMap<>(newConfig));
    markPerturbed(note);
    checkpoints.add(copy);
    setRestoreFrom(copy);
  }

  /**
   * The archive the trial restores from when it starts: its own checkpoint to restore, else the
   * experiment's {@code restore} path, else null.
   */
  byte[] restoreArchive(String experimentRestore) throws java.io.IOException {
    if (restoreFrom != null) {
      return restoreFrom.archive();
    }
    return experimentRestore == null ? null
        : io.tune4j.tune.execution.CheckpointArchive.packPath(Path.of(experimentRestore));
  }

  /** Sets how many results the trial has logged (after its files were cut back). */
  void setNumResults(int n) {
    numResults = n;
    view = null;
  }

  /** Wall-clock start in epoch millis, or -1. */
  public long startMillis() {
    return startMillis;
  }

  /** Wall-clock end in epoch millis, or -1. */
  public long endMillis() {
    return endMillis;
  }

  /** Monotonic start, for durations. */
  public long startNanos() {
    return startNanos;
  }

  /** Monotonic end, for durations. */
  public long endNanos() {
    return endNanos;
  }

  @Override
  public String toString() {
    return name;
  }
}
