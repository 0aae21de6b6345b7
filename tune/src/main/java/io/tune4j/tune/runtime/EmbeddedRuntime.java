package io.tune4j.tune.runtime;

import io.ray.api.ActorHandle;
import io.ray.api.ObjectRef;
import io.ray.api.Ray;
import io.ray.api.WaitResult;
import io.tune4j.tune.trial.Resources;
import java.util.ArrayList;
import java.util.List;

/**
 * The default runtime: Ray Java 2.39's LOCAL mode, actors as threads of this JVM, no servers. Every
 * workaround that mode needs lives here, each with the upstream issue it works around:
 *
 * <ul>
 *   <li><b>The current actor is one field shared by every actor thread</b> (ray-project/ray#61827,
 *       fixed upstream by #61858 after 2.39): a call can run on another actor's object. {@link
 *       io.ray.runtime.task.ThreadLocalActorTaskExecutor} keeps it per thread, and {@link
 *       HostActor} finds its host by an id in the message ({@link ActorHosts}).
 *   <li><b>Waits poll with a 1 ms sleep</b> ({@code LocalModeObjectStore.wait}): replies are awaited
 *       on a put signal instead ({@link LocalObjectSignal}) when Tune4j started Ray itself.
 *   <li><b>The object store never frees</b> (LOCAL mode's reference counting is a no-op): every
 *       reply is freed once read, and discarded replies once they arrive. A call argument over
 *       Ray's 100 KB pass-by-value limit would be put in the store by Ray and never freed (weights
 *       sent to a rollout worker leaked ~70 MB/s under A3C), so such messages are put here and
 *       freed with the reply.
 *   <li><b>Actors cannot be killed and keep their thread</b> ({@code LocalModeActorHandle.kill}
 *       throws): released actors are pooled for the whole JVM and host later trials and workers.
 *   <li><b>Calls to an actor still being created can run out of order</b> (they wait in an
 *       unordered set in {@code LocalModeTaskSubmitter}): a new actor is created and waited for
 *       before anyone calls it.
 *   <li><b>Resources are not enforced</b>: Tune keeps its own account; requests are not passed on.
 * </ul>
 */
final class EmbeddedRuntime extends ActorRuntime {
  private final boolean signalled;
  private final List<ObjectRef<byte[]>> discarded = new ArrayList<>();
  /** Largest message Ray 2.39's LOCAL mode passes by value ({@code SystemConfig.getInLocalMode}). */
  private static final int PASS_BY_VALUE_LIMIT = 100 * 1024;
  /** The stored message of each pending call whose message was too large to pass by value. */
  private final java.util.Map<ObjectRef<byte[]>, ObjectRef<byte[]>> storedArgs =
      new java.util.concurrent.ConcurrentHashMap<>();

  EmbeddedRuntime(boolean startedHere) {
    io.ray.runtime.task.ThreadLocalActorTaskExecutor.install();
    if (startedHere) {
      // The store's callback list is a plain ArrayList: install before any task can run.
      LocalObjectSignal.install();
      endWithMain();
    }
    this.signalled = LocalObjectSignal.installed();
  }

