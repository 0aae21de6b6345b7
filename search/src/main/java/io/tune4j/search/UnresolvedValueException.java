package io.tune4j.search;

/**
 * Signals that a {@link Spec} read reached a value that is still a {@link Domain}.
 *
 * <p>This is control flow, not an error: the {@link io.tune4j.search.variant.VariantGenerator}
 * catches it and calls the reading {@link SpecFunction} again once more values are resolved. It
 * only escapes to users when a {@link Spec} made with {@link Spec#of} is read outside variant
 * generation. Functions should let it propagate rather than catch it.
 */
public class UnresolvedValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String path;

  /**
   * Creates the signal.
   *
   * @param path dotted path of the unresolved value
   */
  public UnresolvedValueException(String path) {
    super("'" + path + "' is not resolved yet", null, false, false);
    this.path = path;
  }

  /**
   * Returns where the unresolved value sits.
   *
   * @return dotted path from the spec root, e.g. {@code config.b}
   */
  public String path() {
    return path;
  }
}
