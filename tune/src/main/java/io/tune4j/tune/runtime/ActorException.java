package io.tune4j.tune.runtime;

/**
 * An actor call that did not produce its value: the operation threw inside the actor ({@link
 * ActorCallException}), or the actor or its node died ({@link ActorDiedException}).
 */
public class ActorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message naming the actor and the call. */
  public ActorException(String message, Throwable cause) {
    super(message, cause);
  }
}
