package io.tune4j.tune.runtime;

/**
 * The actor's process or node died before the call finished. The call may or may not have run, so
 * the runtime never repeats it; the caller decides (Tune counts a trial failure against {@code
 * max_failures}).
 */
public class ActorDiedException extends ActorException {
  private static final long serialVersionUID = 1L;

  /** An exception naming the actor and the call. */
  public ActorDiedException(String message, Throwable cause) {
    super(message, cause);
  }
}
