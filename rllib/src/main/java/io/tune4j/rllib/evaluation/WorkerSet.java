package io.tune4j.rllib.evaluation;

import io.ray.api.ActorHandle;
import io.ray.api.ObjectRef;
import io.ray.api.Ray;
import io.tune4j.rllib.policy.SampleBatch;
import io.tune4j.rllib.util.DeveloperApi;
import io.tune4j.tune.execution.ActorHosts;
import io.tune4j.tune.execution.ActorReply;
import io.tune4j.tune.execution.Payloads;
import io.tune4j.tune.execution.RaySession;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A local {@link RolloutWorker} plus {@code num_workers} remote ones running as Ray actors
 * (RLlib's {@code WorkerSet}). Only this class and the worker touch Ray in rllib's sampling path.
 *
 * <p>Ray's LOCAL mode cannot kill actors, so remote workers go back to a JVM-wide pool when a
 * worker set stops and are rebuilt with {@link RolloutWorker#init} by the next one.
 */
@DeveloperApi
public final class WorkerSet {
  private static final Deque<Remote> LOCAL_POOL = new ArrayDeque<>();

  private final RolloutWorker local;
  private final List<Remote> remotes = new ArrayList<>();

  /**
   * A remote worker: its actor and the id its {@link RolloutWorker} is registered under.
   *
   * @param handle the Ray actor
   * @param id the host id passed with every call
   */
  public record Remote(ActorHandle<RolloutWorkerActor> handle, long id) {}
  private boolean stopped;

  /**
   * Builds the local worker and {@code numWorkers} remote workers, each asking Ray for {@code
   * num_cpus_per_worker}, {@code num_gpus_per_worker} and {@code custom_resources_per_worker}.
   */
  @SuppressWarnings("unchecked")
  public WorkerSet(WorkerSpec spec, int numWorkers) {
    this.local = RolloutWorker.local(spec.withIndex(0));
    if (numWorkers <= 0) {
      return;
    }
    RaySession.ensureStarted();
    Map<String, Object> c = spec.config();
    List<ObjectRef<byte[]>> inits = new ArrayList<>();
    for (int i = 1; i <= numWorkers; i++) {
      Remote actor = null;
      if (RaySession.isLocalMode()) {
        synchronized (LOCAL_POOL) {
          actor = LOCAL_POOL.pollFirst();
        }
      }
      if (actor == null) {
        long id = ActorHosts.newId();
        var creator = Ray.actor(RolloutWorkerActor::new, id);
        if (!RaySession.isLocalMode()) {
          creator.setResource("CPU", ((Number) c.get("num_cpus_per_worker")).doubleValue());
          double gpus = ((Number) c.get("num_gpus_per_worker")).doubleValue();
          if (gpus > 0) {
            creator.setResource("GPU", gpus);
          }
          ((Map<String, Object>) c.getOrDefault("custom_resources_per_worker", Map.of()))
              .forEach((k, v) -> creator.setResource(k, ((Number) v).doubleValue()));
        }
        actor = new Remote(creator.remote(), id);
      }
      remotes.add(actor);
      inits.add(actor.handle().task(RolloutWorkerActor::init, actor.id(), Payloads.encode(spec.withIndex(i))).remote());
    }
    for (int i = 0; i < inits.size(); i++) {
      check(inits.get(i), i + 1);
    }
  }

  /** The local worker (holds the learning copy of the policy). */
  public RolloutWorker localWorker() {
    return local;
  }

  /** The remote workers. */
  public List<Remote> remoteWorkers() {
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
    byte[] w = local.getPolicy().getWeights();
    List<ObjectRef<byte[]>> refs = new ArrayList<>();
    for (Remote r : remotes) {
      refs.add(r.handle().task(RolloutWorkerActor::setWeights, r.id(), w).remote());
    }
    checkAll(refs);
  }

  /** One sample batch from every remote worker, collected in parallel (decoded). */
  public List<SampleBatch> sampleRemote() {
    List<ObjectRef<byte[]>> refs = new ArrayList<>();
    for (Remote r : remotes) {
      refs.add(r.handle().task(RolloutWorkerActor::sample, r.id()).remote());
    }
    List<SampleBatch> out = new ArrayList<>();
    for (int i = 0; i < refs.size(); i++) {
      out.add(SampleBatch.decode((byte[]) check(refs.get(i), i + 1)));
    }
    return out;
  }

  /** Metrics of every worker (local first) since the last poll. */
  public List<WorkerMetrics> pollMetrics() {
    List<WorkerMetrics> out = new ArrayList<>();
    out.add(local.pollMetrics());
    List<ObjectRef<byte[]>> refs = new ArrayList<>();
    for (Remote r : remotes) {
      refs.add(r.handle().task(RolloutWorkerActor::metrics, r.id()).remote());
    }
    for (int i = 0; i < refs.size(); i++) {
      out.add(WorkerMetrics.decode((byte[]) check(refs.get(i), i + 1)));
    }
    return out;
  }

  /**
   * RLlib's filter sync: the driver's filter absorbs every remote worker's changes since the last
   * sync, then every remote worker takes a copy of the driver's filter.
   */
  public void syncFilters() {
    if (remotes.isEmpty()) {
      return;
    }
    List<ObjectRef<byte[]>> refs = new ArrayList<>();
    for (Remote r : remotes) {
      refs.add(r.handle().task(RolloutWorkerActor::flushFilter, r.id()).remote());
    }
    for (int i = 0; i < refs.size(); i++) {
      local.filter().applyChanges((byte[]) check(refs.get(i), i + 1));
    }
    byte[] state = local.filter().getState();
    List<ObjectRef<byte[]>> sets = new ArrayList<>();
    for (Remote r : remotes) {
      sets.add(r.handle().task(RolloutWorkerActor::setFilterState, r.id(), state).remote());
    }
    checkAll(sets);
  }

  /**
   * Applies {@code fn} to every worker, local first, and returns one value per worker (RLlib's
   * {@code foreach_worker}). The function travels to remote workers serialized.
   */
  @SuppressWarnings("unchecked")
  public <T> List<T> foreachWorker(RolloutWorker.WorkerFunction<T> fn) {
    List<T> out = new ArrayList<>();
    try {
      out.add(fn.apply(local));
    } catch (Exception e) {
      throw new IllegalStateException("foreachWorker failed on the local worker: " + e, e);
    }
    byte[] payload = Payloads.encode(fn);
    List<ObjectRef<byte[]>> refs = new ArrayList<>();
    for (Remote r : remotes) {
      refs.add(r.handle().task(RolloutWorkerActor::apply, r.id(), payload).remote());
    }
    for (int i = 0; i < refs.size(); i++) {
      out.add((T) check(refs.get(i), i + 1));
    }
    return out;
  }

  /** Like {@link #foreachWorker}, also passing each worker's index (0 = local). */
  public <T> List<T> foreachWorkerWithIndex(IndexedWorkerFunction<T> fn) {
    return foreachWorker(w -> fn.apply(w, w.workerIndex()));
  }

  /** A function of a worker and its index. */
  @FunctionalInterface
  public interface IndexedWorkerFunction<T> extends java.io.Serializable {
    /** Computes a value from a worker and its index. */
    T apply(RolloutWorker worker, int index) throws Exception;
  }

  /** Releases the workers: remote actors go back to the pool (LOCAL mode) or are killed. */
  public void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    local.shutdown();
    for (Remote r : remotes) {
      if (RaySession.isLocalMode()) {
        check(r.handle().task(RolloutWorkerActor::shutdown, r.id()).remote(), 0);
        synchronized (LOCAL_POOL) {
          LOCAL_POOL.addLast(r);
        }
      } else {
        r.handle().kill();
      }
    }
    remotes.clear();
  }

  private static Object check(ObjectRef<byte[]> ref, int workerIndex) {
    // RaySession.get wakes as soon as the reply is stored; free() releases it (LOCAL mode's
    // object store otherwise keeps every reply for the life of the JVM).
    byte[] bytes = RaySession.get(ref);
    RaySession.free(List.of(ref));
    ActorReply reply = Payloads.decode(bytes);
    if (reply.failed()) {
      throw new IllegalStateException("rollout worker " + workerIndex + " failed: " + reply.error());
    }
    return reply.value();
  }

  private static void checkAll(List<ObjectRef<byte[]>> refs) {
    for (int i = 0; i < refs.size(); i++) {
      check(refs.get(i), i + 1);
    }
  }
}
