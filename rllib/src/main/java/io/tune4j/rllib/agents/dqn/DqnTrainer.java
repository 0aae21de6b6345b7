package io.tune4j.rllib.agents.dqn;

import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.evaluation.RolloutWorker;
import io.tune4j.rllib.evaluation.WorkerMetrics;
import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.exploration.LinearSchedule;
import io.tune4j.rllib.optimizers.AsyncReplayOptimizer;
import io.tune4j.rllib.optimizers.PolicyOptimizer;
import io.tune4j.rllib.optimizers.StepOutcome;
import io.tune4j.rllib.optimizers.SyncReplayOptimizer;
import io.tune4j.rllib.policy.ConfigReader;
import io.tune4j.rllib.policy.PolicyFactory;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep Q-Networks as RLlib 2019's {@code DQNTrainer}: a {@link SyncReplayOptimizer} (prioritized
 * by default) feeding {@link DqnPolicy}, the target network synced every {@code
 * target_network_update_freq} sampled steps, ε set on every worker at the start of each iteration
 * from the exploration schedule. Registered as {@code "DQN"}; the result's {@code info} adds {@code
 * min_exploration}, {@code max_exploration}, {@code num_target_updates} and the replay timings.
 *
 * <pre>{@code
 * try (DqnTrainer trainer = new DqnTrainer(Map.of("n_step", 3, "gamma", 0.95), "CartPole-v0")) {
 *   Map<String, Object> result = trainer.train();
 * }
 * }</pre>
 */
public class DqnTrainer extends Trainer {
  private PolicyOptimizer replay;
  private long lastTargetUpdate;
  private long numTargetUpdates;

  /** For Tune. */
  public DqnTrainer() {}

  /** A DQN trainer for {@code env} with {@code config} over the defaults. */
  public DqnTrainer(Map<String, ?> config, String env) {
    super(config, env);
  }

  @Override
  public String name() {
    return "DQN";
  }

  @Override
  protected Map<String, Object> defaultConfig() {
    return DqnConfig.DEFAULTS;
  }
  @Override
  public Map<String, String> configDescriptions() {
    return DqnConfig.DESCRIPTIONS;
  }


  @Override
  protected PolicyFactory policyFactory() {
    return DqnPolicy::new;
  }

  @Override
  protected void validateConfig(Map<String, Object> merged) {
    validateAlgorithmConfig(merged);
    // RLlib: the effective sample batch covers at least n_step rows.
    int n = ((Number) merged.get("n_step")).intValue();
    if (((Number) merged.get("sample_batch_size")).intValue() < n) {
      merged.put("sample_batch_size", n);
    }
  }

  /** The algorithm's own checks of a merged config (DQN's here; DDPG overrides). */
  protected void validateAlgorithmConfig(Map<String, Object> merged) {
    DqnConfig.validate(merged, name());
  }

  /**
   * The exploration scale of worker {@code workerIndex} at {@code timestep}, set on every worker at
   * the start of each iteration and reported as {@code min/max_exploration}: ε for DQN.
   */
  protected double explorationValue(Map<String, Object> config, int workerIndex, long timestep) {
    return DqnConfig.epsilon(config, workerIndex, timestep);
  }

