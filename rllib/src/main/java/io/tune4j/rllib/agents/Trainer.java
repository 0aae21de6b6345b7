package io.tune4j.rllib.agents;

import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.evaluation.Metrics;
import io.tune4j.rllib.evaluation.MetricsWindow;
import io.tune4j.rllib.evaluation.RolloutWorker;
import io.tune4j.rllib.evaluation.WorkerMetrics;
import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.evaluation.WorkerSpec;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.PolicyFactory;
import io.tune4j.rllib.util.PublicApi;
import io.tune4j.tune.trainable.Trainable;
import io.tune4j.tune.trainable.TrainableContext;
import io.tune4j.tune.trial.Resources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.tune4j.rllib.optimizers.PolicyOptimizer;
import io.tune4j.rllib.optimizers.StepOutcome;
import io.tune4j.rllib.optimizers.SyncSamplesOptimizer;
import java.util.logging.Logger;

/**
 * An RLlib trainer: holds a policy for environment interaction, trains it, checkpoints it and
 * computes actions. A {@link Trainable}, so Tune runs it as a trial ({@code Tune.run("PPO", ...)});
 * usable directly as well:
 *
 * <pre>{@code
 * Map<String, Object> config = new HashMap<>(Map.of("num_workers", 1));
 * PpoTrainer trainer = new PpoTrainer(config, "CartPole-v0");
 * for (int i = 0; i < 10; i++) System.out.println(Trainer.prettyPrint(trainer.train()));
 * Path checkpoint = trainer.save();
 * }</pre>
 *
 * <p>An algorithm supplies its name, default config, policy factory and {@link #trainStep} (its
 * execution plan); the base class merges and validates the config, builds the {@link WorkerSet},
 * repeats {@code trainStep} for {@code min_iter_time_s} / {@code timesteps_per_iteration}, syncs
 * filters, collects episode metrics, evaluates and checkpoints.
 */
