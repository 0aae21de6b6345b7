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
import java.util.Iterator;
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
 * @param variants the variants to turn into trials, lazily
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
 */
public record ExperimentPlan(
    Path experimentDir,
    String trainableName,
    TrainableFactory factory,
    Iterator<Variant> variants,
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
    PrintStream out) {
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
  @SuppressWarnings("unchecked")
  public Trial newTrial(Variant v) {
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
    Trial t = new Trial(trainableName, factory, v.index(), v.experimentTag(), config, v.resolvedVars(), resources);
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
