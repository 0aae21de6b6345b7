package io.tune4j.tune.execution;

import io.ray.api.ObjectRef;
import io.ray.api.Ray;
import io.ray.api.WaitResult;
import io.tune4j.tune.trial.Resources;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts and inspects Ray for Tune4j. Ray runs in its LOCAL mode (one JVM, no servers) unless it
 * is already initialized or the {@code ray.address} system property points at a cluster.
 *
 * <p>Two LOCAL-mode facts (Ray 2.39) shape the helpers here: {@code ObjectRef.get} and {@code
 * Ray.wait} sleep 1 ms between readiness checks, so {@link #get} waits on a put signal instead
 * when Tune started Ray; and the LOCAL object store never frees an object by itself (its
 * reference counting is a no-op), so callers {@link #free} the objects they have consumed.
 */
public final class RaySession {
  private static final Deque<RayTrialExecutor.Slot> LOCAL_POOL = new ArrayDeque<>();

  private RaySession() {}

  /** Initializes Ray if needed: LOCAL mode unless {@code ray.address} is set. */
  public static synchronized void ensureStarted() {
    if (Ray.isInitialized()) {
      if (isLocalMode()) {
        // Ray 2.39 LOCAL mode can run a call on another actor's object; see the class.
        io.ray.runtime.task.ThreadLocalActorTaskExecutor.install();
      }
      return;
    }
    String address = System.getProperty("ray.address");
    if (address == null || address.isBlank()) {
      System.setProperty("ray.run-mode", "LOCAL");
    } else {
      System.setProperty("ray.run-mode", "CLUSTER");
    }
    Ray.init();
    if (isLocalMode()) {
      // Ray 2.39 LOCAL mode can run a call on another actor's object; see the class.
      io.ray.runtime.task.ThreadLocalActorTaskExecutor.install();
      LocalObjectSignal.install();
    }
  }

  /**
   * Gets an object: in LOCAL mode (when Tune started Ray) without Ray's 1 ms polling sleep,
   * otherwise through {@code ObjectRef.get}. Does not free it.
   */
  public static <T> T get(ObjectRef<T> ref) {
    if (LocalObjectSignal.installed()) {
      List<ObjectRef<T>> one = List.of(ref);
      while (true) {
        long seq = LocalObjectSignal.sequence();
        if (!ready(one).isEmpty()) {
          break;
        }
        LocalObjectSignal.awaitChange(seq, 1_000_000_000L);
      }
    }
    return ref.get();
  }

  /** Gets every object, in order (see {@link #get(ObjectRef)}). */
  public static <T> List<T> get(List<ObjectRef<T>> refs) {
    List<T> out = new ArrayList<>(refs.size());
    for (ObjectRef<T> r : refs) {
      out.add(get(r));
    }
    return out;
  }

  /** The refs among {@code refs} whose objects are ready, without waiting. */
  static <T> List<ObjectRef<T>> ready(List<ObjectRef<T>> refs) {
    if (refs.isEmpty()) {
      return List.of();
    }
    WaitResult<T> w = Ray.wait(refs, refs.size(), 0);
    return w.getReady();
  }

  /**
   * Frees objects that were consumed and will not be read again. Needed in LOCAL mode, whose
   * store keeps every object for the life of the JVM otherwise; a no-op on a cluster, where Ray
   * counts references.
   */
  public static void free(List<? extends ObjectRef<?>> refs) {
    if (!refs.isEmpty() && isLocalMode() && Ray.isInitialized()) {
      Ray.internal().free(new ArrayList<ObjectRef<?>>(refs), true);
    }
  }

  /**
   * Whether Ray runs (or, before it starts, will run) in LOCAL mode, actors being threads of this
   * JVM. Asks the running Ray when it is initialized, so a {@code Ray.init()} made by the caller
   * counts; before that, LOCAL unless {@code ray.address} is set.
   */
  public static boolean isLocalMode() {
    if (Ray.isInitialized()) {
      return Ray.internal() instanceof io.ray.runtime.RayDevRuntime;
    }
    String address = System.getProperty("ray.address");
    return address == null || address.isBlank();
  }

  /**
   * The resource budget in LOCAL mode: the given counts, else the {@code ray.num-cpus} / {@code
   * ray.num-gpus} system properties, else the machine's cores and no GPU.
   */
  public static Resources localResources(Integer numCpus, Integer numGpus) {
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

  /** The total resources of every alive node of the connected cluster. */
  public static Resources clusterResources() {
    double cpu = 0;
    double gpu = 0;
    Map<String, Double> custom = new HashMap<>();
    for (var node : Ray.getRuntimeContext().getAllNodeInfo()) {
      if (!node.isAlive) {
        continue;
      }
      for (Map.Entry<String, Double> e : node.resources.entrySet()) {
        switch (e.getKey()) {
          case "CPU" -> cpu += e.getValue();
          case "GPU" -> gpu += e.getValue();
          case "memory", "object_store_memory" -> {}
          default -> {
            if (!e.getKey().startsWith("node:")) {
              custom.merge(e.getKey(), e.getValue(), Double::sum);
            }
          }
        }
      }
    }
    return new Resources(cpu, gpu, 0, 0, custom, Map.of());
  }

  /** The JVM-wide pool of idle trial actors in LOCAL mode. */
  static Deque<RayTrialExecutor.Slot> localActorPool() {
    return LOCAL_POOL;
  }
}
