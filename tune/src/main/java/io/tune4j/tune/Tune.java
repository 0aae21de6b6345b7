package io.tune4j.tune;

import io.tune4j.schedulers.FifoScheduler;
import io.tune4j.schedulers.TrialScheduler;
import io.tune4j.search.BasicVariantSearcher;
import io.tune4j.search.Choice;
import io.tune4j.search.GridSearch;
import io.tune4j.search.LogUniform;
import io.tune4j.search.QLogUniform;
import io.tune4j.search.QRandInt;
import io.tune4j.search.QRandN;
import io.tune4j.search.QUniform;
import io.tune4j.search.RandInt;
import io.tune4j.search.RandN;
import io.tune4j.search.SampleFrom;
import io.tune4j.search.SearchSpace;
import io.tune4j.search.Searcher;
import io.tune4j.search.SpecFunction;
import io.tune4j.search.Uniform;
import io.tune4j.search.variant.VariantGenerator;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import io.tune4j.tune.execution.ActorTrialExecutor;
import io.tune4j.tune.logger.Loggers;
import io.tune4j.tune.stopper.CriteriaStopper;
import io.tune4j.tune.stopper.Stopper;
import io.tune4j.tune.trainable.Trainable;
import io.tune4j.tune.trainable.TrainableFactory;
import io.tune4j.tune.trainable.TrainableFunction;
import io.tune4j.tune.trainable.TrainableRegistry;
import io.tune4j.tune.trial.ExperimentPlan;
import io.tune4j.tune.trial.ResumedExperiment;
import io.tune4j.tune.trial.Trial;
import io.tune4j.tune.trial.TrialRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tune's entry points: run experiments and build search spaces.
 *
 * <pre>{@code
 * ExperimentAnalysis a = Tune.run(
 *     (config, reporter) -> {
 *       for (int i = 0; i < 10; i++) reporter.report("mean_loss", (double) config.get("lr") * i);
 *     },
 *     Map.of("training_iteration", 5),
 *     Map.of("lr", Tune.gridSearch(0.1, 0.01), "momentum", Tune.uniform(0.1, 0.9)));
 * }</pre>
 */
public final class Tune {
  private static final java.time.format.DateTimeFormatter SESSION_DATE =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

  private Tune() {}

  /** Runs {@code trainable} (a registered name, function or class) with a stop dict and config. */
  public static ExperimentAnalysis run(Object trainable, Map<String, ?> stop, Map<String, ?> config) {
    return run(RunOptions.of(trainable).stop(stop).config(config));
  }

  /**
   * Runs a function trainable written as a lambda, with Tune's stop dict and a config holding
   * search-space primitives.
   *
   * <pre>{@code
   * Tune.run((config, reporter) -> reporter.report("mean_loss", (double) config.get("lr")),
   *     Map.of("training_iteration", 10), Map.of("lr", Tune.gridSearch(0.1, 0.01)));
   * }</pre>
   */
  public static ExperimentAnalysis run(TrainableFunction trainable, Map<String, ?> stop, Map<String, ?> config) {
    return run(RunOptions.of(trainable).stop(stop).config(config));
  }

