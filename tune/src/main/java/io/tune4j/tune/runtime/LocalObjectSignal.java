package io.tune4j.tune.runtime;

import io.ray.api.Ray;
import io.ray.runtime.AbstractRayRuntime;
import io.ray.runtime.object.LocalModeObjectStore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Wakes a waiting driver when any object is put into Ray's LOCAL-mode object store.
 *
 * <p>Ray 2.39's LOCAL mode answers {@code Ray.wait} and {@code ObjectRef.get} by sleeping 1 ms
 * between readiness checks, a floor of about 1 ms per result when a single call is in flight. The
 * store can call back after every put ({@code LocalModeObjectStore.addObjectPutCallback}); with
 * that callback the executor checks readiness without a timeout ({@code Ray.wait(refs, n, 0)}) and
 * sleeps on this signal in between, waking within microseconds. The callback list is a plain
 * {@code ArrayList} in Ray, so the callback is installed only right after Tune itself starts Ray,
 * before any task can run; otherwise callers fall back to Ray's own waits.
 */
final class LocalObjectSignal {
  private static final Logger LOG = Logger.getLogger(LocalObjectSignal.class.getName());
  private static final AtomicLong PUTS = new AtomicLong();
  private static final Object LOCK = new Object();
  private static volatile int waiters;
  private static volatile boolean installed;

  private LocalObjectSignal() {}

  /** Installs the put callback; call only when no Ray task can be running yet. */
  static synchronized void install() {
    if (installed) {
      return;
    }
    try {
      if (Ray.internal() instanceof AbstractRayRuntime rt
          && rt.getObjectStore() instanceof LocalModeObjectStore store) {
        store.addObjectPutCallback(id -> onPut());
        installed = true;
      }
    } catch (RuntimeException | LinkageError e) {
      LOG.fine("LOCAL-mode put callback unavailable, using Ray.wait: " + e);
    }
  }

  /** Whether the callback is installed (else use Ray's own waits). */
  static boolean installed() {
    return installed;
  }

  private static void onPut() {
    PUTS.incrementAndGet();
    if (waiters > 0) {
      synchronized (LOCK) {
        LOCK.notifyAll();
      }
    }
  }

  /** The number of puts so far; read it before checking readiness, then {@link #awaitChange}. */
  static long sequence() {
    return PUTS.get();
  }

  /** Blocks until a put after {@code seq} or until {@code nanos} pass. */
  static void awaitChange(long seq, long nanos) {
    synchronized (LOCK) {
      waiters++;
      try {
        long deadline = System.nanoTime() + nanos;
        while (PUTS.get() == seq) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return;
          }
          LOCK.wait(left / 1_000_000, (int) (left % 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        waiters--;
      }
    }
  }
}
