package io.tune4j.tune;

import io.tune4j.schedulers.TrialScheduler;
import io.tune4j.tune.logger.ResultLoggerFactory;
import io.tune4j.tune.stopper.Stopper;
import io.tune4j.tune.trial.Trial;
import io.tune4j.tune.util.Suggest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Everything {@code Tune.run} accepts, with Tune's names and defaults. Fluent setters; {@link
 * #fromMap} reads the snake_case form used by experiment files and the CLI.
 *
 * <pre>{@code
 * ExperimentAnalysis a = Tune.run(RunOptions.of((config, reporter) -> reporter.report("mean_loss", (double) config.get("lr")))
 *     .name("sweep").config(Map.of("lr", Tune.gridSearch(0.1, 0.01)))
 *     .stop(Map.of("training_iteration", 10)).numSamples(2));
 * }</pre>
 */
public final class RunOptions {
  /** The snake_case keys {@link #fromMap} understands. */
  public static final Set<String> KEYS =
      Set.of(
          "run", "name", "stop", "config", "num_samples", "local_dir", "resources_per_trial",
          "verbose", "max_concurrent_trials", "raise_on_failed_trial", "seed", "checkpoint_freq",
          "checkpoint_at_end", "reuse_actors", "time_budget_s", "restore", "max_failures",
          "result_buffer_length", "env", "metric", "mode", "keep_checkpoints_num",
          "checkpoint_score_attr", "resume");

  final Object trainable;
  String name;
  Map<String, Object> stop = Map.of();
  Stopper stopper;
  Map<String, Object> config = Map.of();
  int numSamples = 1;
  Path localDir;
  Map<String, Object> resourcesPerTrial;
  Function<Trial, String> trialNameCreator;
  int verbose = 2;
  int maxConcurrentTrials;
  boolean raiseOnFailedTrial = true;
  Long seed;
  List<ResultLoggerFactory> loggers;
  int checkpointFreq;
  boolean checkpointAtEnd;
  Boolean reuseActors;
  TrialScheduler scheduler;
  double timeBudgetS;
  String restore;
  int maxFailures;
  int resultBufferLength = 1;
  String metric;
  io.tune4j.search.Mode mode;
  io.tune4j.search.Searcher searchAlg;
  int keepCheckpointsNum;
  String checkpointScoreAttr;
  boolean resume;
  boolean resumeErrored;
  double globalCheckpointPeriodS = defaultCheckpointPeriod();
  Integer rayNumCpus;
  Integer rayNumGpus;
  PrintStream out = System.out;

  private RunOptions(Object trainable) {
    if (trainable == null) {
      throw new IllegalArgumentException("trainable must not be null");
    }
    this.trainable = trainable;
  }

  /**
   * Options for running {@code trainable}: a registered name ({@code "PPO"}), a {@link
   * io.tune4j.tune.trainable.TrainableFunction}, or a {@link io.tune4j.tune.trainable.Trainable}
   * class.
   */
  public static RunOptions of(Object trainable) {
    return new RunOptions(trainable);
  }

  /**
   * Options for running a function trainable, written as a lambda.
   *
   * <pre>{@code
   * RunOptions.of((config, reporter) -> reporter.report("mean_loss", 1.0)).numSamples(4);
   * }</pre>
   */
  public static RunOptions of(io.tune4j.tune.trainable.TrainableFunction trainable) {
    return new RunOptions(trainable);
  }

