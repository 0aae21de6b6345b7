package io.tune4j.tune.execution;

import io.ray.api.ActorHandle;
import io.ray.api.ObjectRef;
import io.ray.api.Ray;
import io.ray.api.WaitResult;
import io.ray.api.exception.RayException;
import io.tune4j.tune.trainable.TrainableFactory;
import io.tune4j.tune.trial.Resources;
import io.tune4j.tune.trial.Trial;
import java.nio.charset.StandardCharsets;
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
 * trial and services them together: every wake-up collects all finished requests, never one
 * blocking loop per trial.
 *
 * <p>In Ray's LOCAL mode (one JVM, actors as threads) the executor waits on a put signal rather
 * than Ray's 1 ms polling ({@link LocalObjectSignal}) and frees each reply once read (the LOCAL
 * store never frees objects). LOCAL mode cannot kill an actor or free its thread, so finished
 * trials' actors always go back to a JVM-wide pool and host later trials; on a cluster, actors are
 * killed unless {@code reuse_actors} is on. Stopping a trial does not wait: the actor runs the stop
 * before any later call. Resources are accounted by the runner (LOCAL mode does not enforce them)
 * and also passed to Ray, which enforces them on a cluster.
 *
 * <p>Ray 2.39's LOCAL mode can fail a call before it reaches the actor (a null or foreign actor
 * instance while another actor is being created; see {@link ActorHosts}). {@link TrialActor}
 * methods never throw once they run, so a call that fails inside Ray had no effect: the executor
 * repeats it, on a new actor for a trial start, up to {@value #ATTEMPTS} times.
 */
public final class RayTrialExecutor implements TrialExecutor {
  private static final Logger LOG = Logger.getLogger(RayTrialExecutor.class.getName());
  private static final int ATTEMPTS = 4;

  /** An actor and the id of the {@link TrialHost} it carries. */
  record Slot(ActorHandle<TrialActor> actor, long hostId) {}

  private enum Op {
    START,
    TRAIN,
    STOP
  }

  /** A call in flight, with what it takes to repeat it. */
  private record Call(
      Op op, Trial trial, Slot slot, byte[] msg, int attempt, TrialSpec spec, int maxResults, long bufferNanos) {
    Call again(Slot newSlot, byte[] newMsg) {
      return new Call(op, trial, newSlot, newMsg, attempt + 1, spec, maxResults, bufferNanos);
    }
  }

  private final Resources total;
  private final boolean localMode;
  private final boolean signalled;
  private final Deque<Slot> pool;
  private final Map<Trial, Slot> slots = new HashMap<>();
  private final List<ObjectRef<byte[]>> inFlight = new ArrayList<>();
  private final List<ObjectRef<byte[]>> stops = new ArrayList<>();
  private final Map<ObjectRef<byte[]>, Call> calls = new IdentityHashMap<>();
  private final List<ObjectRef<byte[]>> orphans = new ArrayList<>();
  private final Deque<Event> ready = new ArrayDeque<>();
  // Each trainable factory is serialized once per experiment, as Tune registers a trainable once.
  private final Map<TrainableFactory, byte[]> factories = new IdentityHashMap<>();

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
    this.signalled = localMode && LocalObjectSignal.installed();
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
    Slot slot = acquire(trial);
    byte[] factory = factories.computeIfAbsent(spec.factory(), Payloads::encode);
    byte[] msg = TrialCalls.start(slot.hostId(), maxResults, bufferNanos, factory, spec);
    submit(new Call(Op.START, trial, slot, msg, 0, spec, maxResults, bufferNanos));
  }

  private Slot acquire(Trial trial) {
    Slot slot;
    synchronized (pool) {
      slot = pool.pollFirst();
    }
    if (slot == null) {
      long id = ActorHosts.newId();
      var creator = Ray.actor(TrialActor::new, id);
      Resources r = trial.resources();
      if (!localMode) {
        creator.setResource("CPU", r.cpu());
        if (r.gpu() > 0) {
          creator.setResource("GPU", r.gpu());
        }
        r.customResources().forEach(creator::setResource);
      }
      slot = new Slot(creator.remote(), id);
    }
    slots.put(trial, slot);
    return slot;
  }

  @Override
  public void requestResults(Trial trial, int maxResults, long bufferNanos) {
    Slot slot = slots.get(trial);
    if (slot == null) {
      throw new IllegalStateException("trial " + trial + " has no actor");
    }
    byte[] msg = TrialCalls.train(slot.hostId(), maxResults, bufferNanos);
    submit(new Call(Op.TRAIN, trial, slot, msg, 0, null, maxResults, bufferNanos));
  }

  private void submit(Call c) {
    ActorHandle<TrialActor> a = c.slot().actor();
    ObjectRef<byte[]> ref =
        switch (c.op()) {
          case START -> a.task(TrialActor::startAndTrain, c.msg()).remote();
          case TRAIN -> a.task(TrialActor::train, c.msg()).remote();
          case STOP -> a.task(TrialActor::stop, c.msg()).remote();
        };
    (c.op() == Op.STOP ? stops : inFlight).add(ref);
    calls.put(ref, c);
  }

  @Override
  public Event nextEvent(long timeoutMs) {
    if (!ready.isEmpty()) {
      return ready.pollFirst();
    }
    if (inFlight.isEmpty()) {
      return null;
    }
    if (!signalled) {
      WaitResult<byte[]> w = Ray.wait(inFlight, 1, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
      if (!w.getReady().isEmpty()) {
        collect();
      }
      return ready.pollFirst();
    }
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    while (true) {
      long seq = LocalObjectSignal.sequence();
      collect();
      if (!ready.isEmpty()) {
        return ready.pollFirst();
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      LocalObjectSignal.awaitChange(seq, left);
    }
  }

  /** Reads every finished call: replies become events, stops are done, failed calls repeat. */
  private void collect() {
    List<ObjectRef<byte[]>> done = new ArrayList<>(RaySession.ready(inFlight));
    if (!stops.isEmpty()) {
      done.addAll(RaySession.ready(stops));
    }
    for (int i = 0; i < done.size(); i++) {
      ObjectRef<byte[]> ref = done.get(i);
      Call c = calls.remove(ref);
      if (c == null) {
        // WaitResult may hand back equal but distinct refs; fall back to equals().
        for (ObjectRef<byte[]> k : calls.keySet()) {
          if (k.equals(ref)) {
            ref = k;
            done.set(i, k);
            c = calls.remove(k);
            break;
          }
        }
        if (c == null) {
          continue;
        }
      }
      (c.op() == Op.STOP ? stops : inFlight).remove(ref);
      byte[] bytes;
      try {
        bytes = Ray.get(ref);
      } catch (RayException e) {
        retry(c, e);
        continue;
      }
      if (c.op() != Op.STOP) {
        ActorReply reply = Replies.decode(bytes, c.trial().config());
        ready.addLast(new Event(c.trial(), reply, reply.setupFailed() ? reply : null));
      }
    }
    RaySession.free(done);
    if (!orphans.isEmpty()) {
      List<ObjectRef<byte[]>> gone = RaySession.ready(orphans);
      orphans.removeAll(gone);
      RaySession.free(gone);
    }
  }

  /** Repeats a call that failed inside Ray (it never reached the host), or reports it. */
  private void retry(Call c, RayException e) {
    String what = "TrialActor." + c.op().name().toLowerCase() + " for trial " + c.trial();
    boolean live = slots.get(c.trial()) == c.slot();
    if (c.op() == Op.START && live) {
      // The actor may be broken for good (Ray mapped it to another actor's context): replace it.
      slots.remove(c.trial());
      if (!localMode) {
        c.slot().actor().kill();
      }
    }
    if (c.attempt() + 1 >= ATTEMPTS || (!live && c.op() != Op.STOP)) {
      if (live || c.op() == Op.START) {
        String msg = "Ray failed to run " + what + " " + (c.attempt() + 1) + " times: " + e;
        ready.addLast(new Event(c.trial(), new ActorReply(null, msg, c.op() == Op.START), null));
      } else {
        LOG.warning("Ray failed to run " + what + "; giving up: " + e);
      }
      return;
    }
    LOG.fine("repeating " + what + " after a failure inside Ray: " + e);
    if (c.op() == Op.START) {
      Slot fresh = acquire(c.trial());
      byte[] factory = factories.computeIfAbsent(c.spec().factory(), Payloads::encode);
      submit(c.again(fresh, TrialCalls.start(fresh.hostId(), c.maxResults(), c.bufferNanos(), factory, c.spec())));
    } else {
      submit(c.again(c.slot(), c.msg()));
    }
  }

  @Override
  public ActorReply save(Trial trial, String dir) {
    Slot slot = slots.get(trial);
    if (slot == null) {
      return ActorReply.failed(new IllegalStateException("trial " + trial + " is not running"));
    }
    byte[] msg = TrialCalls.withBytes(slot.hostId(), dir.getBytes(StandardCharsets.UTF_8));
    return callAndWait(slot, msg, "save");
  }

  /** A synchronous {@code save} or {@code stop} call, repeated after failures inside Ray. */
  private ActorReply callAndWait(Slot slot, byte[] msg, String op) {
    RayException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      ObjectRef<byte[]> ref =
          op.equals("save")
              ? slot.actor().task(TrialActor::save, msg).remote()
              : slot.actor().task(TrialActor::stop, msg).remote();
      try {
        return Replies.decode(RaySession.get(ref), null);
      } catch (RayException e) {
        last = e;
      } finally {
        RaySession.free(List.of(ref));
      }
    }
    return new ActorReply(null, "Ray failed to run TrialActor." + op + " " + ATTEMPTS + " times: " + last, false);
  }

  @Override
  public void stopTrial(Trial trial, boolean reuse) {
    Slot slot = slots.remove(trial);
    for (int i = inFlight.size() - 1; i >= 0; i--) {
      Call c = calls.get(inFlight.get(i));
      if (c != null && c.trial() == trial) {
        ObjectRef<byte[]> ref = inFlight.remove(i);
        calls.remove(ref);
        orphans.add(ref);
      }
    }
    ready.removeIf(e -> e.trial() == trial);
    if (slot == null) {
      return;
    }
    boolean keep = reuse || localMode;
    byte[] msg = TrialCalls.stop(slot.hostId(), reuse, trial.trialId());
    submit(new Call(Op.STOP, trial, slot, msg, 0, null, 0, 0));
    if (keep) {
      synchronized (pool) {
        pool.addFirst(slot); // last in, first out: the next trial meets the trainable it can reuse
      }
    } else {
      slot.actor().kill();
    }
  }

  @Override
  public boolean hasInFlight() {
    return !inFlight.isEmpty() || !ready.isEmpty();
  }

  /** Actors idle in the pool (for tests and the benchmark). */
  public int pooledActors() {
    synchronized (pool) {
      return pool.size();
    }
  }

  /**
   * Stops every trial still running and every pooled actor's trainable, and waits until they have
   * stopped, so trainables' {@code cleanup} has run when {@code Tune.run} returns.
   */
  @Override
  public void close() {
    for (Trial t : new ArrayList<>(slots.keySet())) {
      stopTrial(t, false);
    }
    for (ObjectRef<byte[]> r : new ArrayList<>(stops)) {
      try {
        RaySession.get(r);
      } catch (RayException e) {
        LOG.fine("stop call failed inside Ray; the pooled actor is stopped below: " + e);
      }
    }
    RaySession.free(stops);
    stops.clear();
    List<Slot> idle;
    synchronized (pool) {
      idle = new ArrayList<>(pool);
    }
    for (Slot s : idle) {
      ActorReply r = callAndWait(s, TrialCalls.stop(s.hostId(), false, null), "stop");
      if (r.failed()) {
        LOG.warning("cannot stop a pooled trial actor: " + r.error());
      }
    }
    if (!localMode) {
      synchronized (pool) {
        for (Slot s : pool) {
          s.actor().kill();
        }
        pool.clear();
      }
    }
  }
}
