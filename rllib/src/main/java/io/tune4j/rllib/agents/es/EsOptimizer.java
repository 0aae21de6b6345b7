package io.tune4j.rllib.agents.es;

import io.tune4j.rllib.evaluation.ObservationFilter;
import io.tune4j.rllib.optimizers.PolicyOptimizer;
import io.tune4j.rllib.optimizers.StepOutcome;
import io.tune4j.tune.runtime.Actor;
import io.tune4j.tune.runtime.ActorException;
import io.tune4j.tune.runtime.ActorResources;
import io.tune4j.tune.runtime.ActorRuntime;
import io.tune4j.tune.runtime.Pending;
import io.tune4j.tune.runtime.SharedObject;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * OpenAI ES (Salimans et al. 2017, "Evolution Strategies as a Scalable Alternative to Reinforcement
 * Learning", arXiv:1703.03864) as RLlib 2019's {@code ESTrainer._train}. One {@link #step()}:
 *
 * <ol>
 *   <li>every {@link EsWorker} actor gets θ and returns antithetic pairs (R⁺_i, R⁻_i) for noise
 *       slices ε_i, in rounds until {@code episodes_per_batch} episodes and {@code
 *       train_batch_size} steps (a round asks each worker for its share of the episodes still
 *       missing, at least one pair);
 *   <li>the 2N returns become centred ranks in [−0.5, 0.5];
 *   <li>g = Σ_i (rank(R⁺_i) − rank(R⁻_i)) ε_i / 2N;
 *   <li>Adam ({@code stepsize}) steps on −g + {@code l2_coeff}·θ;
 *   <li>the workers' observation-filter changes are folded into the driver's and broadcast.
 * </ol>
 *
 * <p>The noise table is built once on the driver and put in Ray's object store; each worker process
 * reads it from there once.
 */
public final class EsOptimizer implements PolicyOptimizer {
  private static final Logger LOG = Logger.getLogger(EsOptimizer.class.getName());
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPS = 1e-8;

  private final EsPolicy policy;
  private final ObservationFilter filter;
  private final NoiseTable noise;
  private final String noiseId;
  private final List<Actor<EsWorker>> actors = new ArrayList<>();
  private final int episodesPerBatch;
  private final int trainBatchSize;
  private final double l2;
  private final double stepsize;
  private final int reportLength;
  private double[] m;
  private double[] v;
  private long t;
  private long episodesSoFar;
  private final List<Double> rewardList = new ArrayList<>();
  private Map<String, Object> lastResult = Map.of();
  private boolean stopped;

  /** Builds the noise table, puts it in the object store and starts {@code num_workers} workers. */
  @SuppressWarnings("unchecked")
  public EsOptimizer(EsPolicy policy, ObservationFilter filter, Map<String, Object> config) {
    this.policy = policy;
    this.filter = filter;
    this.episodesPerBatch = ((Number) config.get("episodes_per_batch")).intValue();
    this.trainBatchSize = ((Number) config.get("train_batch_size")).intValue();
    this.l2 = ((Number) config.get("l2_coeff")).doubleValue();
    this.stepsize = ((Number) config.get("stepsize")).doubleValue();
    this.reportLength = ((Number) config.get("report_length")).intValue();
    int n = policy.numParams();
    this.m = new double[n];
    this.v = new double[n];
    int noiseSize = ((Number) config.get("noise_size")).intValue();
    long t0 = System.nanoTime();
    NoiseTable table = NoiseTable.create(noiseSize, NoiseTable.SEED);
    ActorRuntime runtime = ActorRuntime.get();
    SharedObject shared = runtime.put(table.encode());
    this.noiseId = shared.id();
    this.noise = table.share(noiseId);
    LOG.fine(() -> String.format("ES noise table: %d floats in the object store (%.1f s)", noiseSize,
        (System.nanoTime() - t0) / 1e9));
    if (n > noiseSize) {
      shared.close();
      throw new IllegalArgumentException("ES config: 'noise_size' " + noiseSize + " is smaller than the policy's "
          + n + " parameters; raise it");
    }
    Map<String, Double> custom = new java.util.TreeMap<>();
    ((Map<String, Object>) config.getOrDefault("custom_resources_per_worker", Map.of()))
        .forEach((k, val) -> custom.put(k, ((Number) val).doubleValue()));
    ActorResources shape = new ActorResources(((Number) config.get("num_cpus_per_worker")).doubleValue(),
        ((Number) config.get("num_gpus_per_worker")).doubleValue(), custom);
    int workers = ((Number) config.get("num_workers")).intValue();
    List<Pending<Object>> inits = new ArrayList<>();
    for (int i = 1; i <= workers; i++) {
      Actor<EsWorker> a = runtime.create(EsWorker::new, shape, "es worker " + i);
      actors.add(a);
      inits.add(a.callWith(EsOptimizer::setupOp, shared, new EsWorker.Setup(config, i, shared.id())));
    }
    try {
      waitAll(inits, "setting up");
    } catch (RuntimeException e) {
      stop();
      throw e;
    } finally {
      shared.close(); // every worker holds its process's copy now
    }
  }

  private static Object setupOp(EsWorker w, byte[] noise, EsWorker.Setup s) {
    w.setup(noise, s);
    return null;
  }

  private static <T> List<T> waitAll(List<Pending<T>> calls, String what) {
    List<T> out = new ArrayList<>(calls.size());
    RuntimeException first = null;
    for (int i = 0; i < calls.size(); i++) {
      try {
        out.add(calls.get(i).get());
      } catch (ActorException e) {
        if (first == null) {
          first = new IllegalStateException("ES worker " + (i + 1) + " failed " + what + ": " + e.getMessage()
              + (e instanceof io.tune4j.tune.runtime.ActorCallException c ? "\n" + c.remoteTrace() : ""), e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return out;
  }

  /** RLlib's {@code compute_centered_ranks}: ranks 0..n−1 scaled to [−0.5, 0.5]. */
  static float[] centeredRanks(float[] x) {
    int n = x.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Float.compare(x[a], x[b]));
    float[] y = new float[n];
    for (int r = 0; r < n; r++) {
      y[order[r]] = n == 1 ? 0f : (float) r / (n - 1) - 0.5f;
    }
    return y;
  }

  @Override
  public StepOutcome step() {
    float[] theta = policy.params();
    ByteBuffer bb = ByteBuffer.allocate(4 * theta.length);
    bb.asFloatBuffer().put(theta);
    byte[] params = bb.array();
    List<EsWorker.Result> results = new ArrayList<>();
    long episodes = 0;
    long steps = 0;
    // Each round, the workers share what is left of episodes_per_batch (2 episodes per pair).
    while (episodes < episodesPerBatch || steps < trainBatchSize) {
      long left = Math.max(2, episodesPerBatch - episodes);
      int pairs = (int) Math.max(1, (left + 2L * actors.size() - 1) / (2L * actors.size()));
      List<Pending<byte[]>> calls = new ArrayList<>();
      for (Actor<EsWorker> a : actors) {
        calls.add(a.call(EsWorker::doRollouts, params, pairs));
      }
      for (byte[] r : waitAll(calls, "its rollouts")) {
        EsWorker.Result res = EsWorker.Result.decode(r);
        results.add(res);
        episodes += res.lengths().length;
        for (int len : res.lengths()) {
          steps += len;
        }
      }
    }
    List<Integer> indices = new ArrayList<>();
    List<Float> returns = new ArrayList<>();
    List<Float> evalReturns = new ArrayList<>();
    List<Integer> evalLengths = new ArrayList<>();
    for (EsWorker.Result r : results) {
      for (int i : r.noiseIndices()) {
        indices.add(i);
      }
      for (float x : r.returns()) {
        returns.add(x);
      }
      for (int i = 0; i < r.evalReturns().length; i++) {
        evalReturns.add(r.evalReturns()[i]);
        evalLengths.add(r.evalLengths()[i]);
      }
    }
    float[] all = new float[returns.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = returns.get(i);
    }
    float[] ranks = centeredRanks(all);
    double[] g = new double[theta.length];
    for (int i = 0; i < indices.size(); i++) {
      noise.addScaled(indices.get(i), ranks[2 * i] - ranks[2 * i + 1], g);
    }
    double gradNorm = 0;
    for (int j = 0; j < g.length; j++) {
      g[j] /= all.length;
      gradNorm += g[j] * g[j];
    }
    double updateRatio = adamUpdate(theta, g);
    policy.setParams(theta);
    episodesSoFar += episodes;
    if (!evalReturns.isEmpty()) {
      rewardList.add(evalReturns.stream().mapToDouble(Float::doubleValue).average().orElseThrow());
    }
    syncFilters();
    double weightsNorm = 0;
    for (float x : theta) {
      weightsNorm += (double) x * x;
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("weights_norm", weightsNorm);
    info.put("grad_norm", gradNorm);
    info.put("update_ratio", updateRatio);
    info.put("episodes_this_iter", episodes);
    info.put("episodes_so_far", episodesSoFar);
    Map<String, Object> result = new LinkedHashMap<>();
    List<Double> recent = rewardList.subList(Math.max(0, rewardList.size() - reportLength), rewardList.size());
    result.put("episode_reward_mean", recent.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
    result.put("episode_len_mean", evalLengths.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN));
    result.put("timesteps_this_iter", steps);
    result.put("info", info);
    lastResult = result;
    return new StepOutcome(steps, 0, Map.of(), Map.of());
  }

  /** ES's Adam (its {@code optimizers.py}): θ += −a·m̂/(√v + ε) on {@code −g + l2·θ}; returns |step|/|θ|. */
  private double adamUpdate(float[] theta, double[] g) {
    t++;
    double a = stepsize * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
    double stepSq = 0;
    double thetaSq = 0;
    for (int j = 0; j < theta.length; j++) {
      double grad = -g[j] + l2 * theta[j];
      m[j] = BETA1 * m[j] + (1 - BETA1) * grad;
      v[j] = BETA2 * v[j] + (1 - BETA2) * grad * grad;
      double step = -a * m[j] / (Math.sqrt(v[j]) + EPS);
      stepSq += step * step;
      thetaSq += (double) theta[j] * theta[j];
      theta[j] = (float) (theta[j] + step);
    }
    return Math.sqrt(stepSq) / Math.sqrt(thetaSq);
  }

  /** RLlib's FilterManager.synchronize over the ES workers. */
  private void syncFilters() {
    List<Pending<byte[]>> flushes = new ArrayList<>();
    for (Actor<EsWorker> a : actors) {
      flushes.add(a.call(EsWorker::flushFilter));
    }
    for (byte[] b : waitAll(flushes, "flushing its filter")) {
      filter.applyChanges(b);
    }
    broadcastFilter();
  }

  /** Sends the driver's filter state to every worker. */
  void broadcastFilter() {
    byte[] state = filter.getState();
    List<Pending<Object>> sets = new ArrayList<>();
    for (Actor<EsWorker> a : actors) {
      sets.add(a.call(EsOptimizer::setFilterOp, state));
    }
    waitAll(sets, "setting its filter");
  }

  private static Object setFilterOp(EsWorker w, byte[] state) {
    w.setFilterState(state);
    return null;
  }

  /** The result of the last step: {@code episode_reward_mean, episode_len_mean, timesteps_this_iter, info}. */
  public Map<String, Object> lastResult() {
    return lastResult;
  }

  /** The number of ES worker actors. */
  public int numWorkers() {
    return actors.size();
  }

  @Override
  public byte[] saveState() {
    ByteBuffer b = ByteBuffer.allocate(8 + 8 + 4 + 16 * m.length + 4 + 8 * rewardList.size());
    b.putLong(t).putLong(episodesSoFar).putInt(m.length);
    for (int j = 0; j < m.length; j++) {
      b.putDouble(m[j]).putDouble(v[j]);
    }
    b.putInt(rewardList.size());
    for (double r : rewardList) {
      b.putDouble(r);
    }
    return b.array();
  }

  @Override
  public void restoreState(byte[] state) {
    if (state.length == 0) {
      return;
    }
    ByteBuffer b = ByteBuffer.wrap(state);
    t = b.getLong();
    episodesSoFar = b.getLong();
    int n = b.getInt();
    if (n != m.length) {
      throw new IllegalArgumentException("ES checkpoint holds Adam state for " + n + " parameters, the policy has "
          + m.length);
    }
    for (int j = 0; j < n; j++) {
      m[j] = b.getDouble();
      v[j] = b.getDouble();
    }
    rewardList.clear();
    for (int k = b.getInt(); k > 0; k--) {
      rewardList.add(b.getDouble());
    }
    broadcastFilter();
  }

  /** Closes the workers' envs, releases their actors and frees the noise table. */
  @Override
  public void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    List<Pending<Object>> closes = new ArrayList<>();
    for (Actor<EsWorker> a : actors) {
      closes.add(a.call(EsOptimizer::closeOp));
    }
    for (int i = 0; i < closes.size(); i++) {
      try {
        closes.get(i).get();
      } catch (ActorException e) {
        LOG.warning("an ES worker failed to close: " + e.getMessage());
      }
      actors.get(i).release(false, closes.get(i));
    }
    actors.clear();
    NoiseTable.unshare(noiseId);
  }

  private static Object closeOp(EsWorker w) {
    w.close();
    return null;
  }
}
