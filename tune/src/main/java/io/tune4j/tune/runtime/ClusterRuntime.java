package io.tune4j.tune.runtime;

import io.ray.api.ActorHandle;
import io.ray.api.ObjectRef;
import io.ray.api.Ray;
import io.ray.api.WaitResult;
import io.ray.api.runtimecontext.NodeInfo;
import io.tune4j.tune.trial.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The runtime on a real Ray cluster ({@code -Dray.address=HOST:PORT}): each actor is a worker JVM
 * that Ray places on a node with the resources it asked for. Released actors are killed, or kept
 * for a later request of the same shape; a call to an actor that died fails with {@link
 * ActorDiedException} and is never repeated (it may have run).
 *
 * <p>The driver must run Ray's Java runtime of the cluster's version: the {@code ray_dist.jar} of
 * the cluster's Ray installation first on the class path ({@code bin/rllib --ray-address} and
 * {@code bin/tune4j java} do that). Worker JVMs find Tune4j through {@code
 * ray.job.code-search-path}; see docs/cluster.md.
 */
final class ClusterRuntime extends ActorRuntime {
  private static final Logger LOG = Logger.getLogger(ClusterRuntime.class.getName());
  private static final long STOP_WAIT_MS = 30_000;
  private static volatile String[] node;

  /** Actors to kill once their last call has finished (so its work, e.g. cleanup, completes). */
  private final List<Map.Entry<Actor<?>, Pending<?>>> killAfter = new ArrayList<>();

  ClusterRuntime() {}

  /** Connects to the cluster at {@code address}, explaining a Java runtime of the wrong version. */
  static void init(String address) {
    try {
      Ray.init();
    } catch (RuntimeException e) {
      String jar = runtimeJar();
      String hint =
          jar.contains("ray-runtime-2.39")
              ? " This JVM runs Ray's Java runtime from " + jar + " (2.39.0, Maven Central); a"
                  + " cluster started by another Ray version needs that version's"
                  + " ray/jars/ray_dist.jar first on the class path instead: run through"
                  + " bin/rllib --ray-address or bin/tune4j java, or set TUNE4J_RAY_JAR."
              : " Is a Ray cluster running there (ray start --head --port=...)?";
      throw new IllegalStateException(
          "cannot connect to the Ray cluster at ray.address=" + address + ": " + e + "." + hint, e);
    }
  }

  private static String runtimeJar() {
    try {
      var src = io.ray.runtime.RayNativeRuntime.class.getProtectionDomain().getCodeSource();
      return src == null ? "?" : src.getLocation().getPath();
    } catch (RuntimeException | LinkageError e) {
      return "?";
    }
  }

  @Override
  public boolean embedded() {
    return false;
  }

  @Override
  public Resources totalResources(Integer numCpus, Integer numGpus) {
    double cpu = 0;
    double gpu = 0;
    Map<String, Double> custom = new HashMap<>();
    for (NodeInfo node : Ray.getRuntimeContext().getAllNodeInfo()) {
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

  @Override
  ActorHandle<HostActor> createActor(byte[] init, ActorResources r) {
    r.checkForCluster("the actor request");
    var creator = Ray.actor(HostActor::new, init);
    // Ray gives an actor 1 CPU for placement unless told otherwise; say exactly what was asked.
    creator.setResource("CPU", r.cpu());
    if (r.gpu() > 0) {
      creator.setResource("GPU", r.gpu());
    }
    r.custom().forEach((k, v) -> {
      if (v > 0) {
        creator.setResource(k, v);
      }
    });
    return creator.remote();
  }

  @Override
  void kill(Actor<?> a, Pending<?> last) {
    if (last == null || last.isReady()) {
      killNow(a);
    } else {
      synchronized (killAfter) {
        killAfter.add(Map.entry(a, last));
      }
    }
  }

  private static void killNow(Actor<?> a) {
    try {
      a.handle.kill();
    } catch (RuntimeException e) {
      LOG.fine("killing " + a + ": " + e);
    }
  }

  /** Kills the actors whose last call has finished; with {@code wait}, waits for all of them. */
  private void reap(boolean wait) {
    List<Map.Entry<Actor<?>, Pending<?>>> todo;
    synchronized (killAfter) {
      todo = new ArrayList<>(killAfter);
      killAfter.clear();
    }
    long deadline = System.currentTimeMillis() + STOP_WAIT_MS;
    for (Map.Entry<Actor<?>, Pending<?>> e : todo) {
      Pending<?> last = e.getValue();
      if (wait) {
        long left = deadline - System.currentTimeMillis();
        if (left > 0) {
          Ray.wait(List.of(last.ref), 1, (int) left);
        }
      }
      if (wait || last.isReady()) {
        killNow(e.getKey());
      } else {
        synchronized (killAfter) {
          killAfter.add(e);
        }
      }
    }
  }

  @Override
  public void killIdle() {
    super.killIdle();
    reap(true);
  }

  @Override
  List<ObjectRef<byte[]>> awaitReady(List<ObjectRef<byte[]>> refs, long timeoutMs) {
    if (!killAfter.isEmpty()) {
      reap(false);
    }
    WaitResult<byte[]> w = Ray.wait(refs, 1, (int) Math.min(Integer.MAX_VALUE, timeoutMs));
    if (w.getReady().isEmpty()) {
      return List.of();
    }
    return refs.size() == 1 ? w.getReady() : Ray.wait(refs, refs.size(), 0).getReady();
  }

  @Override
  byte[] fetch(ObjectRef<byte[]> ref, boolean knownReady) {
    return ref.get();
  }

  @Override
  void discard(ObjectRef<byte[]> ref) {
    // Ray counts references on a cluster: a dropped ref is freed by Ray.
  }

  /** The id and address of the Ray node this JVM runs on (looked up once). */
  static String[] node() {
    String[] n = node;
    if (n == null) {
      n = new String[] {"?", "127.0.0.1"};
      try {
        var self = Ray.getRuntimeContext().getCurrentNodeId();
        n[0] = self.toString();
        for (NodeInfo info : Ray.getRuntimeContext().getAllNodeInfo()) {
          if (info.nodeId.equals(self)) {
            n[1] = info.nodeAddress;
          }
        }
      } catch (RuntimeException e) {
        LOG.fine("cannot look up this node: " + e);
      }
      node = n;
    }
    return n;
  }
}
