package io.tune4j.tune.execution;

import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;

/**
 * What a trial actor answers: a value, or the failure with its stack trace as text (so any
 * exception, serializable or not, reaches the driver intact).
 *
 * @param value the result on success
 * @param error the failure's message and stack trace, or null on success
 * @param setupFailed whether the failure happened while setting the trial up
 */
public record ActorReply(Serializable value, String error, boolean setupFailed)
    implements Serializable {

  /** A successful reply. */
  public static ActorReply ok(Serializable value) {
    return new ActorReply(value, null, false);
  }

  /** A failed reply carrying {@code t}'s stack trace. */
  public static ActorReply failed(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return new ActorReply(null, w.toString(), false);
  }

  /** Whether the call failed. */
  public boolean failed() {
    return error != null;
  }
}
