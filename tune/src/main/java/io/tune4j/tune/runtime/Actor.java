package io.tune4j.tune.runtime;

import io.ray.api.ActorHandle;
import java.io.Serializable;

/**
 * A handle to a Ray actor hosting one object of type {@code H} (made by the factory given to
 * {@link ActorRuntime#create}). Calls are typed method references whose arguments and result are
 * encoded once as {@code byte[]}:
 *
 * <pre>{@code
 * Actor<RolloutWorker> w = ActorRuntime.get().create(RolloutWorker::new, ActorResources.cpus(1), "rollout-worker 1");
 * Pending<byte[]> batch = w.call(RolloutWorker::sampleEncoded);
 * byte[] bytes = batch.get();
 * }</pre>
 *
 * <p>Calls to one actor run in the order they were made, one at a time. Not thread-safe: one
 * thread drives an actor.
 *
 * @param <H> the host type
 */
public final class Actor<H> {
  final ActorHandle<HostActor> handle;
  final long hostId;
  final ActorRuntime.PoolKey key;
  ActorResources resources; // what the current holder asked for
  private final ActorRuntime runtime;
  private String label;
  private ActorInfo info;

  Actor(ActorRuntime runtime, ActorHandle<HostActor> handle, long hostId, ActorRuntime.PoolKey key, String label,
      ActorResources resources) {
    this.resources = resources;
    this.runtime = runtime;
    this.handle = handle;
    this.hostId = hostId;
    this.key = key;
    this.label = label;
  }

  /** Calls {@code op} on the host. */
  public <R> Pending<R> call(HostOps.Op0<? super H, R> op) {
    return submit(op);
  }

  /** Calls {@code op(a)} on the host. */
  public <A, R> Pending<R> call(HostOps.Op1<? super H, A, R> op, A a) {
    return submit(op, a);
  }

  /** Calls {@code op(a, b)} on the host. */
  public <A, B, R> Pending<R> call(HostOps.Op2<? super H, A, B, R> op, A a, B b) {
    return submit(op, a, b);
  }

  /** Calls {@code op(a, b, c)} on the host. */
  public <A, B, C, R> Pending<R> call(HostOps.Op3<? super H, A, B, C, R> op, A a, B b, C c) {
    return submit(op, a, b, c);
  }

  /** Calls a {@code void} operation {@code op(a)} on the host; the reply's value is null. */
  public <A> Pending<Void> run(HostOps.Run1<? super H, A> op, A a) {
    return submit(op, a);
  }

  /**
   * Calls {@code op(bytes, a)} on the host, where {@code bytes} are {@code shared}'s contents,
   * which Ray reads from the actor's node's object store instead of this message.
   */
  public <A, R> Pending<R> callWith(HostOps.Op2<? super H, byte[], A, R> op, SharedObject shared, A a) {
    byte[] msg = Wire.message(hostId, op, a);
    return new Pending<>(runtime, handle.task(HostActor::callWith, msg, shared.ref).remote(), label);
  }

  private <R> Pending<R> submit(Serializable op, Object... args) {
    byte[] msg = Wire.message(hostId, op, args);
    return new Pending<>(runtime, runtime.submit(handle, msg), label);
  }

  /**
   * The process and node running this actor (asked once, then cached).
   *
   * @throws ActorException when the actor cannot answer
   */
  public ActorInfo info() {
    if (info == null) {
      HostOps.Op0<Object, ActorInfo> self = h -> ActorRuntime.localNode();
      info = call(self).get();
    }
    return info;
  }

  /** Names the actor in messages, e.g. {@code "trial PPO_CartPole-v0_0"}. */
  public void setLabel(String label) {
    this.label = label;
  }

  /** The name used in messages. */
  public String label() {
    return label;
  }

  /**
   * Gives the actor back once {@code last} (a call already made on it, or null) has finished. The
   * embedded mode keeps every actor for reuse (its actors cannot be killed); on a cluster the
   * actor is kept for a later request of the same shape when {@code reuse}, else killed.
   */
  public void release(boolean reuse, Pending<?> last) {
    runtime.release(this, reuse, last);
  }

  @Override
  public String toString() {
    return "Actor[" + label + "]";
  }
}