  /**
   * Reads snake_case options (an experiment spec such as RLlib's tuned-example YAML entry).
   * {@code env} is moved into {@code config}. An unknown key is an error naming it and the closest
   * valid key.
   */
  @SuppressWarnings("unchecked")
  public static RunOptions fromMap(String experimentName, Map<String, ?> spec) {
    for (String k : spec.keySet()) {
      if (!KEYS.contains(k)) {
        throw new TuneException(
            "experiment '" + experimentName + "': unknown key '" + k + "'"
                + Suggest.didYouMean(k, KEYS) + " (valid keys: " + new TreeSet<>(KEYS) + ")");
      }
    }
    Object run = spec.get("run");
    if (run == null) {
      throw new TuneException("experiment '" + experimentName + "': missing key 'run'");
    }
    RunOptions o = new RunOptions(run).name(experimentName);
    Map<String, Object> config = new LinkedHashMap<>();
    if (spec.get("config") instanceof Map<?, ?> m) {
      config.putAll((Map<String, Object>) m);
    } else if (spec.get("config") != null) {
      throw new TuneException("experiment '" + experimentName + "': 'config' must be a map");
    }
    if (spec.get("env") != null) {
      config.put("env", spec.get("env"));
    }
    o.config(config);
    if (spec.get("stop") instanceof Map<?, ?> m) {
      o.stop((Map<String, Object>) m);
    } else if (spec.get("stop") != null) {
      throw new TuneException("experiment '" + experimentName + "': 'stop' must be a map");
    }
    if (spec.get("resources_per_trial") instanceof Map<?, ?> m) {
      o.resourcesPerTrial((Map<String, Object>) m);
    }
    o.numSamples(intKey(experimentName, spec, "num_samples", 1));
    o.checkpointFreq(intKey(experimentName, spec, "checkpoint_freq", 0));
    o.maxFailures(intKey(experimentName, spec, "max_failures", 0));
    o.maxConcurrentTrials(intKey(experimentName, spec, "max_concurrent_trials", 0));
    o.resultBufferLength(intKey(experimentName, spec, "result_buffer_length", 1));
    if (spec.containsKey("verbose")) {
      o.verbose(intKey(experimentName, spec, "verbose", 2));
    }
    if (spec.get("checkpoint_at_end") != null) {
      o.checkpointAtEnd(boolKey(experimentName, spec, "checkpoint_at_end"));
    }
    if (spec.get("raise_on_failed_trial") != null) {
      o.raiseOnFailedTrial(boolKey(experimentName, spec, "raise_on_failed_trial"));
    }
    if (spec.get("reuse_actors") != null) {
      o.reuseActors(boolKey(experimentName, spec, "reuse_actors"));
    }
    if (spec.get("local_dir") != null) {
      o.localDir(Path.of(expandHome(String.valueOf(spec.get("local_dir")))));
    }
    if (spec.get("restore") != null) {
      o.restore(String.valueOf(spec.get("restore")));
    }
    o.keepCheckpointsNum(intKey(experimentName, spec, "keep_checkpoints_num", 0));
    if (spec.get("checkpoint_score_attr") != null) {
      o.checkpointScoreAttr(String.valueOf(spec.get("checkpoint_score_attr")));
    }
    if (spec.get("metric") != null) {
      o.metric(String.valueOf(spec.get("metric")));
    }
    if (spec.get("mode") != null) {
      try {
        o.mode(io.tune4j.search.Mode.of(String.valueOf(spec.get("mode"))));
      } catch (IllegalArgumentException e) {
        throw new TuneException("experiment '" + experimentName + "': " + e.getMessage());
      }
    }
    if (spec.get("resume") != null) {
      o.resume(boolKey(experimentName, spec, "resume"));
    }
    if (spec.get("seed") instanceof Number n) {
      o.seed(n.longValue());
    }
    if (spec.get("time_budget_s") instanceof Number n) {
      o.timeBudgetS(n.doubleValue());
    }
    return o;
  }

  private static int intKey(String exp, Map<String, ?> spec, String key, int dflt) {
    Object v = spec.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new TuneException(
        "experiment '" + exp + "': '" + key + "' must be an integer, got '" + v + "'");
  }

  private static boolean boolKey(String exp, Map<String, ?> spec, String key) {
    Object v = spec.get(key);
    if (v instanceof Boolean b) {
      return b;
    }
    throw new TuneException(
        "experiment '" + exp + "': '" + key + "' must be true or false, got '" + v + "'");
  }

  /** Expands a leading {@code ~} to the user's home directory. */
  public static String expandHome(String p) {
    return p.startsWith("~") ? System.getProperty("user.home") + p.substring(1) : p;
  }

  /** Experiment name (default: the trainable's name). */
  public RunOptions name(String name) {
    this.name = name;
    return this;
  }

