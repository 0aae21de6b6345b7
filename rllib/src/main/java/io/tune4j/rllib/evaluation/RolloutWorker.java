package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.agents.Callbacks;
import io.tune4j.rllib.env.Env;
import io.tune4j.rllib.env.EnvContext;
import io.tune4j.rllib.env.EnvCreator;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.env.VectorEnv;
import io.tune4j.rllib.models.Preprocessor;
import io.tune4j.rllib.models.Preprocessors;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import io.tune4j.rllib.util.DeveloperApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Collects experience with a copy of the policy (RLlib's {@code RolloutWorker}): its envs, the
 * policy map, the observation filter and a {@link Sampler}. The trainer keeps a local one and
 * runs {@code num_workers} more as actors of the actor runtime ({@link WorkerSet}), each hosting
 * one of these.
 */
@DeveloperApi
public class RolloutWorker {
  /** The policy id of single-agent training. */
  public static final String DEFAULT_POLICY_ID = "default_policy";

  private WorkerSpec spec;
  private VectorEnv env;
  private Policy policy;
  private Preprocessor preprocessor;
  private ObservationFilter filter;
  private Sampler sampler;
  private io.tune4j.rllib.offline.InputReader input;

  /** An empty worker; {@link #setup} builds it. */
  public RolloutWorker() {}

  /** A local (in-process) worker. */
  public static RolloutWorker local(WorkerSpec spec) {
    RolloutWorker w = new RolloutWorker();
    w.setup(spec);
    return w;
  }

  /** Builds envs, policy, filter and sampler for {@code s}. */
  @SuppressWarnings("unchecked")
  public void setup(WorkerSpec s) {
    close();
    this.spec = s;
    Map<String, Object> c = s.config();
    int numEnvs = ((Number) c.get("num_envs_per_worker")).intValue();
    Map<String, Object> envConfig = (Map<String, Object>) c.getOrDefault("env_config", Map.of());
    EnvContext ctx = new EnvContext(envConfig, s.workerIndex(), 0);
    env = makeEnv(c.get("env"), ctx, numEnvs);
    preprocessor = Preprocessors.get(env.observationSpace());
    Map<String, Object> policyConfig = new java.util.LinkedHashMap<>(c);
    Long seed = c.get("seed") instanceof Number n ? n.longValue() + s.workerIndex() : null;
    if (seed != null) {
      policyConfig.put("seed", seed);
    }
    policyConfig.put("worker_index", s.workerIndex());
    policy = s.policyFactory().create(env.observationSpace(), env.actionSpace(), policyConfig);
    filter = ObservationFilters.create(String.valueOf(c.get("observation_filter")), preprocessor.size());
    Integer horizon = c.get("horizon") instanceof Number n ? n.intValue() : null;
    Boolean clip = c.get("clip_rewards") instanceof Boolean b ? b : null;
    SamplerConfig sc =
        new SamplerConfig(
            String.valueOf(c.get("batch_mode")),
            ((Number) c.get("sample_batch_size")).intValue(),
            horizon,
            clip,
            Boolean.TRUE.equals(c.get("clip_actions")),
            true,
            s.workerIndex(),
            seed);
    sampler = new Sampler(env, policy, preprocessor, filter, Callbacks.fromConfig(c.get("callbacks")), sc);
    input = sampler::sample; // "input": "sampler" (the only source so far; CommonConfig rejects others)
  }

  /** Creates {@code n} copies of the configured env: a registered id or an {@link EnvCreator}. */
  static VectorEnv makeEnv(Object envSpec, EnvContext ctx, int n) {
    if (envSpec instanceof String id) {
      return Envs.makeVector(id, ctx, n);
    }
    if (envSpec instanceof EnvCreator creator) {
      List<Env> envs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        envs.add(creator.create(ctx.withVectorIndex(i)));
      }
      return VectorEnv.of(envs);
    }
    throw new IllegalArgumentException(
        "config key 'env' must be a registered env id (e.g. \"CartPole-v0\") or an EnvCreator, got "
            + (envSpec == null ? "nothing" : "'" + envSpec + "'"));
  }

  /** Collects one sample batch (local call). */
  public SampleBatch sampleBatch() {
    return input.next();
  }

  /** Where this worker's batches come from (its sampler unless replaced). */
  public io.tune4j.rllib.offline.InputReader input() {
    return input;
  }

  /**
   * Replaces the source of this worker's batches (for offline data or external agents; RLlib's
   * {@code input_creator}).
   */
  public void setInput(io.tune4j.rllib.offline.InputReader input) {
    this.input = java.util.Objects.requireNonNull(input, "input");
  }

  /** Finished episodes and sampler timings since the last poll (local call). */
  public WorkerMetrics pollMetrics() {
    return new WorkerMetrics(sampler.pollMetrics(), sampler.pollPerf());
  }

  /** This worker's policy (the single-agent {@code default_policy}). */
  public Policy getPolicy() {
    return policy;
  }

  /** Policies by id ({@code default_policy} for single-agent training). */
  public Map<String, Policy> policyMap() {
    return Map.of(DEFAULT_POLICY_ID, policy);
  }

  /** The worker's envs. */
  public VectorEnv env() {
    return env;
  }

  /** Applies {@code fn} to each of this worker's envs (RLlib's {@code foreach_env}). */
  public void foreachEnv(Consumer<Env> fn) {
    for (int i = 0; i < env.numEnvs(); i++) {
      fn.accept(env.env(i));
    }
  }

  /** The observation filter. */
  public ObservationFilter filter() {
    return filter;
  }

  /** The preprocessor of the env's observation space. */
  public Preprocessor preprocessor() {
    return preprocessor;
  }

  /** This worker's index (0 = local). */
  public int workerIndex() {
    return spec.workerIndex();
  }

  /** The sampler (local use). */
  public Sampler sampler() {
    return sampler;
  }

  /** Releases the envs (a remote worker's actor stays for reuse). */
  public void shutdown() {
    close();
  }

  private void close() {
    if (env != null) {
      try {
        env.close();
      } catch (Exception ignored) {
        // closing is best effort
      }
      env = null;
    }
  }

  /**
   * A function run on every worker by {@code WorkerSet.foreachWorker}; serializable so it can be
   * sent to remote workers.
   */
  @FunctionalInterface
  public interface WorkerFunction<T> extends java.io.Serializable {
    /** Computes a value from a worker. */
    T apply(RolloutWorker worker) throws Exception;
  }
}
