package io.tune4j.tune.runtime;

import io.ray.api.ActorHandle;
import io.ray.api.ObjectRef;
import io.ray.api.Ray;
import io.ray.api.WaitResult;
import io.tune4j.tune.trial.Resources;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Where Tune4j's actors run: the one seam between Tune4j and Ray. Trials and rollout workers are
 * objects hosted by {@link HostActor}s; this class creates those actors with a resource request,
 * calls them with typed operations ({@link Actor#call}), waits for whichever reply is ready, and
 * releases them. No other code of Tune4j touches Ray.
 *
 * <p>Two implementations, chosen by {@link #get()}:
 *
 * <ul>
 *   <li>{@link EmbeddedRuntime} (the default): Ray's LOCAL mode, actors are threads of this JVM, no
 *       servers. It carries every workaround Ray 2.39's LOCAL mode needs.
 *   <li>{@link ClusterRuntime} (when the {@code ray.address} system property names a cluster):
 *       actors are worker JVMs placed by Ray, which enforces their resources; released actors are
 *       killed or kept for a request of the same shape.
 * </ul>
 *
 * <pre>{@code
 * ActorRuntime rt = ActorRuntime.get();
 * Actor<StringBuilder> a = rt.create(StringBuilder::new, ActorResources.cpus(1), "builder");
 * a.call(StringBuilder::append, "hello").get();
 * String s = a.call(StringBuilder::toString).get();
 * a.release(false, null);
 * }</pre>
 */
public abstract class ActorRuntime {
  private static final Logger LOG = Logger.getLogger(ActorRuntime.class.getName());
  private static ActorRuntime current;

  /** Resources of the actors handed out by {@link #create} and not released yet. */
  private double heldCpu;
  private double heldGpu;
  private final Map<String, Double> heldCustom = new HashMap<>();

  /** Idle actors by host factory class and resource shape. */
  private final Map<PoolKey, Deque<Actor<?>>> pool = new HashMap<>();

  /** What makes two actors interchangeable: the same host factory and, on a cluster, the same shape. */
  record PoolKey(Class<?> factory, ActorResources shape) {}

  ActorRuntime() {}

  /**
   * The runtime of this JVM, starting Ray if nobody has: in LOCAL mode (embedded) unless the {@code
   * ray.address} system property names a cluster. A {@code Ray.init()} made by the program itself
   * is used as it is.
   *
   * @throws IllegalStateException when Ray cannot start, with the reason and the fix
   */
  public static synchronized ActorRuntime get() {
    if (current == null || !Ray.isInitialized()) {
      checkJvmFlags();
      boolean startedHere = false;
      if (!Ray.isInitialized()) {
        String address = System.getProperty("ray.address");
        boolean cluster = address != null && !address.isBlank();
        System.setProperty("ray.run-mode", cluster ? "CLUSTER" : "LOCAL");
        if (cluster) {
          ClusterRuntime.init(address);
        } else {
          Ray.init();
        }
        startedHere = true;
      }
      current =
          Ray.internal() instanceof io.ray.runtime.RayDevRuntime
              ? new EmbeddedRuntime(startedHere)
              : new ClusterRuntime();
    }
    return current;
  }

  /**
   * Ray's serializer needs {@code --add-opens} flags on JDK 17; without them it fails deep inside
   * Ray with {@code InaccessibleObjectException}. Say so in one line first.
   */
  private static void checkJvmFlags() {
    Module unnamed = ActorRuntime.class.getModule();
    for (String pkg : new String[] {"java.lang", "java.util", "java.nio"}) {
      if (!Object.class.getModule().isOpen(pkg, unnamed)) {
        throw new IllegalStateException(
            "Tune4j runs Ray, which needs JVM flags on JDK 17 that this JVM lacks (java.base does not"
                + " open " + pkg + "): add the output of `bin/tune4j jvm-flags` to your java command"
                + " (e.g. --add-opens=java.base/" + pkg + "=ALL-UNNAMED and the others), or run through"
                + " `bin/tune4j java -cp YOUR_CLASSES MAIN`; docs/java-api.md shows the Maven and Gradle"
                + " settings");
      }
    }
  }

  /**
   * Disconnects from Ray (a cluster's actors of this driver end with it) and forgets the runtime;
   * the next {@link #get()} starts again. For programs that connect to several clusters in turn.
   */
  public static synchronized void shutdown() {
    if (Ray.isInitialized()) {
      Ray.shutdown();
    }
    current = null;
  }

  /**
   * Whether the runtime is, or would be, the embedded one: true once Ray runs in LOCAL mode, and
   * before Ray starts unless {@code ray.address} is set. Starts nothing.
   */
  public static boolean isEmbedded() {
    if (Ray.isInitialized()) {
      return Ray.internal() instanceof io.ray.runtime.RayDevRuntime;
    }
    String address = System.getProperty("ray.address");
    return address == null || address.isBlank();
  }

  /** Whether actors are threads of this JVM (LOCAL mode) rather than worker processes. */
  public abstract boolean embedded();

  /**
   * The budget trials are scheduled against: in the embedded mode {@code numCpus}/{@code numGpus}
   * (else the {@code ray.num-cpus}/{@code ray.num-gpus} properties, else the machine's cores and
   * no GPU); on a cluster the totals of its alive nodes.
   */
  public abstract Resources totalResources(Integer numCpus, Integer numGpus);

  /**
   * Creates an actor hosting {@code factory.create()} (created inside the actor on its first
   * call), or hands out an idle one of the same factory (and, on a cluster, the same resources).
   * A reused actor keeps its host object: the caller re-initializes it.
   *
   * @param label names the actor in messages and thread names, e.g. {@code "rollout-worker 1"}
   * @throws IllegalArgumentException when a cluster cannot grant {@code resources} as asked
   */
  public <H> Actor<H> create(HostOps.Factory<H> factory, ActorResources resources, String label) {
    PoolKey key = new PoolKey(factory.getClass(), embedded() ? null : resources);
    synchronized (pool) {
      hold(resources, +1);
      Deque<Actor<?>> idle = pool.get(key);
      if (idle != null && !idle.isEmpty()) {
        @SuppressWarnings("unchecked")
        Actor<H> a = (Actor<H>) idle.pollFirst();
        a.setLabel(label);
        a.resources = resources;
        return a;
      }
    }
    long hostId = ActorHosts.newId();
    ActorHandle<HostActor> handle;
    try {
      handle = createActor(Wire.message(hostId, factory), resources);
    } catch (RuntimeException e) {
      synchronized (pool) {
        hold(resources, -1);
      }
      throw e;
    }
    return new Actor<>(this, handle, hostId, key, label, resources);
  }

  private void hold(ActorResources r, int sign) {
    heldCpu += sign * r.cpu();
    heldGpu += sign * r.gpu();
    r.custom().forEach((k, v) -> heldCustom.merge(k, sign * v, Double::sum));
  }

  /**
   * The budget less what the actors this runtime handed out (and that were not released) asked
   * for. Ray Java offers no query of a cluster's free resources, so other drivers' use is not
   * seen.
   */
  public Resources availableResources(Integer numCpus, Integer numGpus) {
    Resources total = totalResources(numCpus, numGpus);
    synchronized (pool) {
      Map<String, Double> custom = new HashMap<>(total.customResources());
      heldCustom.forEach((k, v) -> custom.merge(k, -v, Double::sum));
      return new Resources(Math.max(0, total.cpu() - heldCpu), Math.max(0, total.gpu() - heldGpu), 0, 0,
          custom.entrySet().stream().filter(e -> e.getValue() >= 0)
              .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), Map.of());
    }
  }

  abstract ActorHandle<HostActor> createActor(byte[] init, ActorResources resources);

  void release(Actor<?> a, boolean reuse, Pending<?> last) {
    synchronized (pool) {
      hold(a.resources, -1);
    }
    if (embedded() || reuse) {
      synchronized (pool) {
        // Last in, first out: the next request meets the host it can reuse most cheaply.
        pool.computeIfAbsent(a.key, k -> new ArrayDeque<>()).addFirst(a);
      }
    } else {
      kill(a, last);
    }
  }

  abstract void kill(Actor<?> a, Pending<?> last);

  /** Idle actors kept for reuse (for tests and benchmarks). */
  public int idleActors() {
    synchronized (pool) {
      return pool.values().stream().mapToInt(Deque::size).sum();
    }
  }

  /**
   * Runs {@code op} on every idle actor whose host is of {@code hostType} and waits (for example
   * to stop pooled trainables). Failures are logged, not thrown.
   */
  public <H> void forEachIdle(Class<H> hostType, HostOps.Op0<? super H, ?> op) {
    List<Pending<?>> calls = new ArrayList<>();
    synchronized (pool) {
      for (Deque<Actor<?>> q : pool.values()) {
        for (Actor<?> a : q) {
          @SuppressWarnings("unchecked")
          Actor<Object> any = (Actor<Object>) a;
          HostOps.Op1<Object, HostOps.Op0<? super H, ?>, Object> ifType =
              (h, o) -> hostType.isInstance(h) ? applyTo(o, hostType.cast(h)) : null;
          calls.add(any.call(ifType, op));
        }
      }
    }
    for (Pending<?> p : calls) {
      try {
        p.get();
      } catch (ActorException e) {
        LOG.warning("an idle actor failed: " + e.getMessage());
      }
    }
  }

  private static <H> Object applyTo(HostOps.Op0<? super H, ?> op, H host) throws Exception {
    return op.apply(host);
  }

  /** Kills the idle actors on a cluster (their resources go back to Ray); keeps them embedded. */
  public void killIdle() {
    if (embedded()) {
      return;
    }
    List<Actor<?>> idle = new ArrayList<>();
    synchronized (pool) {
      pool.values().forEach(idle::addAll);
      pool.clear();
    }
    for (Actor<?> a : idle) {
      kill(a, null);
    }
  }

  /**
   * Waits up to {@code timeoutMs} until at least one of {@code pending} is ready and returns every
   * ready one (empty on timeout or when {@code pending} is empty).
   */
  public final <P extends Pending<?>> List<P> waitAny(Collection<P> pending, long timeoutMs) {
    if (pending.isEmpty()) {
      return List.of();
    }
    Map<ObjectRef<byte[]>, P> byRef = new HashMap<>();
    List<ObjectRef<byte[]>> refs = new ArrayList<>(pending.size());
    for (P p : pending) {
      byRef.put(p.ref, p);
      refs.add(p.ref);
    }
    List<ObjectRef<byte[]>> ready = awaitReady(refs, timeoutMs);
    List<P> out = new ArrayList<>(ready.size());
    for (ObjectRef<byte[]> r : ready) {
      P p = byRef.get(r);
      if (p != null) {
        p.markReady();
        out.add(p);
      }
    }
    return out;
  }

  /** The refs among {@code refs} that are ready after waiting up to {@code timeoutMs} for one. */
  abstract List<ObjectRef<byte[]>> awaitReady(List<ObjectRef<byte[]>> refs, long timeoutMs);

  /** The reply bytes of {@code ref}, waiting for them (and freeing them where Ray would not). */
  abstract byte[] fetch(ObjectRef<byte[]> ref, boolean knownReady);

  boolean isReady(ObjectRef<byte[]> ref) {
    WaitResult<byte[]> w = Ray.wait(List.of(ref), 1, 0);
    return !w.getReady().isEmpty();
  }

  /** A reply nobody will read. */
  abstract void discard(ObjectRef<byte[]> ref);

  /** Submits one encoded call to an actor; returns the reply's ref. */
  ObjectRef<byte[]> submit(io.ray.api.ActorHandle<HostActor> handle, byte[] msg) {
    return handle.task(HostActor::call, msg).remote();
  }

  /**
   * Puts {@code bytes} into Ray's object store once, for actors to read by reference through
   * {@link Actor#callWith}.
   */
  public SharedObject put(byte[] bytes) {
    ObjectRef<byte[]> ref = Ray.put(bytes);
    String id = ref instanceof io.ray.runtime.object.ObjectRefImpl<byte[]> impl
        ? impl.getId().toString() : Integer.toHexString(System.identityHashCode(ref));
    return new SharedObject(this, ref, bytes.length, id);
  }

  /** Frees a shared object (Ray frees it itself on a cluster once unreferenced). */
  void free(ObjectRef<byte[]> ref) {
    if (embedded() && Ray.isInitialized()) {
      Ray.internal().free(List.of(ref), true);
    }
  }

  /**
   * The address of the node this code runs on: the Ray node's address on a cluster (so results
   * name the node that produced them), {@code 127.0.0.1} in the embedded mode.
   */
  public static String localNodeIp() {
    return Ray.isInitialized() && !isEmbedded() ? ClusterRuntime.node()[1] : "127.0.0.1";
  }

  /** The process and Ray node this code runs on (a trainable can report it, for example). */
  public static ActorInfo localNode() {
    long pid = java.lang.management.ManagementFactory.getRuntimeMXBean().getPid();
    String host = io.tune4j.tune.logger.Hostname.get();
    if (Ray.isInitialized() && !isEmbedded()) {
      String[] node = ClusterRuntime.node();
      return new ActorInfo(pid, node[0], node[1], host);
    }
    return new ActorInfo(pid, "local", "127.0.0.1", host);
  }
}