  /** Tune's stop dict: stop a trial when any key reaches its value. */
  public RunOptions stop(Map<String, ?> stop) {
    this.stop = stop == null ? Map.of() : new LinkedHashMap<>(stop);
    return this;
  }

  /** A custom stopper, checked in addition to the stop dict. */
  public RunOptions stopper(Stopper stopper) {
    this.stopper = stopper;
    return this;
  }

  /** The config, with search-space primitives anywhere inside. */
  public RunOptions config(Map<String, ?> config) {
    this.config = config == null ? Map.of() : new LinkedHashMap<>(config);
    return this;
  }

  /** Repeats the whole grid this many times. */
  public RunOptions numSamples(int n) {
    if (n < 1) {
      throw new TuneException("num_samples must be >= 1, got " + n);
    }
    this.numSamples = n;
    return this;
  }

  /** Where experiments go (default {@code ~/ray_results} or {@code $TUNE_RESULT_DIR}). */
  public RunOptions localDir(Path dir) {
    this.localDir = dir;
    return this;
  }

  /** Tune's resources_per_trial; values may be {@code Tune.sampleFrom(spec -> ...)}. */
  public RunOptions resourcesPerTrial(Map<String, Object> resources) {
    this.resourcesPerTrial = resources;
    return this;
  }

  /** Names trials (default {@code <trainable>[_<env>]_<experiment_tag>}). */
  public RunOptions trialNameCreator(Function<Trial, String> creator) {
    this.trialNameCreator = creator;
    return this;
  }

  /** 0 silent, 1 status, 2 status and per-trial results at the end (default), 3 every result. */
  public RunOptions verbose(int verbose) {
    if (verbose < 0 || verbose > 3) {
      throw new TuneException("verbose must be 0, 1, 2 or 3, got " + verbose);
    }
    this.verbose = verbose;
    return this;
  }

  /** At most this many trials run at once (0: as many as resources allow). */
  public RunOptions maxConcurrentTrials(int n) {
    if (n < 0) {
      throw new TuneException("max_concurrent_trials must be >= 0, got " + n);
    }
    this.maxConcurrentTrials = n;
    return this;
  }

  /** Throw a {@link TuneException} at the end if any trial failed (default true). */
  public RunOptions raiseOnFailedTrial(boolean b) {
    this.raiseOnFailedTrial = b;
    return this;
  }

  /** Seeds variant generation so a run's configs are identical run to run. */
  public RunOptions seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** Result loggers (default JSON, CSV and TensorBoard). */
  public RunOptions loggers(List<ResultLoggerFactory> loggers) {
    this.loggers = loggers;
    return this;
  }

  /** Checkpoint every N iterations (0: off). */
  public RunOptions checkpointFreq(int n) {
    if (n < 0) {
      throw new TuneException("checkpoint_freq must be >= 0, got " + n);
    }
    this.checkpointFreq = n;
    return this;
  }

  /** Checkpoint when a trial finishes. */
  public RunOptions checkpointAtEnd(boolean b) {
    this.checkpointAtEnd = b;
    return this;
  }

  /** Reuse a finished trial's actor for the next trial (default: on for function trainables). */
  public RunOptions reuseActors(Boolean b) {
    this.reuseActors = b;
    return this;
  }

  /** The trial scheduler (default FIFO). */
  public RunOptions scheduler(TrialScheduler scheduler) {
    this.scheduler = scheduler;
    return this;
  }

  /** Stops every trial once the experiment has run this many seconds (0: no budget). */
  public RunOptions timeBudgetS(double s) {
    if (s < 0) {
      throw new TuneException("time_budget_s must be >= 0, got " + s);
    }
    this.timeBudgetS = s;
    return this;
  }

  /** A checkpoint path every trial restores from before training. */
  public RunOptions restore(String path) {
    this.restore = path;
    return this;
  }

  /**
   * Restarts a failed trial up to N times (0: never, -1: always), from its latest checkpoint, or
   * from scratch when it has none; its result files are cut back to that checkpoint, so every
   * iteration is logged once.
   */
  public RunOptions maxFailures(int n) {
    if (n < -1) {
      throw new TuneException("max_failures must be >= -1 (-1: unlimited), got " + n);
    }
    this.maxFailures = n;
    return this;
  }

