package io.tune4j.tune.runtime;

import io.ray.api.ObjectRef;

/**
 * Bytes placed once in Ray's object store ({@link ActorRuntime#put}) and handed to actors by
 * reference ({@link Actor#callWith}): Ray moves them to each node once, and each call reads them
 * from that node's store instead of carrying them in the message. ES's noise table travels this
 * way. {@link #close()} frees them (the embedded mode keeps objects until freed; a cluster frees
 * them when the last reference is dropped).
 */
public final class SharedObject implements AutoCloseable {
  final ObjectRef<byte[]> ref;
  private final ActorRuntime runtime;
  private final long size;
  private final String id;
  private boolean closed;

  SharedObject(ActorRuntime runtime, ObjectRef<byte[]> ref, long size, String id) {
    this.runtime = runtime;
    this.ref = ref;
    this.size = size;
    this.id = id;
  }

  /** Its size in bytes. */
  public long sizeBytes() {
    return size;
  }

  /** A name unique to this object in this Ray session (for caches keyed by object). */
  public String id() {
    return id;
  }

  /** Frees the object; idempotent. */
  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      runtime.free(ref);
    }
  }

  @Override
  public String toString() {
    return "SharedObject[" + id + ", " + size + " bytes]";
  }
}
