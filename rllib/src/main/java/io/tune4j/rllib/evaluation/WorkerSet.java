package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.policy.MultiAgentBatch;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import io.tune4j.rllib.util.DeveloperApi;
import io.tune4j.tune.runtime.Actor;
import io.tune4j.tune.runtime.ActorException;
import io.tune4j.tune.runtime.ActorInfo;
import io.tune4j.tune.runtime.ActorResources;
import io.tune4j.tune.runtime.ActorRuntime;
import io.tune4j.tune.runtime.HostOps;
import io.tune4j.tune.runtime.Pending;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A local {@link RolloutWorker} plus {@code num_workers} remote ones, each hosted by an actor of
 * the {@link ActorRuntime} (RLlib's {@code WorkerSet}). Sample batches, weights, filters and
 * metrics cross as {@code byte[]}.
 *
 * <p>The embedded runtime cannot kill actors, so remote workers go back to its pool when a worker
 * set stops and are rebuilt with {@link RolloutWorker#setup} by the next one; on a cluster they are
 * killed once their shutdown has run.
 */
@DeveloperApi
public final class WorkerSet implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WorkerSet.class.getName());

  private final RolloutWorker local;
  private final List<Actor<RolloutWorker>> remotes = new ArrayList<>();
  private boolean stopped;

  /**
   * Builds the local worker and {@code numWorkers} remote workers, each asking for {@code
   * num_cpus_per_worker}, {@code num_gpus_per_worker} and {@code custom_resources_per_worker}.
   *
   * @throws IllegalStateException naming the worker whose setup failed
   */
  @SuppressWarnings("unchecked")
  public WorkerSet(WorkerSpec spec, int numWorkers) {
    this.local = RolloutWorker.local(spec.withIndex(0));
    if (numWorkers <= 0) {
      return;
    }
    ActorRuntime runtime = ActorRuntime.get();
    Map<String, Object> c = spec.config();
    Map<String, Double> custom = new java.util.TreeMap<>();
    ((Map<String, Object>) c.getOrDefault("custom_resources_per_worker", Map.of()))
        .forEach((k, v) -> custom.put(k, ((Number) v).doubleValue()));
    ActorResources shape =
        new ActorResources(
            ((Number) c.get("num_cpus_per_worker")).doubleValue(),
            ((Number) c.get("num_gpus_per_worker")).doubleValue(),
            custom);
    List<Pending<Object>> inits = new ArrayList<>();
    for (int i = 1; i <= numWorkers; i++) {
      Actor<RolloutWorker> a = runtime.create(RolloutWorker::new, shape, "rollout worker " + i);
      remotes.add(a);
      inits.add(a.call(WorkerSet::setupOp, spec.withIndex(i)));
    }
    try {
      waitAll(inits);
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
    if (!runtime.embedded()) {
      for (Actor<RolloutWorker> a : remotes) {
        ActorInfo info = a.info();
        LOG.info(a.label() + " runs in pid " + info.pid() + " on node " + info.nodeId() + " (" + info.nodeIp() + ")");
      }
    }
  }

  private static Object setupOp(RolloutWorker w, WorkerSpec s) {
    Thread.currentThread().setName("rollout-worker " + s.workerIndex());
    w.setup(s);
    return null;
  }

  /** The local worker (holds the learning copy of the policy). */
  public RolloutWorker localWorker() {
    return local;
  }

  /** The remote workers' actors (index i is worker i + 1). */
  public List<Actor<RolloutWorker>> remoteWorkers() {
    return remotes;
  }

  /** Number of remote workers. */
  public int numRemoteWorkers() {
    return remotes.size();
  }

  /** Sends the local policy's weights to every remote worker (encoded once). */
  public void syncWeights() {
    if (remotes.isEmpty()) {
      return;
    }
    byte[] w = local.getWeights();
    List<Pending<Object>> calls = new ArrayList<>();
    for (Actor<RolloutWorker> r : remotes) {
      calls.add(r.call(WorkerSet::setWeightsOp, w));
    }
    waitAll(calls);
  }

  private static Object setWeightsOp(RolloutWorker w, byte[] weights) {
    w.setWeights(weights);
    return null;
  }

  /** One batch of every policy from every remote worker, collected in parallel (decoded). */
  public List<MultiAgentBatch> sampleRemoteMulti() {
    List<Pending<byte[]>> calls = new ArrayList<>();
    for (Actor<RolloutWorker> r : remotes) {
      calls.add(r.call(WorkerSet::sampleMultiOp));
    }
    List<MultiAgentBatch> out = new ArrayList<>();
    for (byte[] b : waitAll(calls)) {
      out.add(MultiAgentBatch.decode(b));
    }
    return out;
  }

  private static byte[] sampleMultiOp(RolloutWorker w) {
    return w.sample().encode();
  }

  /** One sample batch from every remote worker, collected in parallel (decoded). */
  public List<SampleBatch> sampleRemote() {
    List<Pending<byte[]>> calls = new ArrayList<>();
    for (Actor<RolloutWorker> r : remotes) {
      calls.add(r.call(WorkerSet::sampleOp));
    }
    List<SampleBatch> out = new ArrayList<>();
    for (byte[] b : waitAll(calls)) {
      out.add(SampleBatch.decode(b));
    }
    return out;
  }

  private static byte[] sampleOp(RolloutWorker w) {
    return w.sampleBatch().encode();
  }

  /**
   * Starts collecting one sample batch on remote worker {@code index} (1..N) and returns at once;
   * the reply is the encoded batch ({@link SampleBatch#decode}). For asynchronous strategies,
   * with {@link io.tune4j.rllib.optimizers.TaskPool}.
   */
  public Pending<byte[]> sampleAsync(int index) {
    return remote(index).call(WorkerSet::sampleOp);
  }

  /**
   * Starts, on remote worker {@code index}, sampling a batch and computing the policy's gradients
   * on it (RLlib's {@code compute_gradients.remote(sample.remote())}); the reply's stats carry the
   * batch size under {@code batch_count}. The reply is {@link Policy.Gradients#encode()}'s bytes.
   */
  public Pending<byte[]> computeGradientsAsync(int index) {
    return remote(index).call(WorkerSet::gradientsOp);
  }

  /** Encoded {@link Policy.Gradients} ({@link Policy.Gradients#decode}). */
  private static byte[] gradientsOp(RolloutWorker w) {
    SampleBatch b = w.sampleBatch();
    Policy.Gradients g = w.getPolicy().computeGradients(b);
    Map<String, Object> stats = new java.util.LinkedHashMap<>(g.stats());
    stats.put("batch_count", b.count());
    return new Policy.Gradients(g.flat(), stats).encode();
  }

  /** Sends {@code weights} to remote worker {@code index} only (returns at once). */
  public Pending<Object> setWeightsAsync(int index, byte[] weights) {
    return remote(index).call(WorkerSet::setWeightsOp, weights);
  }

  private Actor<RolloutWorker> remote(int index) {
    if (index < 1 || index > remotes.size()) {
      throw new IllegalArgumentException(
          "remote worker index must be in 1.." + remotes.size() + ", got " + index);
    }
    return remotes.get(index - 1);
  }

  /** Metrics of every worker (local first) since the last poll. */
  public List<WorkerMetrics> pollMetrics() {
    List<WorkerMetrics> out = new ArrayList<>();
    out.add(local.pollMetrics());
    List<Pending<byte[]>> calls = new ArrayList<>();
    for (Actor<RolloutWorker> r : remotes) {
      calls.add(r.call(WorkerSet::metricsOp));
    }
    for (byte[] b : waitAll(calls)) {
      out.add(WorkerMetrics.decode(b));
    }
    return out;
  }

  private static byte[] metricsOp(RolloutWorker w) {
    return w.pollMetrics().encode();
  }

  /**
   * RLlib's filter sync: the driver's filter absorbs every remote worker's changes since the last
   * sync, then every remote worker takes a copy of the driver's filter.
   */
  public void syncFilters() {
    if (remotes.isEmpty()) {
      return;
    }
    List<Pending<byte[]>> flushes = new ArrayList<>();
    for (Actor<RolloutWorker> r : remotes) {
      flushes.add(r.call(WorkerSet::flushFilterOp));
    }
    for (byte[] b : waitAll(flushes)) {
      local.filter().applyChanges(b);
    }
    byte[] state = local.filter().getState();
    List<Pending<Object>> sets = new ArrayList<>();
    for (Actor<RolloutWorker> r : remotes) {
      sets.add(r.call(WorkerSet::setFilterStateOp, state));
    }
    waitAll(sets);
  }

  private static byte[] flushFilterOp(RolloutWorker w) {
    return w.filter().flushBuffer();
  }

  private static Object setFilterStateOp(RolloutWorker w, byte[] state) {
    w.filter().setState(state);
    return null;
  }

  /**
   * Applies {@code fn} to every worker, local first, and returns one value per worker (RLlib's
   * {@code foreach_worker}). The function travels to remote workers serialized; its results must
   * be {@link Serializable}.
   */
  public <T> List<T> foreachWorker(RolloutWorker.WorkerFunction<T> fn) {
    List<T> out = new ArrayList<>();
    try {
      out.add(fn.apply(local));
    } catch (Exception e) {
      throw new IllegalStateException("foreachWorker failed on the local worker: " + e, e);
    }
    List<Pending<T>> calls = new ArrayList<>();
    for (Actor<RolloutWorker> r : remotes) {
      HostOps.Op1<RolloutWorker, RolloutWorker.WorkerFunction<T>, T> op = WorkerSet::applyOp;
      calls.add(r.call(op, fn));
    }
    out.addAll(waitAll(calls));
    return out;
  }

  private static <T> T applyOp(RolloutWorker w, RolloutWorker.WorkerFunction<T> fn) throws Exception {
    T v = fn.apply(w);
    if (v != null && !(v instanceof Serializable)) {
      throw new IllegalArgumentException(
          "foreachWorker function returned a " + v.getClass().getName() + ", which is not Serializable");
    }
    return v;
  }

  /**
   * Applies {@code fn} to every policy of every worker, local first (RLlib's {@code
   * foreach_policy}); one value per (worker, policy), in worker then policy-id order.
   */
  public <T> List<T> foreachPolicy(PolicyFunction<T> fn) {
    List<List<T>> perWorker =
        foreachWorker(w -> {
          java.util.ArrayList<T> out = new java.util.ArrayList<>();
          for (Map.Entry<String, Policy> e : new java.util.TreeMap<>(w.policyMap()).entrySet()) {
            out.add(fn.apply(e.getValue(), e.getKey()));
          }
          return out;
        });
    List<T> out = new ArrayList<>();
    perWorker.forEach(out::addAll);
    return out;
  }

  /** A function of a policy and its id. */
  @FunctionalInterface
  public interface PolicyFunction<T> extends Serializable {
    /** Computes a value from a policy and its id. */
    T apply(Policy policy, String policyId) throws Exception;
  }

  /** Like {@link #foreachWorker}, also passing each worker's index (0 = local). */
  public <T> List<T> foreachWorkerWithIndex(IndexedWorkerFunction<T> fn) {
    return foreachWorker(w -> fn.apply(w, w.workerIndex()));
  }

  /** A function of a worker and its index. */
  @FunctionalInterface
  public interface IndexedWorkerFunction<T> extends Serializable {
    /** Computes a value from a worker and its index. */
    T apply(RolloutWorker worker, int index) throws Exception;
  }

  /**
   * Releases the workers: each remote worker's envs are closed, then its actor goes back to the
   * embedded runtime's pool, or is killed on a cluster once that has run. Idempotent.
   */
  public void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    local.shutdown();
    List<Pending<Object>> closes = new ArrayList<>();
    for (Actor<RolloutWorker> r : remotes) {
      closes.add(r.call(WorkerSet::shutdownOp));
    }
    for (int i = 0; i < closes.size(); i++) {
      try {
        closes.get(i).get();
      } catch (ActorException e) {
        LOG.warning("a rollout worker failed to close: " + e.getMessage());
      }
      // Its shutdown has run: pooled (embedded) or killed now (cluster).
      remotes.get(i).release(false, closes.get(i));
    }
    remotes.clear();
  }

  private static Object shutdownOp(RolloutWorker w) {
    w.shutdown();
    return null;
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /**
   * Every reply's value, in order. Reads all replies before reporting the first failure, so none is
   * left unread.
   *
   * @throws IllegalStateException naming the failed worker and its error
   */
  private static <T> List<T> waitAll(List<Pending<T>> calls) {
    List<T> out = new ArrayList<>(calls.size());
    RuntimeException first = null;
    for (Pending<T> p : calls) {
      try {
        out.add(p.get());
      } catch (ActorException e) {
        if (first == null) {
          first = new IllegalStateException(e.getMessage()
              + (e instanceof io.tune4j.tune.runtime.ActorCallException c ? "\n" + c.remoteTrace() : ""), e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return out;
  }
}
