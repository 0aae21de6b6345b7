package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.agents.Callbacks;
import io.tune4j.rllib.env.Env;
import io.tune4j.rllib.env.EnvContext;
import io.tune4j.rllib.env.EnvCreator;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.env.BaseEnv;
import io.tune4j.rllib.env.MultiAgentEnv;
import io.tune4j.rllib.env.MultiAgentEnvCreator;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.env.VectorEnv;
import io.tune4j.rllib.models.Preprocessor;
import io.tune4j.rllib.models.Preprocessors;
import io.tune4j.rllib.offline.InputReader;
import io.tune4j.rllib.offline.JsonReader;
import io.tune4j.rllib.offline.JsonWriter;
import io.tune4j.rllib.offline.MixedInput;
import io.tune4j.rllib.offline.OffPolicyEstimator;
import io.tune4j.rllib.offline.ShuffledInput;
import io.tune4j.rllib.policy.MultiAgentBatch;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.PolicyFactory;
import io.tune4j.rllib.policy.PolicyMapping;
import io.tune4j.rllib.policy.PolicySpec;
import io.tune4j.rllib.policy.SampleBatch;
import io.tune4j.rllib.util.DeveloperApi;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
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
  private Map<String, Policy> policies = Map.of();
  private MultiAgentSampler multiSampler;
  private MultiAgentSampler external; // over an ExternalEnv
  private List<String> policiesToTrain = List.of();
  private JsonWriter output;
  private List<OffPolicyEstimator> estimators = List.of();
  private Preprocessor preprocessor;
  private ObservationFilter filter;
  private Sampler sampler;
  private InputReader input;

  /**
   * The config key a trainer with {@code "monitor": true} adds for its workers: the directory
   * their envs' {@link io.tune4j.rllib.env.monitor.Monitor}s write into (RLlib's {@code
   * monitor_path}, the trial directory).
   */
  public static final String MONITOR_DIR_KEY = "_monitor_dir";

  /** An empty worker; {@link #setup} builds it. */
  public RolloutWorker() {}

  /** A local (in-process) worker. */
  public static RolloutWorker local(WorkerSpec spec) {
    RolloutWorker w = new RolloutWorker();
    w.setup(spec);
    return w;
  }

  /** Builds envs, policies, filter and sampler for {@code s}. */
  @SuppressWarnings("unchecked")
  public void setup(WorkerSpec s) {
    close();
    this.spec = s;
    Map<String, Object> c = s.config();
    int numEnvs = ((Number) c.get("num_envs_per_worker")).intValue();
    Map<String, Object> envConfig = (Map<String, Object>) c.getOrDefault("env_config", Map.of());
    EnvContext ctx = new EnvContext(envConfig, s.workerIndex(), 0);
    Long seed = c.get("seed") instanceof Number n ? n.longValue() + s.workerIndex() : null;
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
            seed,
            Boolean.TRUE.equals(c.get("no_done_at_end")));
    MultiAgentEnvCreator multi = multiAgentCreator(c.get("env"));
    if (multi != null) {
      setupMultiAgent(s, multi, ctx, numEnvs, seed, sc);
      return;
    }
    env = makeEnv(c.get("env"), ctx, numEnvs, monitor(c));
    if (env.numEnvs() > 0 && env.env(0).unwrapped() instanceof io.tune4j.rllib.env.ExternalEnv ext) {
      setupExternal(s, ext, numEnvs, seed, sc);
      return;
    }
    preprocessor = Preprocessors.get(env.observationSpace());
    policy = s.policyFactory().create(env.observationSpace(), env.actionSpace(), policyConfig(c, Map.of(), seed, s));
    policies = Map.of(DEFAULT_POLICY_ID, policy);
    policiesToTrain = List.of(DEFAULT_POLICY_ID);
    filter = ObservationFilters.create(String.valueOf(c.get("observation_filter")), preprocessor.size());
    sampler = new Sampler(env, policy, preprocessor, filter, Callbacks.fromConfig(c.get("callbacks")), sc);
    input = makeInput(c.get("input"), c, seed == null ? s.workerIndex() : seed);
    if (c.get("output") instanceof String dir) {
      Collection<String> cols = (Collection<String>) c.getOrDefault("output_compress_columns", List.of());
      output = new JsonWriter(Path.of(dir.startsWith("~/") ? System.getProperty("user.home") + dir.substring(1) : dir),
          s.workerIndex(), ((Number) c.get("output_max_file_size")).longValue(), new java.util.HashSet<>(cols));
    }
    estimators = new ArrayList<>();
    if (!"sampler".equals(c.get("input"))) {
      double gamma = ((Number) c.get("gamma")).doubleValue();
      for (Object m : (Collection<Object>) c.getOrDefault("input_evaluation", List.of())) {
        estimators.add(new OffPolicyEstimator(String.valueOf(m), policy, gamma));
      }
    }
  }

  /**
   * The worker's experience source for the {@code input} config: {@code "sampler"}, a path or glob
   * of JSON files, or a map of those to probabilities; shuffled over {@code shuffle_buffer_size}
   * batches; offline episodes postprocessed by the policy when {@code postprocess_inputs}.
   */
  @SuppressWarnings("unchecked")
  private InputReader makeInput(Object spec, Map<String, Object> c, long seed) {
    InputReader in;
    if (spec instanceof Map<?, ?> mix) {
      Map<InputReader, Double> sources = new java.util.LinkedHashMap<>();
      for (Map.Entry<?, ?> e : mix.entrySet()) {
        sources.put(singleInput(String.valueOf(e.getKey()), c, seed), ((Number) e.getValue()).doubleValue());
      }
      in = new MixedInput(sources, seed);
    } else {
      in = singleInput(String.valueOf(spec), c, seed);
    }
    int shuffle = ((Number) c.getOrDefault("shuffle_buffer_size", 0)).intValue();
    return shuffle > 1 ? new ShuffledInput(in, shuffle, seed) : in;
  }

  private InputReader singleInput(String spec, Map<String, Object> c, long seed) {
    if (spec.equals("sampler")) {
      return sampler::sample;
    }
    JsonReader files = new JsonReader(spec, seed);
    if (!Boolean.TRUE.equals(c.get("postprocess_inputs"))) {
      return files;
    }
    return () -> {
      SampleBatch b = files.next();
      List<SampleBatch> out = new ArrayList<>();
      for (SampleBatch ep : b.splitByEpisode()) {
        float[] d = ep.floats(SampleBatch.DONES);
        out.add(policy.postprocessTrajectory(ep, d.length > 0 && d[d.length - 1] != 0f));
      }
      return out.size() == 1 ? out.get(0) : SampleBatch.concat(out);
    };
  }

  private static Map<String, Object> policyConfig(
      Map<String, Object> c, Map<String, Object> overrides, Long seed, WorkerSpec s) {
    Map<String, Object> policyConfig = new java.util.LinkedHashMap<>(c);
    policyConfig.putAll(overrides);
    if (seed != null) {
      policyConfig.put("seed", seed);
    }
    policyConfig.put("worker_index", s.workerIndex());
    return policyConfig;
  }

  /**
   * An env driven from outside: a single-agent sampler over its episodes (agent {@code "agent0"},
   * policy {@code default_policy}) feeds this worker's batches, and its serving loop starts.
   */
  @SuppressWarnings("unchecked")
  private void setupExternal(WorkerSpec s, io.tune4j.rllib.env.ExternalEnv ext, int numEnvs, Long seed,
      SamplerConfig sc) {
    Map<String, Object> c = s.config();
    refuseMonitor(c, "external envs");
    if (numEnvs != 1) {
      throw new IllegalArgumentException("num_envs_per_worker must be 1 with an ExternalEnv (its episodes come"
          + " from outside; raise max_concurrent instead), got " + numEnvs);
    }
    if (!"NoFilter".equals(String.valueOf(c.get("observation_filter")))) {
      throw new IllegalArgumentException("observation_filter " + c.get("observation_filter")
          + " with an ExternalEnv is not supported yet; use NoFilter");
    }
    if (!"sampler".equals(c.get("input"))) {
      throw new IllegalArgumentException("input " + c.get("input") + " with an ExternalEnv: its experience comes"
          + " from the external simulator; remove 'input'");
    }
    preprocessor = Preprocessors.get(ext.observationSpace());
    policy = s.policyFactory().create(ext.observationSpace(), ext.actionSpace(), policyConfig(c, Map.of(), seed, s));
    policies = Map.of(DEFAULT_POLICY_ID, policy);
    policiesToTrain = List.of(DEFAULT_POLICY_ID);
    filter = ObservationFilters.create("NoFilter", preprocessor.size());
    external = new MultiAgentSampler(ext.asBaseEnv(), policies, Map.of(DEFAULT_POLICY_ID, preprocessor),
        agent -> DEFAULT_POLICY_ID, Callbacks.fromConfig(c.get("callbacks")), sc);
    MultiAgentSampler ms = external;
    input = () -> {
      while (true) {
        SampleBatch b = ms.sample().policyBatches().get(DEFAULT_POLICY_ID);
        if (b != null && b.count() > 0) {
          return b;
        }
      }
    };
    if (c.get("output") instanceof String dir) {
      Collection<String> cols = (Collection<String>) c.getOrDefault("output_compress_columns", List.of());
      output = new JsonWriter(Path.of(dir.startsWith("~/") ? System.getProperty("user.home") + dir.substring(1) : dir),
          s.workerIndex(), ((Number) c.get("output_max_file_size")).longValue(), new java.util.HashSet<>(cols));
    }
    estimators = new ArrayList<>();
    ext.start();
  }

  /**
   * With {@code "monitor": true} (the trainer set {@link #MONITOR_DIR_KEY}): wraps each env in
   * gym's monitor writing into that directory; else null.
   */
  private static java.util.function.UnaryOperator<Env> monitor(Map<String, Object> c) {
    if (!(c.get(MONITOR_DIR_KEY) instanceof String dir)) {
      return null;
    }
    Object spec = c.get("env");
    String id = spec instanceof String s ? s : spec.getClass().getName();
    return e -> e.unwrapped() instanceof io.tune4j.rllib.env.ExternalEnv ? e
        : io.tune4j.rllib.env.monitor.Monitor.wrap(e, Path.of(dir), id);
  }

  private static void refuseMonitor(Map<String, Object> c, String what) {
    if (c.get(MONITOR_DIR_KEY) != null) {
      throw new IllegalArgumentException("config key 'monitor' = true is not supported yet for " + what
          + " (gym's monitor records single-agent envs that render); remove the key or set it to false");
    }
  }

  /** The multi-agent env creator {@code env} names, or null for a single-agent env. */
  static MultiAgentEnvCreator multiAgentCreator(Object envSpec) {
    if (envSpec instanceof MultiAgentEnvCreator m) {
      return m;
    }
    return envSpec instanceof String id ? Envs.multiAgentCreator(id) : null;
  }

  @SuppressWarnings("unchecked")
  private void setupMultiAgent(
      WorkerSpec s, MultiAgentEnvCreator creator, EnvContext ctx, int numEnvs, Long seed, SamplerConfig sc) {
    Map<String, Object> c = s.config();
    refuseMonitor(c, "multi-agent envs");
    if (!"NoFilter".equals(String.valueOf(c.get("observation_filter")))) {
      throw new IllegalArgumentException("observation_filter " + c.get("observation_filter")
          + " with a multi-agent env is not supported yet; use NoFilter");
    }
    List<MultiAgentEnv> envs = new ArrayList<>(numEnvs);
    for (int i = 0; i < numEnvs; i++) {
      envs.add(creator.create(ctx.withVectorIndex(i)));
    }
    io.tune4j.rllib.env.ExternalMultiAgentEnv external = null;
    if (envs.get(0) instanceof io.tune4j.rllib.env.ExternalMultiAgentEnv ext) {
      if (numEnvs != 1) {
        throw new IllegalArgumentException("num_envs_per_worker must be 1 with an ExternalMultiAgentEnv (its episodes"
            + " come from outside; raise max_concurrent instead), got " + numEnvs);
      }
      external = ext;
    }
    Map<String, Object> ma = (Map<String, Object>) c.getOrDefault("multiagent", Map.of());
    Map<String, PolicySpec> specs = (Map<String, PolicySpec>) ma.getOrDefault("policies", Map.of());
    Object fn = ma.get("policy_mapping_fn");
    PolicyMapping mapping;
    if (specs.isEmpty()) {
      specs = Map.of(DEFAULT_POLICY_ID, PolicySpec.of(Map.of()));
      mapping = agent -> DEFAULT_POLICY_ID;
    } else if (fn instanceof PolicyMapping m) {
      mapping = m;
    } else {
      throw new IllegalArgumentException("multiagent.policy_mapping_fn must be a PolicyMapping when"
          + " multiagent.policies is set, got " + (fn == null || "".equals(fn) ? "none" : fn.getClass().getName()));
    }
    Map<String, Policy> made = new java.util.LinkedHashMap<>();
    Map<String, Preprocessor> pres = new java.util.LinkedHashMap<>();
    int k = 0;
    for (Map.Entry<String, PolicySpec> e : new java.util.TreeMap<>(specs).entrySet()) { // stable seeds
      PolicySpec p = e.getValue();
      Space obs = p.observationSpace() != null ? p.observationSpace() : envs.get(0).observationSpace();
      Space act = p.actionSpace() != null ? p.actionSpace() : envs.get(0).actionSpace();
      if (obs == null || act == null) {
        throw new IllegalArgumentException("multiagent.policies['" + e.getKey() + "'] needs observation and action"
            + " spaces: the env does not declare shared ones");
      }
      Long policySeed = seed == null ? null : seed * 7919 + k++;
      PolicyFactory f = p.factory() != null ? p.factory() : s.policyFactory();
      made.put(e.getKey(), f.create(obs, act, policyConfig(c, p.config(), policySeed, s)));
      pres.put(e.getKey(), Preprocessors.get(obs));
    }
    policies = java.util.Collections.unmodifiableMap(made);
    List<String> train = (List<String>) ma.getOrDefault("policies_to_train", List.of());
    for (String id : train) {
      if (!policies.containsKey(id)) {
        throw new IllegalArgumentException(
            "multiagent.policies_to_train names '" + id + "' but multiagent.policies has " + policies.keySet());
      }
    }
    policiesToTrain = train.isEmpty() ? List.copyOf(policies.keySet()) : List.copyOf(train);
    policy = policies.get(DEFAULT_POLICY_ID);
    filter = ObservationFilters.create("NoFilter", 1);
    multiSampler = new MultiAgentSampler(external != null ? external.asBaseEnv() : BaseEnv.fromMultiAgentEnvs(envs),
        policies, pres, mapping, Callbacks.fromConfig(c.get("callbacks")), sc);
    if (external != null) {
      external.start();
    }
  }

  /** Creates {@code n} copies of the configured env: a registered id or an {@link EnvCreator}. */
  public static VectorEnv makeEnv(Object envSpec, EnvContext ctx, int n) {
    return makeEnv(envSpec, ctx, n, null);
  }

  /**
   * Creates {@code n} copies of the configured env, each passed through {@code wrap} (null: as
   * made).
   */
  private static VectorEnv makeEnv(Object envSpec, EnvContext ctx, int n, java.util.function.UnaryOperator<Env> wrap) {
    if (envSpec instanceof String id && wrap == null) {
      return Envs.makeVector(id, ctx, n);
    }
    if (envSpec instanceof String || envSpec instanceof EnvCreator) {
      List<Env> envs = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        EnvContext c = ctx.withVectorIndex(i);
        Env e = envSpec instanceof String id ? Envs.make(id, c) : ((EnvCreator) envSpec).create(c);
        envs.add(wrap == null ? e : wrap.apply(e));
      }
      return VectorEnv.of(envs);
    }
    throw new IllegalArgumentException(
        "config key 'env' must be a registered env id (e.g. \"CartPole-v0\") or an EnvCreator, got "
            + (envSpec == null ? "nothing" : "'" + envSpec + "'"));
  }

  /**
   * Collects one sample batch of the single-agent policy (local call).
   *
   * @throws IllegalStateException on a multi-agent worker (use {@link #sample()})
   */
  public SampleBatch sampleBatch() {
    if (multiSampler != null) {
      throw new IllegalStateException("this rollout worker runs a multi-agent env; use sample()");
    }
    SampleBatch b = input.next();
    if (output != null) {
      output.write(b);
    }
    if (!estimators.isEmpty()) {
      for (SampleBatch ep : b.splitByEpisode()) {
        for (OffPolicyEstimator e : estimators) {
          e.process(ep);
        }
      }
    }
    return b;
  }

  /** Collects one batch of every policy (single-agent: {@code default_policy} only). */
  public MultiAgentBatch sample() {
    return multiSampler != null ? multiSampler.sample() : MultiAgentBatch.of(sampleBatch());
  }

  /** Whether this worker runs a multi-agent env. */
  public boolean isMultiAgent() {
    return multiSampler != null;
  }

  /** The ids of the policies that learn ({@code multiagent.policies_to_train}, default all). */
  public List<String> policiesToTrain() {
    return policiesToTrain;
  }

  /** The weights of every policy, encoded together. */
  public byte[] getWeights() {
    if (multiSampler == null) {
      return policy.getWeights();
    }
    Map<String, byte[]> w = new java.util.LinkedHashMap<>();
    policies.forEach((id, p) -> w.put(id, p.getWeights()));
    return encodeByPolicy(w);
  }

  /** Sets what {@link #getWeights()} returned. */
  public void setWeights(byte[] weights) {
    if (multiSampler == null) {
      policy.setWeights(weights);
      return;
    }
    decodeByPolicy(weights).forEach((id, w) -> policies.get(id).setWeights(w));
  }

  static byte[] encodeByPolicy(Map<String, byte[]> m) {
    try {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
      out.writeInt(m.size());
      for (Map.Entry<String, byte[]> e : m.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue().length);
        out.write(e.getValue());
      }
      return bytes.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Map<String, byte[]> decodeByPolicy(byte[] bytes) {
    try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
      int n = in.readInt();
      Map<String, byte[]> m = new java.util.LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        String id = in.readUTF();
        m.put(id, in.readNBytes(in.readInt()));
      }
      return m;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not encoded per-policy weights", e);
    }
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
    if (multiSampler != null) {
      return new WorkerMetrics(multiSampler.pollMetrics(), multiSampler.pollPerf());
    }
    if (external != null) {
      return new WorkerMetrics(external.pollMetrics(), external.pollPerf());
    }
    List<OffPolicyEstimator.Estimate> est = new ArrayList<>();
    for (OffPolicyEstimator e : estimators) {
      est.addAll(e.poll());
    }
    return new WorkerMetrics(sampler.pollMetrics(), sampler.pollPerf(), est);
  }

  /**
   * This worker's {@code default_policy}.
   *
   * @throws IllegalStateException on a multi-agent worker without a {@code default_policy}
   */
  public Policy getPolicy() {
    if (policy == null) {
      throw new IllegalStateException(
          "this rollout worker has policies " + policies.keySet() + " and no default_policy; use policyMap()");
    }
    return policy;
  }

  /** Policies by id ({@code default_policy} for single-agent training). */
  public Map<String, Policy> policyMap() {
    return policies;
  }

  /** The worker's envs. */
  public VectorEnv env() {
    return env;
  }

  /** Applies {@code fn} to each of this worker's envs (RLlib's {@code foreach_env}). */
  public void foreachEnv(Consumer<Env> fn) {
    if (env == null) {
      throw new IllegalStateException("foreachEnv: this rollout worker runs a multi-agent env");
    }
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
    if (output != null) {
      output.close();
      output = null;
    }
    if (multiSampler != null) {
      multiSampler.env().close();
    }
    if (external != null) {
      external.env().close();
      external = null;
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
