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
import io.tune4j.tune.execution.ActorReply;
import io.tune4j.tune.execution.Payloads;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Collects experience with a copy of the policy (RLlib's {@code RolloutWorker}): its envs, the
 * policy map, the observation filter and a {@link Sampler}. The trainer keeps a local one and
 * runs {@code num_workers} more as Ray actors; actor methods take and return {@code byte[]} and
 * never throw (failures come back as {@link ActorReply#failed}).
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

  /** Ray creates actors through this constructor; call {@link #init} next. */
  public RolloutWorker() {}

  /** A local (in-process) worker. */
  public static RolloutWorker local(WorkerSpec spec) {
    RolloutWorker w = new RolloutWorker();
    w.setup(spec);
    return w;
  }

  /** Actor method: builds the worker from an encoded {@link WorkerSpec}. */
  public byte[] init(byte[] encodedSpec) {
    try {
      setup(Payloads.decode(encodedSpec));
      return ok("ready");
    } catch (Throwable t) {
      return failed(t);
    }
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
    return sampler.sample();
  }

  /** Actor method: one encoded sample batch. */
  public byte[] sample() {
    try {
      return ok(sampler.sample().encode());
    } catch (Throwable t) {
      return failed(t);
    }
  }

  /** Actor method: replaces the policy weights. */
  public byte[] setWeights(byte[] weights) {
    try {
      policy.setWeights(weights);
      return ok("ok");
    } catch (Throwable t) {
      return failed(t);
    }
  }

  /** Actor method: the policy weights. */
  public byte[] getWeights() {
    try {
      return ok(policy.getWeights());
    } catch (Throwable t) {
      return failed(t);
    }
  }

  /** Finished episodes and sampler timings since the last poll (local call). */
  public WorkerMetrics pollMetrics() {
    return new WorkerMetrics(sampler.pollMetrics(), sampler.pollPerf());
  }

  /** Actor method: encoded {@link WorkerMetrics} since the last poll. */
  public byte[] metrics() {
    try {
      return ok(pollMetrics().encode());
    } catch (Throwable t) {
      return failed(t);
    }
  }

  /** Actor method: the filter's changes since the last sync, and clears them. */
  public byte[] flushFilter() {
    try {
      return ok(filter.flushBuffer());
    } catch (Throwable t) {
      return failed(t);
    }
  }

  /** Actor method: replaces the filter's state with the driver's. */
  public byte[] setFilterState(byte[] state) {
    try {
      filter.setState(state);
      return ok("ok");
    } catch (Throwable t) {
      return failed(t);
    }
  }

  /** Actor method: applies an encoded {@code SerializableFunction<RolloutWorker, ?>}. */
  public byte[] apply(byte[] fn) {
    try {
      WorkerFunction<?> f = Payloads.decode(fn);
      Object v = f.apply(this);
      if (v != null && !(v instanceof Serializable)) {
        throw new IllegalArgumentException(
            "foreachWorker function returned a " + v.getClass().getName() + ", which is not Serializable");
      }
      return ok((Serializable) v);
    } catch (Throwable t) {
      return failed(t);
    }
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

  /** Actor method: releases the envs (the actor stays for reuse). */
  public byte[] shutdown() {
    close();
    return ok("closed");
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

  private static byte[] ok(Serializable v) {
    return Payloads.encode(ActorReply.ok(v));
  }

  private static byte[] failed(Throwable t) {
    return Payloads.encode(ActorReply.failed(t));
  }

  /**
   * A function run on every worker by {@code WorkerSet.foreachWorker}; serializable so it can be
   * sent to remote workers.
   */
  @FunctionalInterface
  public interface WorkerFunction<T> extends Serializable {
    /** Computes a value from a worker. */
    T apply(RolloutWorker worker) throws Exception;
  }
}
