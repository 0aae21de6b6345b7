package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.agents.Callbacks;
import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.FlatValues;
import io.tune4j.rllib.env.BaseEnv;
import io.tune4j.rllib.env.MultiAgentStep;
import io.tune4j.rllib.models.Preprocessor;
import io.tune4j.rllib.policy.ActionOutput;
import io.tune4j.rllib.policy.MultiAgentBatch;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.PolicyMapping;
import io.tune4j.rllib.policy.SampleBatch;
import io.tune4j.rllib.util.DeveloperApi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Collects experience from a {@link BaseEnv} (RLlib's {@code _env_runner}): multi-agent envs, and
 * any env driven from outside. Each step polls the env for news, records the agents'
 * transitions, then groups the observations of every ready agent in every sub-env by the policy {@code
 * policy_mapping_fn} names, each policy computes all its actions in one batched call, and the
 * actions go back to the envs as one dict per env. Every agent builds its own trajectory fragment,
 * postprocessed by its policy when the agent is done, the episode ends or the batch is cut
 * ({@code terminated=false}: bootstrap).
 *
 * <p>Batches count env steps, not agent steps: {@code truncate_episodes} returns after {@code
 * sample_batch_size} steps of every env, {@code complete_episodes} once finished episodes hold at
 * least {@code sample_batch_size * numEnvs} env steps. An episode's reward is the sum over its
 * agents; its per-policy reward is the mean over the agents mapped to that policy. Observations are
 * preprocessed per policy and not filtered (multi-agent training takes {@code observation_filter:
 * NoFilter}). Callbacks get the {@link Episode} (with per-agent accessors) and a null env.
 *
 * <p>Threading: single-threaded, like {@link Sampler}.
 */
@DeveloperApi
public final class MultiAgentSampler {
  private final BaseEnv env;
  private final Map<String, Policy> policies;
  private final Map<String, Preprocessor> preprocessors;
  private final PolicyMapping mapping;
  private final Callbacks callbacks;
  private final SamplerConfig config;
  private final int horizon;
  private final SplittableRandom idRandom;
  private final EnvState[] states;
  private final Map<String, List<SampleBatch>> ready = new LinkedHashMap<>();
  private final PerfCounters perf = new PerfCounters();
  private long readySteps;
  private long batchSteps;
  private List<EpisodeMetrics> finished = new ArrayList<>();

  /** One agent's state within an episode. */
  private static final class Agent {
    final String id;
    final String policyId;
    final int index;
    final SampleBatch.Builder fragment = new SampleBatch.Builder();
    float[] obs;
    double[] action;
    double[] prevAction;
    double prevReward;
    Map<String, float[]> extras = Map.of();
    boolean acted;
    boolean done;
    double totalReward;
    int t;

    Agent(String id, String policyId, int index) {
      this.id = id;
      this.policyId = policyId;
      this.index = index;
    }
  }

  /** One env's running episode. */
  private static final class EnvState {
    Episode episode;
    final Map<String, Agent> agents = new LinkedHashMap<>();
    Map<String, Object> pending = Map.of(); // raw observations of agents to act
    Map<String, Object> acted = Map.of(); // the actions sent last, awaiting their results
    int length;
    boolean training = true; // false: an external episode played without learning
  }

  /**
   * Creates a sampler; the envs are reset at the first {@link #sample()}.
   *
   * @param policies by id; every id {@code mapping} returns must be here
   * @param preprocessors by policy id, for each policy's observation space
   */
  public MultiAgentSampler(BaseEnv env, Map<String, Policy> policies,
      Map<String, Preprocessor> preprocessors, PolicyMapping mapping, Callbacks callbacks, SamplerConfig config) {
    this.env = env;
    this.policies = policies;
    this.preprocessors = preprocessors;
    this.mapping = mapping;
    this.callbacks = callbacks == null ? Callbacks.NONE : callbacks;
    this.config = config;
    this.horizon = config.horizon() == null ? 0 : config.horizon();
    long seedBase = config.seed() == null ? System.nanoTime() ^ System.identityHashCode(this)
        : config.seed() ^ (0x9E3779B97F4A7C15L * (config.workerIndex() + 1));
    SplittableRandom root = new SplittableRandom(seedBase);
    if (config.seed() != null) {
      for (int i = 0; i < env.numEnvs(); i++) {
        env.seed(i, root.nextLong());
      }
    }
    idRandom = root.split();
    states = new EnvState[env.numEnvs()];
  }

  /** Runs the envs and returns the postprocessed experience of every policy. */
  public MultiAgentBatch sample() {
    long target = (long) config.sampleBatchSize() * env.batchEnvs();
    batchSteps = 0;
    if (config.completeEpisodes()) {
      while (readySteps < target) {
        step();
      }
    } else {
      while (batchSteps < target) {
        step();
      }
      for (EnvState st : states) {
        if (st == null) {
          continue;
        }
        for (Agent a : st.agents.values()) {
          if (!a.done && a.fragment.count() > 0) {
            finishFragment(st, a, false);
          }
        }
      }
      readySteps = batchSteps;
    }
    Map<String, SampleBatch> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<SampleBatch>> e : ready.entrySet()) {
      List<SampleBatch> l = e.getValue();
      out.put(e.getKey(), l.size() == 1 ? l.get(0) : SampleBatch.concat(l));
    }
    MultiAgentBatch batch = new MultiAgentBatch(out, readySteps);
    ready.clear();
    readySteps = 0;
    for (SampleBatch b : out.values()) {
      callbacks.onSampleEnd(b);
    }
    return batch;
  }

  /** A new episode in sub-env {@code i} from its first observations. */
  private void startEpisode(int i, Map<String, Object> obs) {
    EnvState st = new EnvState();
    st.episode = new Episode(idRandom.nextLong() & Long.MAX_VALUE, i, 0, 0, 0);
    st.pending = obs == null ? Map.of() : obs;
    states[i] = st;
    for (Map.Entry<String, Object> e : st.pending.entrySet()) {
      Agent a = agent(st, e.getKey());
      a.obs = preprocess(a, e.getValue());
      st.episode.setAgentObservation(a.id, a.obs);
    }
    callbacks.onEpisodeStart(st.episode, null);
  }

  private static void markTraining(EnvState st, Map<String, Map<String, Object>> infos) {
    if (infos != null) {
      for (Map<String, Object> info : infos.values()) {
        if (Boolean.FALSE.equals(info.get("training_enabled"))) {
          st.training = false;
        }
      }
    }
  }

  private Agent agent(EnvState st, String id) {
    Agent a = st.agents.get(id);
    if (a == null) {
      String pid = mapping.policyFor(id);
      if (!policies.containsKey(pid)) {
        throw new IllegalStateException("policy_mapping_fn mapped agent '" + id + "' to policy '" + pid
            + "' but multiagent.policies has " + policies.keySet());
      }
      a = new Agent(id, pid, st.agents.size());
      st.agents.put(id, a);
      st.episode.setAgentPolicy(id, pid);
    }
    return a;
  }

  private float[] preprocess(Agent a, Object raw) {
    Preprocessor p = preprocessors.get(a.policyId);
    try {
      return p.transform(raw);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("observation of agent '" + a.id + "' does not fit the observation space"
          + " of policy '" + a.policyId + "': " + e.getMessage(), e);
    }
  }

  /** One poll of the env, its news processed, and one batched action call per policy. */
  private void step() {
    long t0 = System.nanoTime();
    BaseEnv.Poll p = env.poll();
    long t1 = System.nanoTime();
    perf.envWaitNs += t1 - t0;
    java.util.Set<Integer> ids = new java.util.TreeSet<>(p.observations().keySet());
    ids.addAll(p.dones().keySet());
    for (int i : ids) {
      Map<String, Object> obs = p.observations().getOrDefault(i, Map.of());
      if (states[i] == null) {
        startEpisode(i, obs);
        markTraining(states[i], p.infos().get(i));
      } else {
        process(i, states[i], new MultiAgentStep(obs, p.rewards().get(i), p.dones().get(i), p.infos().get(i)));
      }
    }
    long t2 = System.nanoTime();
    // Group the ready agents of every env by policy.
    Map<String, List<Agent>> byPolicy = new LinkedHashMap<>();
    for (EnvState st : states) {
      if (st == null) {
        continue;
      }
      for (String id : st.pending.keySet()) {
        Agent a = st.agents.get(id);
        if (!a.done) {
          byPolicy.computeIfAbsent(a.policyId, k -> new ArrayList<>()).add(a);
        }
      }
    }
    for (Map.Entry<String, List<Agent>> e : byPolicy.entrySet()) {
      Policy pol = policies.get(e.getKey());
      List<Agent> agents = e.getValue();
      int n = agents.size();
      int w = pol.observationSize();
      float[] obs = new float[n * w];
      for (int r = 0; r < n; r++) {
        System.arraycopy(agents.get(r).obs, 0, obs, r * w, w);
      }
      ActionOutput out = pol.computeActions(obs, n, config.explore());
      int as = pol.actionSize();
      for (int r = 0; r < n; r++) {
        Agent a = agents.get(r);
        if (a.action != null) {
          a.prevAction = a.action;
        }
        a.action = java.util.Arrays.copyOfRange(out.actions(), r * as, (r + 1) * as);
        Map<String, float[]> extras = new HashMap<>();
        for (Map.Entry<String, float[]> x : out.extras().entrySet()) {
          int xw = x.getValue().length / n;
          extras.put(x.getKey(), java.util.Arrays.copyOfRange(x.getValue(), r * xw, (r + 1) * xw));
        }
        a.extras = extras;
        a.acted = true;
      }
    }
    for (Map.Entry<Integer, Map<String, Object>> off : p.offPolicyActions().entrySet()) {
      EnvState st = states[off.getKey()];
      for (Map.Entry<String, Object> a : off.getValue().entrySet()) {
        Agent agent = st == null ? null : st.agents.get(a.getKey());
        if (agent != null && agent.action != null) {
          Policy pol = policies.get(agent.policyId);
          double[] flat = new double[pol.actionSize()];
          io.tune4j.rllib.env.FlatValues.write(a.getValue(), pol.actionSpace(), flat.length, flat, 0, "logged action");
          agent.action = flat;
        }
      }
    }
    long t3 = System.nanoTime();
    perf.inferenceNs += t3 - t2;
    Map<Integer, Map<String, Object>> send = new LinkedHashMap<>();
    for (int i = 0; i < states.length; i++) {
      EnvState st = states[i];
      if (st == null) {
        continue;
      }
      Map<String, Object> actions = new LinkedHashMap<>();
      for (String id : st.pending.keySet()) {
        Agent a = st.agents.get(id);
        if (!a.done) {
          Policy pol = policies.get(a.policyId);
          double[] act = a.action;
          if (config.clipActions() && pol.actionSpace() instanceof Box box) {
            act = act.clone();
            for (int j = 0; j < act.length; j++) {
              act[j] = Math.max(box.low()[j], Math.min(box.high()[j], act[j]));
            }
          }
          actions.put(id, FlatValues.read(act, 0, pol.actionSpace()));
        }
      }
      st.pending = Map.of();
      if (!actions.isEmpty()) { // a sub-env that has not answered yet keeps its awaited actions
        st.acted = actions;
        send.put(i, actions);
      }
    }
    long t4 = System.nanoTime();
    env.sendActions(send);
    long t5 = System.nanoTime();
    perf.envWaitNs += t5 - t4;
    perf.processingNs += (t2 - t1) + (t4 - t3);
    perf.steps++;
  }

  private void process(int i, EnvState st, MultiAgentStep s) {
    Map<String, Object> acted = st.acted;
    st.acted = Map.of();
    if (!acted.isEmpty()) {
      st.length++;
      if (st.training) {
        batchSteps++;
      }
    }
    boolean all = s.allDone();
    boolean hitHorizon = !all && horizon > 0 && st.length >= horizon;
    for (String id : acted.keySet()) {
      Agent a = st.agents.get(id);
      double r = s.rewards().getOrDefault(id, 0.0);
      a.totalReward += r;
      st.episode.addAgentReward(id, r);
      Object raw = s.observations().get(id);
      if (raw == null && !(all || hitHorizon || Boolean.TRUE.equals(s.dones().get(id)))) {
        a.prevReward = r;
        continue; // not ready: no row until it observes again (RLlib records on observation)
      }
      float[] newObs = raw == null ? a.obs : preprocess(a, raw);
      boolean done = all || Boolean.TRUE.equals(s.dones().get(id));
      addRow(a, r, done || hitHorizon, newObs);
      a.obs = newObs;
      a.prevReward = r;
      st.episode.setAgentObservation(id, newObs);
      if (done) {
        finishFragment(st, a, true);
        a.done = true;
      }
    }
    Map<String, Object> next = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : s.observations().entrySet()) {
      Agent a = agent(st, e.getKey());
      if (!acted.containsKey(e.getKey())) { // a newly appeared agent
        a.obs = preprocess(a, e.getValue());
        st.episode.setAgentObservation(a.id, a.obs);
      }
      if (!a.done && !Boolean.TRUE.equals(s.dones().get(e.getKey()))) {
        next.put(e.getKey(), e.getValue());
      }
    }
    st.pending = next;
    st.episode.setLength(st.length);
    callbacks.onEpisodeStep(st.episode, null);
    if (all || hitHorizon) {
      for (Agent a : st.agents.values()) {
        if (!a.done && a.fragment.count() > 0) {
          finishFragment(st, a, !hitHorizon);
        }
        a.done = true;
      }
      callbacks.onEpisodeEnd(st.episode, null);
      finished.add(metrics(st));
      if (config.completeEpisodes() && st.training) {
        readySteps += st.length;
      }
      long r0 = System.nanoTime();
      Map<String, Object> first = env.tryReset(i);
      perf.envWaitNs += System.nanoTime() - r0;
      if (first == null) {
        states[i] = null; // the env reports the new episode's observations through poll()
      } else {
        startEpisode(i, first);
      }
    }
  }

  private void addRow(Agent a, double reward, boolean done, float[] newObs) {
    Policy p = policies.get(a.policyId);
    int w = p.observationSize();
    int as = p.actionSize();
    SampleBatch.Builder b = a.fragment;
    b.addFloats(SampleBatch.OBS, w, a.obs, 0);
    b.addFloats(SampleBatch.NEW_OBS, w, newObs, 0);
    b.addDoubles(SampleBatch.ACTIONS, as, a.action, 0);
    b.addFloat(SampleBatch.REWARDS, (float) reward);
    b.addFloat(SampleBatch.DONES, done ? 1f : 0f);
    b.addDoubles(SampleBatch.PREV_ACTIONS, as, a.prevAction == null ? new double[as] : a.prevAction, 0);
    b.addFloat(SampleBatch.PREV_REWARDS, (float) a.prevReward);
    b.addLong(SampleBatch.EPS_ID, 0L); // set per fragment below
    b.addLong(SampleBatch.T, a.t++);
    b.addLong(SampleBatch.AGENT_INDEX, a.index);
    for (Map.Entry<String, float[]> x : a.extras.entrySet()) {
      b.addFloats(x.getKey(), x.getValue().length, x.getValue(), 0);
    }
  }

  private void finishFragment(EnvState st, Agent a, boolean terminated) {
    SampleBatch fragment = a.fragment.build();
    a.fragment.clear();
    if (!st.training) {
      return; // played with training_enabled false: not learned from
    }
    long[] eps = fragment.longs(SampleBatch.EPS_ID);
    java.util.Arrays.fill(eps, st.episode.episodeId());
    if (Boolean.TRUE.equals(config.clipRewards())) {
      float[] r = fragment.floats(SampleBatch.REWARDS);
      for (int k = 0; k < r.length; k++) {
        r[k] = Math.signum(r[k]);
      }
    }
    SampleBatch post = policies.get(a.policyId).postprocessTrajectory(fragment, terminated);
    callbacks.onPostprocessTraj(st.episode, post);
    ready.computeIfAbsent(a.policyId, k -> new ArrayList<>()).add(post);
  }

  private static EpisodeMetrics metrics(EnvState st) {
    double total = 0;
    Map<String, double[]> perPolicy = new LinkedHashMap<>(); // sum, count
    for (Agent a : st.agents.values()) {
      total += a.totalReward;
      double[] v = perPolicy.computeIfAbsent(a.policyId, k -> new double[2]);
      v[0] += a.totalReward;
      v[1]++;
    }
    Map<String, Double> byPolicy = new LinkedHashMap<>();
    perPolicy.forEach((k, v) -> byPolicy.put(k, v[0] / v[1]));
    return new EpisodeMetrics(st.length, total, st.episode.customMetrics(), byPolicy);
  }

  /** Metrics of the episodes finished since the last call (the list is handed over). */
  public List<EpisodeMetrics> pollMetrics() {
    List<EpisodeMetrics> out = finished;
    finished = new ArrayList<>();
    return out;
  }

  /** Timings per step since the last call, then resets them. */
  public SamplerPerf pollPerf() {
    return perf.poll();
  }


  /** The env. */
  public BaseEnv env() {
    return env;
  }
}
