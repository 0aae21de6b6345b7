package io.tune4j.tune.runtime;

import io.ray.api.ObjectRef;
import io.ray.api.exception.RayActorException;
import io.ray.api.exception.RayException;

/**
 * The reply to an actor call, not necessarily there yet ({@link Actor#call}). Read it once with
 * {@link #get}, wait for whichever of many is ready with {@link ActorRuntime#waitAny}, or {@link
 * #discard} it when nobody will read it (the embedded mode's object store frees nothing by itself).
 *
 * @param <R> the operation's return type
 */
public final class Pending<R> {
  final ObjectRef<byte[]> ref;
  private final ActorRuntime runtime;
  private final String what;
  private boolean done;
  private volatile boolean known;
  private R value;
  private ActorException error;

  Pending(ActorRuntime runtime, ObjectRef<byte[]> ref, String what) {
    this.runtime = runtime;
    this.ref = ref;
    this.what = what;
  }

  /**
   * Waits for the reply and returns the operation's value.
   *
   * @throws ActorCallException when the operation threw inside the actor
   * @throws ActorDiedException when the actor or its node died first
   */
  @SuppressWarnings("unchecked")
  public synchronized R get() {
    if (!done) {
      done = true;
      try {
        byte[] reply = runtime.fetch(ref, known);
        if (Wire.isFailure(reply)) {
          error = new ActorCallException(what, Wire.failureText(reply));
        } else {
          value = (R) Wire.replyValue(reply);
        }
      } catch (RayActorException e) {
        error = new ActorDiedException(what + ": the actor died (" + e.getMessage() + ")", e);
      } catch (RayException e) {
        error = new ActorException(what + " failed inside Ray: " + e.getMessage(), e);
      } catch (RuntimeException e) {
        error = new ActorException(what + ": cannot read the reply: " + e, e);
      }
    }
    if (error != null) {
      throw error;
    }
    return value;
  }

  /** Whether the reply is there ({@link #get} will not block). */
  public boolean isReady() {
    return done || known || runtime.isReady(ref);
  }

  /** Notes that the reply is there (from a wait), so {@link #get} reads it without waiting. */
  void markReady() {
    known = true;
  }

  /** Says that nobody will read this reply; the runtime frees it once it arrives. */
  public void discard() {
    if (!done) {
      runtime.discard(ref);
    }
  }

  /** What was called on which actor, for messages. */
  public String what() {
    return what;
  }

  @Override
  public String toString() {
    return "Pending[" + what + (done ? ", done" : "") + "]";
  }
}
