package io.tune4j.tune.execution;

import io.tune4j.tune.runtime.Actor;
import io.tune4j.tune.runtime.ActorCallException;
import io.tune4j.tune.runtime.ActorException;
import io.tune4j.tune.runtime.ActorResources;
import io.tune4j.tune.runtime.ActorRuntime;
import io.tune4j.tune.runtime.Payloads;
import io.tune4j.tune.runtime.Pending;
import io.tune4j.tune.trainable.TrainableFactory;
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
 * Runs each trial in an actor of the {@link ActorRuntime} hosting a {@link TrialHost}, keeps one
 * train request in flight per running trial and services them together: every wake-up collects
 * all finished requests, never one blocking loop per trial.
 *
 * <p>A call is never repeated: if the actor died it may have run, so the trial fails and Tune's
 * {@code max_failures} decides. Stopping a trial does not wait: the actor runs the stop before
 * any later call, and on a cluster it is killed only after the stop has run (so {@code cleanup}
 * completes). Resources are accounted by the runner and passed to the runtime, which has a cluster
 * enforce them. Checkpoints travel as bytes ({@link CheckpointArchive}) and are written by the
 * driver into the trial's directory.
 */
public final class ActorTrialExecutor implements TrialExecutor {
  private static final Logger LOG = Logger.getLogger(ActorTrialExecutor.class.getName());

  /** A call in flight: whose, whether it also started the trial, whether it is a save. */
  private record Call(Trial trial, boolean start, boolean save) {}

  private final ActorRuntime runtime;
  private final Resources total;
  private final Map<Trial, Actor<TrialHost>> actors = new HashMap<>();
  private final Map<Pending<byte[]>, Call> inFlight = new IdentityHashMap<>();
  private final List<Pending<Boolean>> stops = new ArrayList<>();
  private int pruneAt = 64;
  private final Deque<Event> ready = new ArrayDeque<>();
  // Each trainable factory is serialized once per experiment, as Tune registers a trainable once.
  private final Map<TrainableFactory, byte[]> factories = new IdentityHashMap<>();

  /**
   * Connects to the actor runtime (starting Ray in LOCAL mode unless it is running or {@code
   * ray.address} is set) and reads its resources.
   *
   * @param numCpus CPUs to budget in the embedded mode (null: {@code ray.num-cpus} or the cores)
   * @param numGpus GPUs to budget in the embedded mode (null: {@code ray.num-gpus} or 0)
   */
  public ActorTrialExecutor(Integer numCpus, Integer numGpus) {
    this.runtime = ActorRuntime.get();
    this.total = runtime.totalResources(numCpus, numGpus);
  }

  @Override
  public boolean embedded() {
    return runtime.embedded();
  }

  @Override
  public Resources totalResources() {
    return total;
  }

  @Override
  public void startTrial(Trial trial, TrialSpec spec, int maxResults, long bufferNanos) {
    Actor<TrialHost> actor;
    byte[] start;
    try {
      Resources r = trial.resources();
      actor = runtime.create(TrialHost::new, new ActorResources(r.cpu(), r.gpu(), r.customResources()), "trial " + trial);
      byte[] restore = spec.restore();
      byte[] factory = factories.computeIfAbsent(spec.factory(), Payloads::encode);
      start =
          new TrialHost.Start(spec.trainableName(), factory, ResultCodec.encodeMap(spec.config()), spec.context(), restore)
              .encode();
    } catch (RuntimeException e) {
      ActorReply failed = ActorReply.failed(e);
      ready.addLast(new Event(trial, failed, failed));
      return;
    }
    actors.put(trial, actor);
    inFlight.put(actor.call(TrialHost::startAndTrain, start, maxResults, bufferNanos), new Call(trial, true, false));
  }

  @Override
  public void requestResults(Trial trial, int maxResults, long bufferNanos) {
    Actor<TrialHost> actor = actors.get(trial);
    if (actor == null) {
      throw new IllegalStateException("trial " + trial + " has no actor");
    }
    inFlight.put(actor.call(TrialHost::train, maxResults, bufferNanos), new Call(trial, false, false));
  }