@PublicApi
public abstract class Trainer extends Trainable implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Trainer.class.getName());
  private Logger log = LOG;
  private PolicyOptimizer optimizer;

  private Map<String, Object> config;
  private WorkerSet workers;
  private WorkerSet evaluationWorkers;
  private MetricsWindow metricsWindow;
  private Callbacks callbacks;
  /** Env steps sampled so far. */
  protected long numStepsSampled;

  /** The algorithm's optimizer (set up by {@link #setup}). */
  protected PolicyOptimizer optimizer() {
    return optimizer;
  }
  /** Env steps trained on so far. */
  protected long numStepsTrained;
  private Path defaultCheckpointRoot;

  /** For Tune: configured later through {@code setup}. */
  protected Trainer() {}

  /**
   * The Java API: a trainer for {@code env} (a registered env id) with {@code config} overriding
   * the algorithm's defaults.
   */
  protected Trainer(Map<String, ?> config, String env) {
    Map<String, Object> c = new LinkedHashMap<>(config == null ? Map.of() : config);
    if (env != null) {
      c.put("env", env);
    }
    try {
      initialize(c, TrainableContext.detached());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(name() + " setup failed: " + e, e);
    }
  }

  /** The algorithm's registry name, e.g. "PPO". */
  public abstract String name();

  /** The algorithm's defaults that differ from {@link CommonConfig#DEFAULTS}. */
  protected abstract Map<String, Object> defaultConfig();

  /**
   * One line per config key this algorithm adds or whose default it changes, for the generated
   * config reference ({@link ConfigReference}); keys it shares with every trainer are described by
   * {@link CommonConfig#DESCRIPTIONS}.
   *
   * @return key to description; empty by default
   */
  public Map<String, String> configDescriptions() {
    return Map.of();
  }

  /** Builds the algorithm's policy. */
  protected abstract PolicyFactory policyFactory();

  /** Cross-key checks of the merged config; throws naming keys and values. */
  protected void validateConfig(Map<String, Object> merged) {}

  /**
   * The algorithm's distribution strategy (RLlib's {@code make_policy_optimizer}). The default is
   * RLlib's synchronous strategy (PG, A2C, PPO): {@code train_batch_size} steps from every worker,
   * then one {@code learnOnBatch} on the local policy.
   */
  protected PolicyOptimizer makeOptimizer(WorkerSet workers, Map<String, Object> config) {
    return new SyncSamplesOptimizer(workers, ((Number) config.get("train_batch_size")).intValue());
  }

  /**
   * How many remote rollout workers the {@link WorkerSet} gets: {@code num_workers} by default; ES,
   * which runs its own worker actors, returns 0.
   */
  protected int numRolloutWorkers(Map<String, Object> config) {
    return ((Number) config.get("num_workers")).intValue();
  }

  /** One step of the execution plan: the optimizer's {@code step()}. */
  protected StepOutcome trainStep() {
    return optimizer.step();
  }

  /** Whether learner stats go under {@code info/learner/default_policy} (PPO) or flat (PG). */
  protected boolean learnerStatsByPolicy() {
    return true;
  }

  /**
   * Merges and checks a user config the way {@link #setup} does.
   *
   * @throws ConfigException naming the key, the value and what is allowed
   */
  public Map<String, Object> mergeConfig(Map<String, ?> user) {
    try {
      Map<String, Object> merged = CommonConfig.merge(name(), defaultConfig(), user);
      validateConfig(merged);
      return merged;
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  @Override
  protected void setup(Map<String, Object> userConfig) throws Exception {
    config = mergeConfig(userConfig);
    log = TrainerLog.create(this, String.valueOf(config.get("log_level")));
    callbacks = Callbacks.fromConfig(config.get("callbacks"));
    metricsWindow = new MetricsWindow(((Number) config.get("metrics_smoothing_episodes")).intValue());
    int numWorkers = numRolloutWorkers(config);
    log.fine(() -> "config " + config);
    workers = new WorkerSet(new WorkerSpec(name(), policyFactory(), workerConfig(config), 0), numWorkers);
    optimizer = makeOptimizer(workers, config);
    if (workers.localWorker().isMultiAgent() && !optimizer.supportsMultiAgent()) {
      throw new ConfigException(name() + " does not support multi-agent envs yet (its "
          + optimizer.getClass().getSimpleName() + " trains one policy); use PPO or PG", null);
    }
    log.info(() -> "built a local rollout worker and " + numWorkers + " remote ones on " + config.get("env")
        + " (" + config.get("num_envs_per_worker") + " envs each)");
  }

  /**
   * This trainer's own logger, at its {@code log_level} (DEBUG, INFO, WARN, ERROR), writing to
   * standard error; two trainers in one JVM keep their own levels.
   */
  protected Logger log() {
    return log;
  }

  @Override
  protected Map<String, Object> step() throws Exception {
    long start = System.nanoTime();
    double minTime = ((Number) config.get("min_iter_time_s")).doubleValue();
    long minSteps = ((Number) config.get("timesteps_per_iteration")).longValue();
    long sampled = 0;
    long trained = 0;
    StepOutcome last;
    Map<String, Object> timings = new LinkedHashMap<>();
    int steps = 0;
    Map<String, Object> learner = Map.of();
    boolean byPolicy = false;
    do {
      last = trainStep();
      steps++;
      if (!last.learnerStats().isEmpty()) {
        learner = last.learnerStats();
        byPolicy = last.statsByPolicy();
      }
      sampled += last.stepsSampled();
      trained += last.stepsTrained();
      last.timings().forEach((k, v) -> timings.merge(k, v, (a, b) -> ((Number) a).doubleValue() + ((Number) b).doubleValue()));
    } while ((System.nanoTime() - start) / 1e9 < minTime || sampled < minSteps);
    if (steps > 1) { // RLlib reports each timer's mean per optimizer step
      int k = steps;
      timings.replaceAll((name, v) -> ((Number) v).doubleValue() / k);
    }
    numStepsSampled += sampled;
    numStepsTrained += trained;
    long sampledNow = sampled;
    StepOutcome lastOutcome = last;
    log.fine(() -> "iteration " + (iteration() + 1) + ": sampled " + sampledNow + " steps; timings " + timings
        + "; learner " + lastOutcome.learnerStats());
    if (Boolean.TRUE.equals(config.get("synchronize_filters"))) {
      workers.syncFilters();
    }
    Map<String, Object> result = collectMetrics(workers, metricsWindow);
    result.put("timesteps_this_iter", sampled);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("learner", learnerStatsByPolicy() && !byPolicy
        ? Map.of(RolloutWorker.DEFAULT_POLICY_ID, learner) : learner);
    info.putAll(timings);
    info.putAll(optimizer.stats());
    info.put("num_steps_sampled", numStepsSampled);
    info.put("num_steps_trained", numStepsTrained);
    result.put("info", info);
    result.put("num_healthy_workers", workers.numRemoteWorkers());
    Object interval = config.get("evaluation_interval");
    if (interval instanceof Number n && n.intValue() > 0 && (iteration() + 1) % n.intValue() == 0) {
      result.put("evaluation", evaluate());
    }
    callbacks.onTrainResult(this, result);
    return result;
  }

  /**
   * The workers whose episodes count in the result, from every worker's metrics (local first);
   * all by default (Ape-X keeps the third with the least exploration).
   */
  protected List<WorkerMetrics> selectMetrics(List<WorkerMetrics> all) {
    return all;
  }

  private Map<String, Object> collectMetrics(WorkerSet set, MetricsWindow window) {
    List<WorkerMetrics> ms = selectMetrics(set.pollMetrics());
    List<io.tune4j.rllib.evaluation.EpisodeMetrics> episodes = new ArrayList<>();
    List<io.tune4j.rllib.evaluation.SamplerPerf> perfs = new ArrayList<>();
    List<io.tune4j.rllib.offline.OffPolicyEstimator.Estimate> estimates = new ArrayList<>();
    for (WorkerMetrics m : ms) {
      episodes.addAll(m.episodes());
      perfs.add(m.perf());
      estimates.addAll(m.estimates());
    }
    Map<String, Object> out = new LinkedHashMap<>(window.collect(episodes, perfs, 0));
    if (!estimates.isEmpty()) {
      out.put("off_policy_estimator", io.tune4j.rllib.offline.OffPolicyEstimator.summarize(estimates));
    }
    return out;
  }

  /**
   * Runs {@code evaluation_num_episodes} episodes with the current weights in a separate
   * evaluation worker (config overridden by {@code evaluation_config}) and returns their metrics.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> evaluate() {
    if (evaluationWorkers == null) {
      Map<String, Object> evalUser = new LinkedHashMap<>(config);
      evalUser.putAll((Map<String, Object>) config.getOrDefault("evaluation_config", Map.of()));
      evalUser.put("batch_mode", "complete_episodes");
      evalUser.put("sample_batch_size", 1);
      evalUser.put("num_workers", 0);
      evaluationWorkers = new WorkerSet(new WorkerSpec(name(), policyFactory(), workerConfig(evalUser), 0), 0);
    }
    RolloutWorker w = evaluationWorkers.localWorker();
    synchronized (optimizer.policyLock()) {
      w.setWeights(workers.localWorker().getWeights());
    }
    w.filter().setState(workers.localWorker().filter().getState());
    prepareEvaluationWorker(w);
    int want = ((Number) config.get("evaluation_num_episodes")).intValue();
    List<io.tune4j.rllib.evaluation.EpisodeMetrics> done = new ArrayList<>();
    List<io.tune4j.rllib.evaluation.SamplerPerf> perfs = new ArrayList<>();
    while (done.size() < want) {
      w.sample();
      WorkerMetrics m = w.pollMetrics();
      done.addAll(m.episodes());
      perfs.add(m.perf());
    }
    return new LinkedHashMap<>(Metrics.summarizeEpisodes(done.subList(0, want), want, perfs, 0));
  }

  /**
   * Called before each evaluation with the evaluation worker, after the weights and filter were
   * copied (DQN sets ε to 0 here); does nothing by default.
   */
  protected void prepareEvaluationWorker(RolloutWorker worker) {}

  /** The merged config. */
  public Map<String, Object> config() {
    return config;
  }

  /** The rollout workers (local plus remote). */
  public WorkerSet workers() {
    return workers;
  }

  /**
   * The local worker's policy ({@code default_policy}).
   *
   * @throws IllegalStateException in multi-agent training without a {@code default_policy} (use
   *     {@link #getPolicy(String)})
   */
  public Policy getPolicy() {
    return workers.localWorker().getPolicy();
  }

  /**
   * The local policy with id {@code policyId} ({@code "default_policy"} in single-agent training).
   *
   * @throws IllegalArgumentException naming the ids there are
   */
  public Policy getPolicy(String policyId) {
    Policy p = workers.localWorker().policyMap().get(policyId);
    if (p == null) {
      throw new IllegalArgumentException(
          "no policy '" + policyId + "'; this trainer has " + workers.localWorker().policyMap().keySet());
    }
    return p;
  }

  /**
   * Computes one action for a raw env observation with the local policy, after the same
   * preprocessing and (non-updating) filtering as sampling (RLlib's {@code compute_action}).
   *
   * @param explore sample from the action distribution (true) or take its mode
   * @return an {@code Integer} for Discrete actions, a {@code double[]} for Box actions
   */
  public Object computeAction(Object observation, boolean explore) {
    RolloutWorker w = workers.localWorker();
    if (w.isMultiAgent()) {
      return computeAction(observation, RolloutWorker.DEFAULT_POLICY_ID, explore);
    }
    float[] row = new float[w.preprocessor().size()];
    w.preprocessor().transform(observation, row, 0);
    w.filter().apply(row, 0, false);
    return toActionValue(getPolicy(), getPolicy().computeActions(row, 1, explore).actions());
  }

  /**
   * Computes one action of policy {@code policyId} for a raw observation of its space (multi-agent
   * training; RLlib's {@code compute_action(obs, policy_id=...)}).
   *
   * @throws IllegalArgumentException naming the policy ids there are
   */
  public Object computeAction(Object observation, String policyId, boolean explore) {
    Policy p = getPolicy(policyId);
    float[] row = io.tune4j.rllib.models.Preprocessors.get(p.observationSpace()).transform(observation);
    return toActionValue(p, p.computeActions(row, 1, explore).actions());
  }

  private static Object toActionValue(Policy policy, double[] a) {
    if (policy.actionSpace() instanceof Box) {
      return a;
    }
    if (a.length == 1) {
      return (int) a[0];
    }
    int[] multi = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      multi[i] = (int) a[i];
    }
    return multi;
  }

  /** {@link #computeAction(Object, boolean)} sampling from the policy, as RLlib 2019 does. */
  public Object computeAction(Object observation) {
    return computeAction(observation, true);
  }

  /** Saves a checkpoint under the trial directory (or {@code ~/ray_results/<name>} when detached). */
  public Path save() {
    return save(logdir());
  }

  /**
   * Where this trainer writes its checkpoints and monitor videos: the trial directory under Tune,
   * else a new {@code ~/ray_results/<name>_<random>} directory made on first use (RLlib's default
   * logger creator does the same).
   *
   * @return the directory
   * @throws io.tune4j.tune.TrainableException when the default directory cannot be created
   */
  public Path logdir() {
    Path root = context().logdirPath();
    if (root != null) {
      return root;
    }
    if (defaultCheckpointRoot == null) {
      try {
        defaultCheckpointRoot =
            java.nio.file.Files.createTempDirectory(
                java.nio.file.Files.createDirectories(io.tune4j.tune.Tune.defaultLocalDir()), name() + "_");
      } catch (java.io.IOException e) {
        throw new io.tune4j.tune.TrainableException(
            "creating a result directory under " + io.tune4j.tune.Tune.defaultLocalDir(), e);
      }
    }
    return defaultCheckpointRoot;
  }

  /** The config rollout workers get: with {@code "monitor": true}, it names where videos go. */
  private Map<String, Object> workerConfig(Map<String, Object> c) {
    if (!Boolean.TRUE.equals(c.get("monitor"))) {
      return c;
    }
    Map<String, Object> out = new LinkedHashMap<>(c);
    out.put(io.tune4j.rllib.evaluation.RolloutWorker.MONITOR_DIR_KEY, logdir().toString());
    return out;
  }

  @Override
  protected Path saveCheckpoint(Path checkpointDir) throws Exception {
    Path file = checkpointDir.resolve("checkpoint-" + (iteration()));
    Map<String, byte[]> states = new LinkedHashMap<>();
    synchronized (optimizer.policyLock()) {
      workers.localWorker().policyMap().forEach((id, p) -> states.put(id, p.getState()));
    }
    TrainerCheckpoint.write(file, new TrainerCheckpoint(
        name(), config, states, workers.localWorker().filter().getState(),
        numStepsSampled, numStepsTrained, saveTrainerState()));
    return file;
  }

  /** The algorithm's own state for checkpoints (e.g. DQN's target-update counters); empty by default. */
  protected byte[] saveTrainerState() {
    return new byte[0];
  }

  /** Restores what {@link #saveTrainerState()} returned (empty for checkpoints without one). */
  protected void restoreTrainerState(byte[] state) {}

  @Override
  protected void loadCheckpoint(Path checkpoint) throws Exception {
    TrainerCheckpoint c = TrainerCheckpoint.read(checkpoint);
    if (!c.algorithm().equals(name())) {
      throw new IllegalArgumentException(
          "checkpoint " + checkpoint + " was written by " + c.algorithm() + ", not " + name()
              + "; restore it with --run " + c.algorithm());
    }
    Map<String, Policy> policies = workers.localWorker().policyMap();
    for (String id : c.policyStates().keySet()) {
      if (!policies.containsKey(id)) {
        throw new IllegalArgumentException("checkpoint " + checkpoint + " holds policy '" + id
            + "' but this trainer has " + policies.keySet() + "; restore it with the same multiagent.policies");
      }
    }
    synchronized (optimizer.policyLock()) {
      c.policyStates().forEach((id, state) -> policies.get(id).setState(state));
    }
    workers.localWorker().filter().setState(c.filterState());
    numStepsSampled = c.numStepsSampled();
    optimizer.setGlobalTimestep(numStepsSampled);
    numStepsTrained = c.numStepsTrained();
    restoreTrainerState(c.trainerState());
    workers.syncWeights();
    byte[] filterState = c.filterState();
    workers.foreachWorker(w -> {
      w.filter().setState(filterState);
      return Boolean.TRUE;
    });
  }

  @Override
  protected void cleanup() {
    if (optimizer != null) {
      optimizer.stop();
    }
    if (workers != null) {
      workers.stop();
    }
    if (evaluationWorkers != null) {
      evaluationWorkers.stop();
    }
  }

  /** Stops the trainer's workers (the Java API's {@code trainer.stop()}). */
  public void shutdown() {
    stop();
  }

  /**
   * Stops the trainer's workers (remote rollout workers go back to the embedded runtime's pool, or
   * are killed on a cluster), so a trainer works in try-with-resources:
   *
   * <pre>{@code
   * try (PpoTrainer trainer = new PpoTrainer(Map.of("num_workers", 1), "CartPole-v0")) {
   *   trainer.train();
   * }
   * }</pre>
   */
  @Override
  public void close() {
    cleanup();
  }

  @Override
  public Resources defaultResourceRequest(Map<String, Object> userConfig) {
    Map<String, Object> c = mergeConfig(userConfig);
    int n = ((Number) c.get("num_workers")).intValue();
    return new Resources(
        ((Number) c.get("num_cpus_for_driver")).doubleValue(),
        ((Number) c.get("num_gpus")).doubleValue(),
        n * ((Number) c.get("num_cpus_per_worker")).doubleValue(),
        n * ((Number) c.get("num_gpus_per_worker")).doubleValue(),
        Map.of(),
        Map.of());
  }

  /** RLlib's {@code pretty_print}: the result as indented YAML without the config. */
  public static String prettyPrint(Map<String, Object> result) {
    return io.tune4j.tune.trial.ResultDump.prettyPrint(result);
  }
}
