package io.tune4j.tune.runtime;

/** The operation threw inside the actor; {@link #remoteTrace()} is its stack trace there. */
public class ActorCallException extends ActorException {
  private static final long serialVersionUID = 1L;
  private final String remoteTrace;

  /** An exception carrying the actor-side stack trace. */
  public ActorCallException(String what, String remoteTrace) {
    super(what + " failed: " + firstLine(remoteTrace), null);
    this.remoteTrace = remoteTrace;
  }

  /** The exception's stack trace as printed inside the actor. */
  public String remoteTrace() {
    return remoteTrace;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
