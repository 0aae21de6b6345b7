package io.tune4j.tune;

/** An error in how an experiment was specified or run: the message names what and where. */
public class TuneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that names the offending key, trial or path. */
  public TuneException(String message) {
    super(message);
  }

  /** Creates an exception with a message and its cause. */
  public TuneException(String message, Throwable cause) {
    super(message, cause);
  }
}