  @Override
  protected PolicyOptimizer makeOptimizer(WorkerSet workers, Map<String, Object> config) {
    ConfigReader c = new ConfigReader(config, name());
    long max = c.getLong("schedule_max_timesteps");
    LinearSchedule beta = new LinearSchedule(
        c.getDouble("prioritized_replay_beta"),
        c.getDouble("final_prioritized_replay_beta", c.getDouble("prioritized_replay_beta")),
        (long) (max * c.getDouble("beta_annealing_fraction", 0)));
    long seed = c.has("seed") ? c.getLong("seed") : System.nanoTime();
    if ("AsyncReplayOptimizer".equals(c.getString("optimizer_class"))) {
      Map<String, Object> o = c.getMap("optimizer");
      replay = new AsyncReplayOptimizer(workers, new AsyncReplayOptimizer.Settings(
          c.getInt("buffer_size"),
          c.getInt("learning_starts"),
          c.getInt("train_batch_size"),
          c.getDouble("prioritized_replay_alpha"),
          c.getDouble("prioritized_replay_beta"),
          c.getDouble("prioritized_replay_eps"),
          ((Number) o.getOrDefault("num_replay_buffer_shards", 4)).intValue(),
          ((Number) o.getOrDefault("max_weight_sync_delay", 400)).intValue(),
          seed));
      return replay;
    }
    replay = new SyncReplayOptimizer(workers, new SyncReplayOptimizer.Settings(
        c.getInt("buffer_size"),
        c.getInt("learning_starts"),
        c.getInt("train_batch_size"),
        c.getBool("prioritized_replay"),
        c.getDouble("prioritized_replay_alpha"),
        beta,
        c.getDouble("prioritized_replay_eps"),
        seed));
    return replay;
  }

  /**
   * The count the target-update interval is measured in: sampled steps (RLlib's {@code
   * global_timestep}), or trained steps under the Ape-X optimizer.
   */
  protected long targetUpdateClock() {
    return replay instanceof AsyncReplayOptimizer ? replay.numStepsTrained() : replay.numStepsSampled();
  }

  /** With {@code per_worker_exploration}: the last third of the remote workers (lowest ε), as RLlib. */
  @Override
  protected List<WorkerMetrics> selectMetrics(List<WorkerMetrics> all) {
    if (!Boolean.TRUE.equals(config().get("per_worker_exploration")) || all.size() < 2) {
      return all;
    }
    List<WorkerMetrics> remote = all.subList(1, all.size());
    return remote.subList(remote.size() - (remote.size() + 2) / 3, remote.size()); // Python: [-n // 3:]
  }

  @Override
  protected StepOutcome trainStep() {
    StepOutcome out = super.trainStep();
    long t = targetUpdateClock();
    if (t - lastTargetUpdate > ((Number) config().get("target_network_update_freq")).longValue()) {
      synchronized (replay.policyLock()) {
        ((QLearningPolicy) getPolicy()).updateTarget();
      }
      lastTargetUpdate = t;
      numTargetUpdates++;
    }
    return out;
  }

  @Override
  @SuppressWarnings("unchecked")
  protected Map<String, Object> step() throws Exception {
    long t = replay.numStepsSampled();
    double[] values = new double[workers().numRemoteWorkers() + 1];
    for (int i = 0; i < values.length; i++) {
      values[i] = explorationValue(config(), i, t);
    }
    List<Double> eps;
    synchronized (replay.policyLock()) {
      eps = workers().foreachWorkerWithIndex((w, i) -> { // captures only t and values
        w.policyMap().values().forEach(p -> {
          p.onGlobalVarUpdate(t);
          ((QLearningPolicy) p).setEpsilon(values[i]);
        });
        return values[i];
      });
    }
    Map<String, Object> result = super.step();
    Map<String, Object> info = (Map<String, Object>) result.get("info");
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("min_exploration", Collections.min(eps));
    extra.put("max_exploration", Collections.max(eps));
    extra.put("num_target_updates", numTargetUpdates);
    extra.putAll(info);
    result.put("info", extra);
    return result;
  }

  /** Evaluation acts greedily (ε = 0), as RLlib's DQN {@code _evaluate}. */
  @Override
  protected void prepareEvaluationWorker(RolloutWorker worker) {
    ((QLearningPolicy) worker.getPolicy()).setEpsilon(0);
  }

  @Override
  protected byte[] saveTrainerState() {
    return ByteBuffer.allocate(16).putLong(lastTargetUpdate).putLong(numTargetUpdates).array();
  }

  @Override
  protected void restoreTrainerState(byte[] state) {
    if (state.length == 16) {
      ByteBuffer b = ByteBuffer.wrap(state);
      lastTargetUpdate = b.getLong();
      numTargetUpdates = b.getLong();
    }
  }

  /** Target network syncs so far. */
  public long numTargetUpdates() {
    return numTargetUpdates;
  }
}