  @Override
  public Event nextEvent(long timeoutMs) {
    if (ready.isEmpty() && !inFlight.isEmpty()) {
      for (Pending<byte[]> p : runtime.waitAny(inFlight.keySet(), timeoutMs)) {
        Call c = inFlight.remove(p);
        ready.addLast(event(c, p));
      }
      pruneStops();
    }
    return ready.pollFirst();
  }

  private static Event event(Call c, Pending<byte[]> p) {
    if (c.save()) {
      try {
        return new Event(c.trial(), ActorReply.ok(p.get()), null, true);
      } catch (ActorCallException e) {
        return new Event(c.trial(), new ActorReply(null, e.remoteTrace(), false), null, true);
      } catch (ActorException e) {
        return new Event(c.trial(), new ActorReply(null, e.getMessage(), false), null, true);
      }
    }
    try {
      return new Event(c.trial(), ActorReply.ok(new ArrayList<>(ResultCodec.decode(p.get(), c.trial().config()))), null);
    } catch (ActorCallException e) {
      String trace = e.remoteTrace();
      String setupPrefix = TrialHost.SetupException.class.getName() + ": ";
      if (c.start() && trace.startsWith(setupPrefix)) {
        // Report the setup failure's own stack trace (the cause's), not the wrapper's.
        int cause = trace.indexOf("Caused by: ");
        ActorReply r = new ActorReply(null, cause < 0 ? trace : trace.substring(cause + 11), true);
        return new Event(c.trial(), r, r);
      }
      return new Event(c.trial(), new ActorReply(null, trace, false), null);
    } catch (ActorException e) {
      ActorReply r = new ActorReply(null, e.getMessage(), c.start());
      return new Event(c.trial(), r, c.start() ? r : null);
    }
  }

  @Override
  public void requestSave(Trial trial) {
    Actor<TrialHost> actor = actors.get(trial);
    if (actor == null) {
      ActorReply failed = ActorReply.failed(new IllegalStateException("trial " + trial + " is not running"));
      ready.addLast(new Event(trial, failed, null, true));
      return;
    }
    inFlight.put(actor.call(TrialHost::save), new Call(trial, false, true));
  }

  @Override
  public void stopTrial(Trial trial, boolean reuse) {
    Actor<TrialHost> actor = actors.remove(trial);
    inFlight.entrySet().removeIf(e -> {
      if (e.getValue().trial() == trial) {
        e.getKey().discard();
        return true;
      }
      return false;
    });
    ready.removeIf(e -> e.trial() == trial);
    if (actor == null) {
      return;
    }
    Pending<Boolean> stop = actor.call(TrialHost::stop, reuse, trial.trialId());
    stops.add(stop);
    actor.release(reuse, stop);
  }

  /** Reads the stop replies that have arrived (the embedded store frees nothing by itself). */
  private void pruneStops() {
    if (stops.size() < pruneAt) {
      return;
    }
    List<Pending<Boolean>> done = runtime.waitAny(stops, 0);
    for (Pending<Boolean> p : done) {
      readQuietly(p);
    }
    java.util.Set<Pending<Boolean>> gone = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    gone.addAll(done);
    stops.removeIf(gone::contains);
    pruneAt = stops.size() + 64;
  }

  private static void readQuietly(Pending<?> p) {
    try {
      p.get();
    } catch (ActorException e) {
      LOG.fine("a trial actor's stop failed: " + e.getMessage());
    }
  }

  @Override
  public boolean hasInFlight() {
    return !inFlight.isEmpty() || !ready.isEmpty();
  }

  /** Actors idle in the runtime's pool (for tests and the benchmark). */
  public int pooledActors() {
    return runtime.idleActors();
  }

  /**
   * Stops every trial still running and every pooled actor's trainable, and waits until they have
   * stopped, so trainables' {@code cleanup} has run when {@code Tune.run} returns; on a cluster
   * the idle actors are then killed.
   */
  @Override
  public void close() {
    for (Trial t : new ArrayList<>(actors.keySet())) {
      stopTrial(t, false);
    }
    for (Pending<Boolean> p : stops) {
      readQuietly(p);
    }
    stops.clear();
    runtime.forEachIdle(TrialHost.class, h -> h.stop(false, null));
    runtime.killIdle();
  }
}