  /**
   * The metric that schedulers and search algorithms optimize, given once here (Tune 2.x); a
   * scheduler or searcher built without one uses it.
   */
  public RunOptions metric(String metric) {
    this.metric = metric;
    return this;
  }

  /** Whether {@link #metric} is maximized or minimized, given once here. */
  public RunOptions mode(io.tune4j.search.Mode mode) {
    this.mode = mode;
    return this;
  }

  /**
   * The search algorithm proposing trials (default: grid and random search over the config).
   * With one, {@link #numSamples} is the number of trials it proposes, and it is asked only when
   * a trial can start.
   */
  public RunOptions searchAlg(io.tune4j.search.Searcher searcher) {
    this.searchAlg = searcher;
    return this;
  }

  /** Keeps only the best N on-disk checkpoints per trial by {@link #checkpointScoreAttr}, plus the newest (0: all). */
  public RunOptions keepCheckpointsNum(int n) {
    if (n < 0) {
      throw new TuneException("keep_checkpoints_num must be >= 0 (0: keep all), got " + n);
    }
    this.keepCheckpointsNum = n;
    return this;
  }

  /** The result key ranking checkpoints, higher is better; a {@code min-} prefix minimizes (default training_iteration). */
  public RunOptions checkpointScoreAttr(String attr) {
    this.checkpointScoreAttr = attr;
    return this;
  }

  /**
   * Continues the experiment in {@code <local_dir>/<name>} from its newest experiment state:
   * finished trials stay finished, the others restart from their latest checkpoints, and the
   * search goes on where it stopped. The config and other options of this call are ignored for
   * trials that already exist, as in Tune.
   */
  public RunOptions resume(boolean b) {
    this.resume = b;
    return this;
  }

  /** With {@link #resume}, also runs trials that ended in ERROR again, from their latest checkpoints. */
  public RunOptions resumeErrored(boolean b) {
    this.resumeErrored = b;
    return this;
  }

  /**
   * Least seconds between experiment-state writes during a run (default 10, or {@code
   * $TUNE_GLOBAL_CHECKPOINT_S}); writes are also spaced so they take at most about 5 % of the
   * wall time.
   */
  public RunOptions globalCheckpointPeriodS(double s) {
    if (!(s >= 0)) {
      throw new TuneException("global checkpoint period must be >= 0 seconds, got " + s);
    }
    this.globalCheckpointPeriodS = s;
    return this;
  }

  private static double defaultCheckpointPeriod() {
    String env = System.getenv("TUNE_GLOBAL_CHECKPOINT_S");
    if (env == null || env.isBlank() || env.equalsIgnoreCase("auto")) {
      return 10.0;
    }
    try {
      return Double.parseDouble(env.trim());
    } catch (NumberFormatException e) {
      throw new TuneException("TUNE_GLOBAL_CHECKPOINT_S must be a number of seconds or 'auto', got '" + env + "'");
    }
  }

  /** Results a trial may return per actor call (Tune's result buffering; 1 = off). */
  public RunOptions resultBufferLength(int n) {
    if (n < 1) {
      throw new TuneException("result_buffer_length must be >= 1, got " + n);
    }
    this.resultBufferLength = n;
    return this;
  }

  /** CPUs to budget when Tune starts Ray in LOCAL mode (default: the machine's cores). */
  public RunOptions rayNumCpus(Integer n) {
    this.rayNumCpus = n;
    return this;
  }

  /** GPUs to budget when Tune starts Ray in LOCAL mode (default 0). */
  public RunOptions rayNumGpus(Integer n) {
    this.rayNumGpus = n;
    return this;
  }

  /** Where status output goes (default standard output). */
  public RunOptions out(PrintStream out) {
    this.out = out;
    return this;
  }

  /** The trainable as given. */
  public Object trainable() {
    return trainable;
  }

  /** The config as given. */
  public Map<String, Object> config() {
    return config;
  }
}
