package io.tune4j.rllib.optimizers;

import io.tune4j.rllib.util.DeveloperApi;
import io.tune4j.tune.runtime.ActorException;
import io.tune4j.tune.runtime.ActorRuntime;
import io.tune4j.tune.runtime.Pending;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls in flight on rollout workers, handed back in the order they finish (RLlib's {@code
 * TaskPool}): asynchronous strategies keep k calls per worker in flight and process whichever
 * completes first, so a fast worker is never held back by a slow one.
 *
 * <pre>{@code
 * TaskPool<byte[]> pool = new TaskPool<>();
 * for (int i = 1; i <= workers.numRemoteWorkers(); i++) pool.add(i, workers.sampleAsync(i));
 * for (TaskPool.Done<byte[]> d : pool.completed(1000)) {
 *   if (d.failed()) throw d.error();                 // the worker's index is in d.worker()
 *   SampleBatch b = SampleBatch.decode(d.value());
 *   pool.add(d.worker(), workers.sampleAsync(d.worker()));
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one thread (the driver's optimizer loop) uses it.
 *
 * @param <T> the calls' result type
 */
@DeveloperApi
public final class TaskPool<T> {
  private final Map<Pending<T>, Integer> tasks = new IdentityHashMap<>();
  private final String noun;

  /** A pool of rollout-worker calls. */
  public TaskPool() {
    this("rollout worker");
  }

  /** A pool of calls on actors named {@code noun} in failures ("replay shard 2 failed: ..."). */
  public TaskPool(String noun) {
    this.noun = noun;
  }

  /**
   * A finished call: its worker and value, or the failure.
   *
   * @param worker the remote worker's index (1..N)
   * @param value the call's value (null when it failed)
   * @param error the failure, naming the worker ({@link ActorException} as cause), or null
   */
  public record Done<T>(int worker, T value, RuntimeException error) {
    /** Whether the call failed. */
    public boolean failed() {
      return error != null;
    }
  }

  /** Adds a call made on worker {@code worker}. */
  public void add(int worker, Pending<T> call) {
    tasks.put(call, worker);
  }

  /** Calls in flight. */
  public int count() {
    return tasks.size();
  }

  /** Calls in flight on {@code worker}. */
  public int count(int worker) {
    int n = 0;
    for (int w : tasks.values()) {
      n += w == worker ? 1 : 0;
    }
    return n;
  }

  /**
   * Waits up to {@code timeoutMs} for at least one call to finish and returns every finished one
   * (empty on timeout or when none is in flight); each is returned once.
   */
  public List<Done<T>> completed(long timeoutMs) {
    List<Done<T>> out = new ArrayList<>();
    if (tasks.isEmpty()) {
      return out;
    }
    for (Pending<T> p : ActorRuntime.get().waitAny(tasks.keySet(), timeoutMs)) {
      int worker = tasks.remove(p);
      try {
        out.add(new Done<>(worker, p.get(), null));
      } catch (ActorException e) {
        out.add(new Done<>(worker, null, new IllegalStateException(noun + " " + worker + " failed: " + e.getMessage(), e)));
      }
    }
    return out;
  }

  /** Forgets every call in flight (their replies are discarded when they arrive). */
  public void clear() {
    tasks.keySet().forEach(Pending::discard);
    tasks.clear();
  }
}
