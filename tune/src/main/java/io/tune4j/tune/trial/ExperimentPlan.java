package io.tune4j.tune.trial;

import io.tune4j.search.variant.Variant;
import io.tune4j.tune.TuneException;
import io.tune4j.tune.execution.ResultCodec;
import io.tune4j.tune.logger.ResultLoggerFactory;
import io.tune4j.tune.stopper.Stopper;
import io.tune4j.tune.trainable.Trainable;
import io.tune4j.tune.trainable.TrainableFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An experiment ready to run: the trainable, where results go, how trials are made from variants
 * and the runner's settings. Built by {@code Tune.run} from {@code RunOptions}.
 *
 * @param experimentDir {@code <local_dir>/<name>}
 * @param trainableName the trainable's name (trial names start with it)
 * @param factory creates trainables
 * @param searcher proposes trials (a {@link io.tune4j.search.BasicVariantSearcher} for grid and
 *     random search)
 * @param numSamples how many trials a searcher other than the basic one may propose
 * @param resourcesPerTrial the raw {@code resources_per_trial} for trials a searcher proposes
 *     (null: the trainable's default)
 * @param searchedPaths dotted config paths the searcher varies, named in trial tags
 * @param stopper the stop criteria and custom stopper combined
 * @param loggers result loggers for each trial
 * @param trialNameCreator names trials, or null for Tune's default
 * @param verbose 0..3
 * @param maxConcurrent running-trial limit (0: none)
 * @param checkpointFreq checkpoint every N results (0: off)
 * @param checkpointAtEnd checkpoint when a trial finishes
 * @param reuseActors reuse finished trials' trainables for the next trial
 * @param timeBudgetS experiment time budget in seconds (0: none)
 * @param restore checkpoint every trial restores from, or null
 * @param maxFailures restarts from checkpoint per trial
 * @param resultBufferLength results per actor call
 * @param out status output
 * @param keepCheckpointsNum on-disk checkpoints kept per trial by score (0: all)
 * @param checkpointScoreAttr the result key ranking checkpoints ({@code min-} prefix minimizes)
 * @param checkpointPeriodS least seconds between experiment-state writes (the writes also take
 *     at most ~5 % of wall time)
 * @param resumed trials of the experiment being resumed, or null
 */
public record ExperimentPlan(
    Path experimentDir,
    String trainableName,
    TrainableFactory factory,
    io.tune4j.search.Searcher searcher,
    int numSamples,
    Map<String, Object> resourcesPerTrial,
    List<String> searchedPaths,
    Stopper stopper,
    List<ResultLoggerFactory> loggers,
    Function<Trial, String> trialNameCreator,
    int verbose,
    int maxConcurrent,
    int checkpointFreq,
    boolean checkpointAtEnd,
    boolean reuseActors,
    double timeBudgetS,
    String restore,
    int maxFailures,
    int resultBufferLength,
    PrintStream out,
    int keepCheckpointsNum,
    String checkpointScoreAttr,
    double checkpointPeriodS,
    List<Trial> resumed) {
  /** One never-set-up instance per factory, asked for default resource requests. */
  private static final Map<TrainableFactory, Trainable> PROBES =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  /** How long a trial may keep buffering results in one actor call. */
  public long bufferNanos() {
    return resultBufferLength > 1 ? 1_000_000_000L : 0L;
  }

  /**
   * Makes a trial from a variant: its config, its resources (the variant's {@code
   * resources_per_trial}, else the trainable's default request, else 1 CPU) and its name.
   *
   * @throws IllegalArgumentException naming the trial and key for bad resources or a config
   *     value that cannot reach an actor
   */
  public Trial newTrial(Variant v) {
    return newTrial(null, v, v.experimentTag());
  }

  /**
   * Makes trial {@code trialId} from a config a searcher proposed: {@code resources_per_trial}
   * is resolved against it (its {@code sample_from} functions see the config) and the tag names
   * the searched values ({@code <index>_<k=v,...>}).
   */
  public Trial newTrial(String trialId, int index, Map<String, Object> config) {
    Map<String, Object> root = new java.util.LinkedHashMap<>();
    root.put("config", config);
    if (resourcesPerTrial != null) {
      root.put("resources_per_trial", resourcesPerTrial);
    }
    Variant v = new io.tune4j.search.variant.VariantGenerator(root, 1, null).iterator().next();
    java.util.StringJoiner vars = new java.util.StringJoiner(",");
    for (String path : searchedPaths) {
      Object value = io.tune4j.tune.stopper.CriteriaStopper.lookup(config, path.replace('.', '/'));
      String key = path.substring(path.lastIndexOf('.') + 1);
      vars.add(io.tune4j.search.variant.ExperimentTags.cleanValue(key) + "="
          + io.tune4j.search.variant.ExperimentTags.cleanValue(value));
    }
    String tag = vars.length() == 0 ? Integer.toString(index) : index + "_" + vars;
    return newTrial(trialId, new Variant(index, tag, v.resolved(), v.resolvedVars()), tag);
  }

  @SuppressWarnings("unchecked")
  private Trial newTrial(String trialId, Variant v, String tag) {
    Map<String, Object> resolved = v.resolved();
    Map<String, Object> config = (Map<String, Object>) resolved.getOrDefault("config", Map.of());
    String where = "trial " + v.index() + " (" + trainableName + "_" + v.experimentTag() + ")";
    checkSendable(config, where);
    Object rs = resolved.get("resources_per_trial");
    Resources resources;
    Resources requested = defaultRequest(config);
    if (rs instanceof Map<?, ?> m && !m.isEmpty()) {
      if (requested != null) {
        throw new IllegalArgumentException(
            where + ": resources_per_trial was given, but " + trainableName
                + " sets its own resources (" + requested + ") from its config; remove"
                + " resources_per_trial and use the trainable's config keys instead (e.g."
                + " num_workers, num_gpus)");
      }
      resources = Resources.parse((Map<String, ?>) m, where);
    } else if (rs != null && !(rs instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(where + ": resources_per_trial must be a map, got '" + rs + "'");
    } else {
      resources = requested != null ? requested : Resources.defaults();
    }
    Trial t = trialId == null
        ? new Trial(trainableName, factory, v.index(), tag, config, v.resolvedVars(), resources)
        : new Trial(trialId, trainableName, factory, v.index(), tag, config, v.resolvedVars(), resources);
    if (trialNameCreator != null) {
      t.setName(trialNameCreator.apply(t));
    }
    return t;
  }

  /** A placeholder trial for a variant that could not become one (it is marked ERROR). */
  @SuppressWarnings("unchecked")
  public Trial failedTrial(Variant v) {
    Object c = v.resolved().get("config");
    Map<String, Object> config = c instanceof Map<?, ?> ? (Map<String, Object>) c : Map.of();
    return new Trial(trainableName, factory, v.index(), v.experimentTag(), config, v.resolvedVars(), Resources.of(0, 0));
  }

  /** Checks that the config can reach an actor, naming the first key whose value cannot. */
  private static void checkSendable(Map<String, Object> config, String where) {
    try {
      ResultCodec.encodeMap(config);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": config " + e.getMessage(), e);
    }
  }

  /**
   * The trainable's own request for {@code config}, from one probe instance per plan (never set
   * up; {@link Trainable#defaultResourceRequest} depends only on the config it is given).
   */
  private Resources defaultRequest(Map<String, Object> config) {
    return PROBES.computeIfAbsent(factory, f -> createProbe()).defaultResourceRequest(config);
  }

  private Trainable createProbe() {
    try {
      return factory.create();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new TuneException("cannot create trainable " + trainableName + ": " + e, e);
    }
  }
}
