package io.tune4j.tune.execution;

import io.ray.api.ActorHandle;
import io.ray.api.ObjectRef;
import io.ray.api.Ray;
import io.ray.api.WaitResult;
import io.tune4j.tune.trial.Resources;
import io.tune4j.tune.trial.Trial;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Runs each trial in a {@link TrialActor} Ray actor, keeps one train request in flight per running
 * trial and services them with {@code Ray.wait} (never one blocking loop per trial).
 *
 * <p>Ray's LOCAL mode (one JVM, actors as threads) cannot kill an actor or free its thread, so
 * finished trials' actors always go back to a pool and host later trials; on a cluster, actors are
 * killed unless {@code reuse_actors} is on. Resources are accounted by the runner (LOCAL mode does
 * not enforce them) and also passed to Ray, which enforces them on a cluster.
 */
public final class RayTrialExecutor implements TrialExecutor {
  private static final Logger LOG = Logger.getLogger(RayTrialExecutor.class.getName());

  private final Resources total;
  private final boolean localMode;
  private final Deque<ActorHandle<TrialActor>> pool;
  private final Map<Trial, ActorHandle<TrialActor>> actors = new HashMap<>();
  private final List<ObjectRef<byte[]>> inFlight = new ArrayList<>();
  private final Map<ObjectRef<byte[]>, Trial> owner = new IdentityHashMap<>();

  /**
   * Connects to Ray (starting it in LOCAL mode unless it is running or {@code ray.address} is
   * set) and reads the cluster's resources.
   *
   * @param numCpus CPUs to budget in LOCAL mode (null: {@code ray.num-cpus} or the cores)
   * @param numGpus GPUs to budget in LOCAL mode (null: {@code ray.num-gpus} or 0)
   */
  public RayTrialExecutor(Integer numCpus, Integer numGpus) {
    RaySession.ensureStarted();
    this.localMode = RaySession.isLocalMode();
    this.total = localMode ? RaySession.localResources(numCpus, numGpus) : RaySession.clusterResources();
    // LOCAL mode never frees an actor's thread, so idle actors are shared by every run in the JVM.
    this.pool = localMode ? RaySession.localActorPool() : new ArrayDeque<>();
  }

  @Override
  public Resources totalResources() {
    return total;
  }

  @Override
  public void startTrial(Trial trial, TrialSpec spec, int maxResults, long bufferNanos) {
    byte[] payload = Payloads.encode(spec);
    ActorHandle<TrialActor> actor;
    synchronized (pool) {
      actor = pool.pollFirst();
    }
    if (actor == null) {
      var creator = Ray.actor(TrialActor::new);
      Resources r = trial.resources();
      if (!localMode) {
        creator.setResource("CPU", r.cpu());
        if (r.gpu() > 0) {
          creator.setResource("GPU", r.gpu());
        }
        r.customResources().forEach(creator::setResource);
      }
      actor = creator.remote();
    }
    actors.put(trial, actor);
    ObjectRef<byte[]> ref = actor.task(TrialActor::startAndTrain, payload, maxResults, bufferNanos).remote();
    inFlight.add(ref);
    owner.put(ref, trial);
  }

  @Override
  public void requestResults(Trial trial, int maxResults, long bufferNanos) {
    ActorHandle<TrialActor> actor = actors.get(trial);
    if (actor == null) {
      throw new IllegalStateException("trial " + trial + " has no actor");
    }
    ObjectRef<byte[]> ref = actor.task(TrialActor::train, maxResults, bufferNanos).remote();
    inFlight.add(ref);
    owner.put(ref, trial);
  }

  @Override
  public Event nextEvent(long timeoutMs) {
    if (inFlight.isEmpty()) {
      return null;
    }
    ObjectRef<byte[]> ready;
    if (inFlight.size() == 1) {
      ready = inFlight.get(0);
      byte[] bytes;
      try {
        bytes = ready.get(timeoutMs);
      } catch (io.ray.api.exception.RayTimeoutException e) {
        return null;
      }
      if (bytes == null) {
        return null;
      }
      return finish(ready, bytes);
    }
    WaitResult<byte[]> w = Ray.wait(inFlight, 1, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
    if (w.getReady().isEmpty()) {
      return null;
    }
    ready = w.getReady().get(0);
    return finish(ready, Ray.get(ready));
  }

  private Event finish(ObjectRef<byte[]> ready, byte[] bytes) {
    Trial trial = owner.remove(ready);
    if (trial == null) {
      // WaitResult may hand back equal but distinct refs; fall back to equals().
      for (ObjectRef<byte[]> r : inFlight) {
        if (r.equals(ready)) {
          trial = owner.remove(r);
          ready = r;
          break;
        }
      }
    }
    inFlight.remove(ready);
    ActorReply reply = Payloads.decode(bytes);
    return new Event(trial, reply, reply.setupFailed() ? reply : null);
  }

  @Override
  public ActorReply save(Trial trial, String dir) {
    ActorHandle<TrialActor> actor = actors.get(trial);
    if (actor == null) {
      return ActorReply.failed(new IllegalStateException("trial " + trial + " is not running"));
    }
    return Payloads.decode(actor.task(TrialActor::save, dir).remote().get());
  }

  @Override
  public void stopTrial(Trial trial, boolean reuse) {
    ActorHandle<TrialActor> actor = actors.remove(trial);
    for (int i = inFlight.size() - 1; i >= 0; i--) {
      if (owner.get(inFlight.get(i)) == trial) {
        owner.remove(inFlight.remove(i));
      }
    }
    if (actor == null) {
      return;
    }
    boolean keep = reuse || localMode;
    actor.task(TrialActor::stop, reuse).remote().get();
    if (keep) {
      synchronized (pool) {
        pool.addLast(actor);
      }
    } else {
      actor.kill();
    }
  }

  @Override
  public boolean hasInFlight() {
    return !inFlight.isEmpty();
  }

  /** Actors created so far and idle in the pool (for tests and the benchmark). */
  public int pooledActors() {
    return pool.size();
  }

  @Override
  public void close() {
    for (Trial t : new ArrayList<>(actors.keySet())) {
      stopTrial(t, false);
    }
    synchronized (pool) {
      for (ActorHandle<TrialActor> a : pool) {
        try {
          a.task(TrialActor::stop, false).remote().get();
        } catch (RuntimeException e) {
          LOG.fine("stopping pooled actor: " + e);
        }
      }
    }
    if (!localMode) {
      for (ActorHandle<TrialActor> a : pool) {
        a.kill();
      }
      pool.clear();
    }
  }
}