  /**
   * LOCAL mode's executor threads are not daemons, so a program whose {@code main} has returned
   * would never end. When Tune4j started Ray itself, a daemon thread waits for the {@code main}
   * thread to end and then, as soon as every other non-daemon thread is an idle pool thread (Ray's
   * executors with nothing to run; nobody is using Ray any more), shuts Ray down, which ends those
   * threads and lets the JVM exit. A program that still has busy threads of its own keeps running.
   */
  private static void endWithMain() {
    Thread main = null;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("main") && t.getId() == 1) {
        main = t;
      }
    }
    if (main == null) {
      return;
    }
    Thread m = main;
    Thread watcher =
        new Thread(
            () -> {
              try {
                m.join();
                while (!onlyIdlePoolThreadsLeft()) {
                  Thread.sleep(100);
                }
                ActorRuntime.shutdown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "tune4j-end-with-main");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static boolean onlyIdlePoolThreadsLeft() {
    for (var e : Thread.getAllStackTraces().entrySet()) {
      Thread t = e.getKey();
      if (t.isDaemon() || !t.isAlive() || t == Thread.currentThread() || t.getName().equals("DestroyJavaVM")) {
        continue;
      }
      boolean idle = false;
      for (StackTraceElement f : e.getValue()) {
        if (f.getClassName().equals("java.util.concurrent.ThreadPoolExecutor") && f.getMethodName().equals("getTask")) {
          idle = true;
          break;
        }
      }
      if (!idle) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean embedded() {
    return true;
  }

  @Override
  public Resources totalResources(Integer numCpus, Integer numGpus) {
    int cpus =
        numCpus != null
            ? numCpus
            : Integer.getInteger("ray.num-cpus", Runtime.getRuntime().availableProcessors());
    int gpus = numGpus != null ? numGpus : Integer.getInteger("ray.num-gpus", 0);
    if (cpus < 0 || gpus < 0) {
      throw new IllegalArgumentException(
          "ray.num-cpus and ray.num-gpus must be >= 0, got " + cpus + " and " + gpus);
    }
    return Resources.of(cpus, gpus);
  }

  @Override
  ActorHandle<HostActor> createActor(byte[] init, ActorResources resources) {
    ActorHandle<HostActor> h = Ray.actor(HostActor::new, init).remote();
    // Calls made before a new actor's constructor has run wait in an unordered set and can run
    // out of order (we saw reordered calls on 120 of 200 fresh actor pairs); wait for it.
    fetch(h.task(HostActor::ready).remote(), false);
    return h;
  }

  @Override
  ObjectRef<byte[]> submit(ActorHandle<HostActor> handle, byte[] msg) {
    if (msg.length <= PASS_BY_VALUE_LIMIT) {
      return handle.task(HostActor::call, msg).remote();
    }
    ObjectRef<byte[]> arg = Ray.put(msg);
    ObjectRef<byte[]> reply = handle.task(HostActor::call, arg).remote();
    storedArgs.put(reply, arg);
    return reply;
  }

  /** Frees replies and the stored messages of their calls. */
  private void freeReplies(List<ObjectRef<byte[]>> replies) {
    List<ObjectRef<?>> all = new ArrayList<>(replies);
    for (ObjectRef<byte[]> r : replies) {
      ObjectRef<byte[]> arg = storedArgs.remove(r);
      if (arg != null) {
        all.add(arg);
      }
    }
    Ray.internal().free(all, true);
  }

  @Override
  void kill(Actor<?> a, Pending<?> last) {
    release(a, true, last); // LOCAL mode cannot kill an actor
  }

  @Override
  List<ObjectRef<byte[]>> awaitReady(List<ObjectRef<byte[]>> refs, long timeoutMs) {
    freeDiscarded();
    if (!signalled) {
      WaitResult<byte[]> w = Ray.wait(refs, 1, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
      return w.getReady().isEmpty() ? List.of() : ready(refs);
    }
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    while (true) {
      long seq = LocalObjectSignal.sequence();
      List<ObjectRef<byte[]>> r = ready(refs);
      if (!r.isEmpty()) {
        return r;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return List.of();
      }
      LocalObjectSignal.awaitChange(seq, left);
    }
  }

  private static List<ObjectRef<byte[]>> ready(List<ObjectRef<byte[]>> refs) {
    return Ray.wait(refs, refs.size(), 0).getReady();
  }

  @Override
  byte[] fetch(ObjectRef<byte[]> ref, boolean knownReady) {
    if (signalled && !knownReady) {
      List<ObjectRef<byte[]>> one = List.of(ref);
      while (true) {
        long seq = LocalObjectSignal.sequence();
        if (!ready(one).isEmpty()) {
          break;
        }
        LocalObjectSignal.awaitChange(seq, 1_000_000_000L);
      }
    }
    try {
      return ref.get();
    } finally {
      freeReplies(List.of(ref));
    }
  }

  @Override
  void discard(ObjectRef<byte[]> ref) {
    synchronized (discarded) {
      discarded.add(ref);
    }
  }

  private void freeDiscarded() {
    synchronized (discarded) {
      if (discarded.isEmpty()) {
        return;
      }
      List<ObjectRef<byte[]>> gone = ready(discarded);
      if (!gone.isEmpty()) {
        discarded.removeAll(gone);
        freeReplies(gone);
      }
    }
  }
}
