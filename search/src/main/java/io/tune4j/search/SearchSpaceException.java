package io.tune4j.search;

/**
 * A search space is malformed or cannot be resolved. The message names the config path and the
 * offending value.
 */
public class SearchSpaceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the path and the value
   */
  public SearchSpaceException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what is wrong, naming the path and the value
   * @param cause the underlying failure
   */
  public SearchSpaceException(String message, Throwable cause) {
    super(message, cause);
  }
}
