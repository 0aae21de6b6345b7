package io.tune4j.tune;

/**
 * A trainable's own code threw a checked exception in {@code setup}, {@code step}, {@code save},
 * {@code restore} or {@code cleanup}; the cause is that exception. Unchecked exceptions pass
 * through as they are.
 */
public class TrainableException extends TuneException {
  private static final long serialVersionUID = 1L;

  /** Wraps {@code cause}, naming what failed. */
  public TrainableException(String what, Throwable cause) {
    super(what + " failed: " + cause, cause);
  }
}
