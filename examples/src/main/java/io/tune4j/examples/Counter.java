package io.tune4j.examples;

import io.ray.api.ActorHandle;
import io.ray.api.Ray;
import io.tune4j.tune.runtime.ActorRuntime;
import java.util.Optional;

/**
 * A Ray actor holding a count: the seed page's global-coordination example. One instance is created
 * under a name on the driver; envs in any rollout worker find it by that name and increment it with
 * asynchronous calls, and the driver reads it.
 *
 * <pre>{@code
 * ActorHandle<Counter> counter = Counter.getOrCreate("global_counter");   // on the driver
 * long count = counter.task(Counter::get).remote().get();                 // the latest count
 *
 * ActorHandle<Counter> c = Counter.lookup("global_counter");              // in your envs
 * c.task(Counter::inc, 1L).remote();                                      // async increment
 * }</pre>
 *
 * <p>Ray runs one call of an actor at a time, so the count needs no locking.
 */
public class Counter {
  private long count;

  /** Ray creates the actor through this constructor. */
  public Counter() {}

  /** Adds {@code n}; returns the new count. */
  public long inc(long n) {
    count += n;
    return count;
  }

  /** The current count. */
  public long get() {
    return count;
  }

  /**
   * The named counter, created on first use (Ray is started in LOCAL mode if needed).
   *
   * @param name the actor name, e.g. {@code "global_counter"}
   */
  public static synchronized ActorHandle<Counter> getOrCreate(String name) {
    ActorRuntime.get();
    Optional<ActorHandle<Counter>> existing = Ray.getActor(name);
    return existing.orElseGet(() -> Ray.actor(Counter::new).setName(name).remote());
  }

  /**
   * The named counter, which the driver must have created.
   *
   * @throws IllegalStateException naming the actor if it does not exist
   */
  public static ActorHandle<Counter> lookup(String name) {
    Optional<ActorHandle<Counter>> c = Ray.getActor(name);
    return c.orElseThrow(
        () ->
            new IllegalStateException(
                "no actor named '"
                    + name
                    + "': create it on the driver with Counter.getOrCreate(\""
                    + name
                    + "\") before building the trainer"));
  }
}
