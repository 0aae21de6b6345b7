package io.tune4j.tune.runtime;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes Ray actor calls to the object they are meant for, by an id passed with every call.
 *
 * <p>Ray Java 2.39's LOCAL mode keeps "the current actor" in one field shared by every actor
 * thread ({@code TaskExecutor.actorContext}; ray-project/ray#61827, fixed upstream by #61858 after
 * 2.39). When two actors start a call, or one is created while another runs a call, a method can
 * run on <em>another actor's instance</em> (on the right actor's thread, in the right order, but
 * with the wrong {@code this}). Tune hit it as "no trial is hosted by this actor" a few times per
 * 500 one-result trials. The fix: an actor's state lives in a host object registered here under an
 * id chosen by the caller; the actor class is a stateless shell whose constructor registers the
 * host and whose methods take the id and look the host up, never touching {@code this}.
 *
 * <pre>{@code
 * long id = ActorHosts.newId();
 * ActorHandle<MyActor> a = Ray.actor(MyActor::new, id).remote();   // constructor: register(id, new MyHost())
 * a.task(MyActor::work, id, payload).remote();                    // work(id, p): get(id, MyHost.class).work(p)
 * }</pre>
 *
 * <p>On a cluster each actor is a separate worker process with its own registry; the same code
 * works there. Hosts stay registered for the life of the actor (LOCAL-mode actors are never freed;
 * see {@link EmbeddedRuntime}).
 */
public final class ActorHosts {
  private static final ConcurrentHashMap<Long, Object> HOSTS = new ConcurrentHashMap<>();
  private static final AtomicLong NEXT = new AtomicLong(ThreadLocalRandom.current().nextLong() & ~0xFFFFFFFFL);

  private ActorHosts() {}

  /** Returns an id no other actor created by this JVM has. */
  public static long newId() {
    return NEXT.incrementAndGet();
  }

  /**
   * Registers {@code host} under {@code id}; called by an actor's constructor.
   *
   * @throws IllegalStateException if the id is already taken
   */
  public static void register(long id, Object host) {
    Object old = HOSTS.putIfAbsent(id, host);
    if (old != null) {
      throw new IllegalStateException("actor host id " + id + " is already registered to " + old);
    }
  }

  /**
   * The host registered under {@code id}.
   *
   * @throws IllegalStateException naming the id when none (or one of another type) is registered
   */
  public static <T> T get(long id, Class<T> type) {
    Object h = HOSTS.get(id);
    if (!type.isInstance(h)) {
      throw new IllegalStateException(
          "no " + type.getSimpleName() + " is registered under actor host id " + id
              + (h == null ? "" : " (found " + h.getClass().getName() + ")"));
    }
    return type.cast(h);
  }

  /** Forgets {@code id} (when its actor is killed). */
  public static void remove(long id) {
    HOSTS.remove(id);
  }
}
