package io.tune4j.rllib.evaluation;

import io.tune4j.tune.execution.ActorHosts;
import io.tune4j.tune.execution.ActorReply;
import io.tune4j.tune.execution.Payloads;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * The Ray actor shell around a {@link RolloutWorker}. Its constructor registers a fresh worker
 * under the id the driver chose, and every method takes that id and runs on the registered worker,
 * never on {@code this}: Ray 2.39's LOCAL mode can run a method on another actor's instance when
 * two actors run calls at once (see {@link ActorHosts}). Methods take and return {@code byte[]}
 * and never throw; failures come back as {@link ActorReply#failed}.
 */
public class RolloutWorkerActor {

  /** Ray creates actors through this constructor. */
  public RolloutWorkerActor(Long hostId) {
    ActorHosts.register(hostId, new RolloutWorker());
  }

  private static RolloutWorker worker(Long id) {
    return ActorHosts.get(id, RolloutWorker.class);
  }

  /** Builds the worker from an encoded {@link WorkerSpec}. */
  public byte[] init(Long id, byte[] spec) {
    return call(() -> {
      worker(id).setup(Payloads.decode(spec));
      return "ready";
    });
  }

  /** One encoded sample batch. */
  public byte[] sample(Long id) {
    return call(() -> worker(id).sampleBatch().encode());
  }

  /** Replaces the policy weights. */
  public byte[] setWeights(Long id, byte[] weights) {
    return call(() -> {
      worker(id).getPolicy().setWeights(weights);
      return "ok";
    });
  }

  /** Encoded {@link WorkerMetrics} since the last poll. */
  public byte[] metrics(Long id) {
    return call(() -> worker(id).pollMetrics().encode());
  }

  /** The filter's changes since the last sync, and clears them. */
  public byte[] flushFilter(Long id) {
    return call(() -> worker(id).filter().flushBuffer());
  }

  /** Replaces the filter's state with the driver's. */
  public byte[] setFilterState(Long id, byte[] state) {
    return call(() -> {
      worker(id).filter().setState(state);
      return "ok";
    });
  }

  /** Applies an encoded {@link RolloutWorker.WorkerFunction}. */
  public byte[] apply(Long id, byte[] fn) {
    return call(() -> {
      RolloutWorker.WorkerFunction<?> f = Payloads.decode(fn);
      Object v = f.apply(worker(id));
      if (v != null && !(v instanceof Serializable)) {
        throw new IllegalArgumentException(
            "foreachWorker function returned a " + v.getClass().getName() + ", which is not Serializable");
      }
      return (Serializable) v;
    });
  }

  /** Releases the worker's envs; the actor stays for reuse. */
  public byte[] shutdown(Long id) {
    return call(() -> {
      worker(id).shutdown();
      return "closed";
    });
  }

  private static byte[] call(Callable<Serializable> body) {
    try {
      return Payloads.encode(ActorReply.ok(body.call()));
    } catch (Throwable t) {
      return Payloads.encode(ActorReply.failed(t));
    }
  }
}