  /**
   * Runs an experiment to completion: expands the config into trials, runs them as Ray actors
   * within the CPU/GPU budget, writes their result files, and returns their outcome.
   *
   * @throws TrialsFailedException if a trial failed and {@code raise_on_failed_trial} is on
   * @throws TuneException for bad options (naming the option) or an unwritable {@code local_dir}
   */
  public static ExperimentAnalysis run(RunOptions o) {
    String trainableName = trainableName(o.trainable);
    TrainableFactory factory = factory(o.trainable);
    String name = o.name != null ? o.name : trainableName;
    Path localDir = o.localDir != null ? o.localDir : defaultLocalDir();
    Path experimentDir = localDir.resolve(name).toAbsolutePath();
    try {
      Files.createDirectories(experimentDir);
    } catch (IOException | SecurityException e) {
      throw new TuneException("cannot create the experiment directory '" + experimentDir
          + "' (local_dir '" + localDir + "'): " + e, e);
    }
    if (!Files.isWritable(experimentDir)) {
      throw new TuneException("local_dir is not writable: '" + experimentDir + "'");
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("config", o.config);
    if (o.resourcesPerTrial != null) {
      root.put("resources_per_trial", o.resourcesPerTrial);
    }
    Searcher searcher;
    List<String> searched = List.of();
    if (o.searchAlg == null) {
      searcher = new BasicVariantSearcher(new VariantGenerator(root, o.numSamples, o.seed));
    } else {
      searcher = o.searchAlg;
      searched = searchedPaths(o.config, "");
      boolean ready;
      try {
        ready = searcher.setSearchProperties(o.metric, o.mode, o.config);
      } catch (IllegalArgumentException e) {
        throw new TuneException("search_alg " + searcher.getClass().getSimpleName() + ": " + e.getMessage(), e);
      }
      if (!ready) {
        throw new TuneException("search_alg " + searcher.getClass().getSimpleName()
            + " needs a metric, a mode and a search space: pass metric(...) and mode(...) to it or to"
            + " Tune.run, and put search-space domains (Tune.uniform, ...) in the config");
      }
    }
    TrialScheduler scheduler = o.scheduler != null ? o.scheduler : new FifoScheduler();
    if (o.scheduler != null) {
      boolean ready;
      try {
        ready = scheduler.setSearchProperties(o.metric, o.mode);
      } catch (IllegalArgumentException e) {
        throw new TuneException("scheduler " + scheduler.getClass().getSimpleName() + ": " + e.getMessage(), e);
      }
      if (!ready) {
        throw new TuneException("scheduler " + scheduler.getClass().getSimpleName()
            + " needs a metric and a mode: pass them to the scheduler or to Tune.run (metric(...), mode(...))");
      }
    }
    List<Trial> resumed = null;
    if (o.resume) {
      ResumedExperiment r = ResumedExperiment.load(experimentDir, trainableName, factory, o.resumeErrored);
      resumed = r.trials();
      if (r.runnerData().get("searcher") instanceof Map<?, ?> m) {
        searcher.restoreState(castMap(m));
      }
      if (r.runnerData().get("scheduler") instanceof Map<?, ?> m) {
        scheduler.restoreState(castMap(m));
      }
      if (o.verbose >= 1) {
        o.out.println("Resuming experiment " + experimentDir + " from " + r.stateFile().getFileName() + " ("
            + resumed.size() + " trials)");
      }
    }
    CriteriaStopper criteria = new CriteriaStopper(o.stop);
    Stopper userStopper = o.stopper;
    Stopper stopper =
        userStopper == null
            ? criteria
            : new Stopper() {
              @Override
              public boolean shouldStopTrial(String id, Map<String, Object> r) {
                return criteria.shouldStopTrial(id, r) || userStopper.shouldStopTrial(id, r);
              }

              @Override
              public boolean shouldStopAll() {
                return userStopper.shouldStopAll();
              }
            };
    boolean reuse = o.reuseActors != null ? o.reuseActors : o.trainable instanceof TrainableFunction;
    ExperimentPlan plan =
        new ExperimentPlan(
            experimentDir, trainableName, factory, searcher, o.numSamples, o.resourcesPerTrial, searched, stopper,
            o.loggers != null ? o.loggers : Loggers.defaults(), o.trialNameCreator, o.verbose,
            o.maxConcurrentTrials, o.checkpointFreq, o.checkpointAtEnd, reuse, o.timeBudgetS,
            o.restore, o.maxFailures, o.resultBufferLength, o.out, o.keepCheckpointsNum,
            o.checkpointScoreAttr, o.globalCheckpointPeriodS, resumed);
    ActorTrialExecutor executor = new ActorTrialExecutor(o.rayNumCpus, o.rayNumGpus);
    String sessionDate = java.time.LocalDateTime.now().format(SESSION_DATE);
    long runStart = System.nanoTime();
    TrialRunner runner = new TrialRunner(plan, scheduler, executor, sessionDate);
    List<Trial> trials = runner.run();
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("wall_s", (System.nanoTime() - runStart) / 1e9);
    stats.putAll(runner.stateStats());
    List<TrialResult> results = new ArrayList<>(trials.size());
    List<String> failed = new ArrayList<>();
    for (Trial t : trials) {
      results.add(new TrialResult(t.trialId(), t.name(), t.status().name(), t.config(), t.lastResult(),
          t.logdir(), t.checkpoint(), t.errorFile(), t.errorMessage(), t.startMillis(), t.endMillis()));
      if (t.status().name().equals("ERROR")) {
        failed.add(t.name());
      }
    }
    ExperimentAnalysis analysis = new ExperimentAnalysis(experimentDir, results, stats);
    if (!failed.isEmpty()) {
      if (o.verbose >= 1) {
        o.out.println("Number of errored trials: " + failed.size());
        for (TrialResult t : analysis.errors()) {
          o.out.println(" - " + t.name() + ": " + t.errorMessage()
              + (t.errorFile() == null ? "" : " (" + t.errorFile() + ")"));
        }
      }
      if (o.raiseOnFailedTrial) {
        StringBuilder msg = new StringBuilder("Trials did not complete: " + failed);
        for (TrialResult t : analysis.errors()) {
          msg.append("\n - ").append(t.name()).append(": ").append(t.errorMessage());
        }
        throw new TrialsFailedException(msg.toString(), analysis);
      }
    }
    return analysis;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  /** Dotted paths of the config's search-space domains, sorted, for trial tags. */
  @SuppressWarnings("unchecked")
  private static List<String> searchedPaths(Map<String, ?> config, String prefix) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, ?> e : config.entrySet()) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (io.tune4j.search.Domain.asDomain(e.getValue()) != null) {
        out.add(path);
      } else if (e.getValue() instanceof Map<?, ?> m) {
        out.addAll(searchedPaths((Map<String, ?>) m, path));
      }
    }
    java.util.Collections.sort(out);
    return out;
  }

  /** {@code $TUNE_RESULT_DIR}, else {@code ~/ray_results}. */
  public static Path defaultLocalDir() {
    String env = System.getenv("TUNE_RESULT_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(RunOptions.expandHome(env));
    }
    return Path.of(System.getProperty("user.home"), "ray_results");
  }

  /** Registers a trainable under {@code name} (a function, class or factory). */
  public static void registerTrainable(String name, Object trainable) {
    TrainableRegistry.register(name, factory(trainable));
  }

  /**
   * Registers a function trainable, written as a lambda, under {@code name}.
   *
   * <pre>{@code
   * Tune.registerTrainable("my_fn", (config, reporter) -> reporter.report("x", 1));
   * Tune.run("my_fn", Map.of("training_iteration", 1), Map.of());
   * }</pre>
   */
  public static void registerTrainable(String name, TrainableFunction trainable) {
    TrainableRegistry.register(name, factory(trainable));
  }

  @SuppressWarnings("unchecked")
  static TrainableFactory factory(Object trainable) {
    if (trainable instanceof String s) {
      if (TrainableRegistry.contains(s)) {
        return TrainableRegistry.get(s);
      }
      if (s.contains(".")) {
        try {
          Class<?> c = Class.forName(s);
          if (Trainable.class.isAssignableFrom(c)) {
            return TrainableFactory.of((Class<? extends Trainable>) c);
          }
        } catch (ClassNotFoundException e) {
          // fall through to the registry's error
        }
      }
      return TrainableRegistry.get(s);
    }
    if (trainable instanceof TrainableFunction f) {
      return TrainableFactory.of(f);
    }
    if (trainable instanceof TrainableFactory f) {
      return f;
    }
    if (trainable instanceof Class<?> c && Trainable.class.isAssignableFrom(c)) {
      return TrainableFactory.of((Class<? extends Trainable>) c);
    }
    throw new TuneException("cannot run '" + trainable + "': pass a registered trainable name, a"
        + " TrainableFunction, a TrainableFactory or a Trainable class");
  }

  static String trainableName(Object trainable) {
    if (trainable instanceof String s) {
      return s.contains(".") ? s.substring(s.lastIndexOf('.') + 1) : s;
    }
    if (trainable instanceof Class<?> c) {
      return c.getSimpleName();
    }
    return "func";
  }

  // Search-space primitives (Tune's tune.grid_search, tune.uniform, ...).

  /** Tries every value (grid search). */
  public static GridSearch gridSearch(Object... values) {
    return SearchSpace.gridSearch(values);
  }

  /** Tries every value (grid search). */
  public static GridSearch gridSearch(List<?> values) {
    return SearchSpace.gridSearch(values);
  }

  /** A value computed from the other resolved values: {@code spec -> spec.config("a.b")}. */
  public static SampleFrom sampleFrom(SpecFunction fn) {
    return SearchSpace.sampleFrom(fn);
  }

  /** Uniform in [lower, upper). */
  public static Uniform uniform(double lower, double upper) {
    return SearchSpace.uniform(lower, upper);
  }

  /** Uniform, rounded to a multiple of q. */
  public static QUniform quniform(double lower, double upper, double q) {
    return SearchSpace.quniform(lower, upper, q);
  }

  /** Log-uniform (base 10) in [lower, upper). */
  public static LogUniform loguniform(double lower, double upper) {
    return SearchSpace.loguniform(lower, upper);
  }

  /** Log-uniform with the given base. */
  public static LogUniform loguniform(double lower, double upper, double base) {
    return SearchSpace.loguniform(lower, upper, base);
  }

  /** Log-uniform, rounded to a multiple of q. */
  public static QLogUniform qloguniform(double lower, double upper, double q) {
    return SearchSpace.qloguniform(lower, upper, q);
  }

  /** One of the values, uniformly. */
  public static Choice choice(Object... values) {
    return SearchSpace.choice(values);
  }

  /** An integer in [lower, upper). */
  public static RandInt randint(int lower, int upper) {
    return SearchSpace.randint(lower, upper);
  }

  /** An integer in [lower, upper], a multiple of q. */
  public static QRandInt qrandint(int lower, int upper, int q) {
    return SearchSpace.qrandint(lower, upper, q);
  }

  /** Normal with mean 0 and sd 1. */
  public static RandN randn() {
    return SearchSpace.randn();
  }

  /** Normal with the given mean and sd. */
  public static RandN randn(double mean, double sd) {
    return SearchSpace.randn(mean, sd);
  }

  /** Normal, rounded to a multiple of q. */
  public static QRandN qrandn(double mean, double sd, double q) {
    return SearchSpace.qrandn(mean, sd, q);
  }
}
