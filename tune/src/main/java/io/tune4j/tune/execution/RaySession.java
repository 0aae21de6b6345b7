package io.tune4j.tune.execution;

import io.ray.api.ActorHandle;
import io.ray.api.Ray;
import io.tune4j.tune.trial.Resources;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts and inspects Ray for Tune4j. Ray runs in its LOCAL mode (one JVM, no servers) unless it
 * is already initialized or the {@code ray.address} system property points at a cluster.
 */
public final class RaySession {
  private static final Deque<ActorHandle<TrialActor>> LOCAL_POOL = new ArrayDeque<>();

  private RaySession() {}

  /** Initializes Ray if needed: LOCAL mode unless {@code ray.address} is set. */
  public static synchronized void ensureStarted() {
    if (Ray.isInitialized()) {
      return;
    }
    String address = System.getProperty("ray.address");
    if (address == null || address.isBlank()) {
      System.setProperty("ray.run-mode", "LOCAL");
    } else {
      System.setProperty("ray.run-mode", "CLUSTER");
    }
    Ray.init();
  }

  /** Whether Ray runs in LOCAL mode (actors are threads of this JVM). */
  public static boolean isLocalMode() {
    String mode = System.getProperty("ray.run-mode", "LOCAL");
    return "LOCAL".equalsIgnoreCase(mode);
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
  static Deque<ActorHandle<TrialActor>> localActorPool() {
    return LOCAL_POOL;
  }
}
