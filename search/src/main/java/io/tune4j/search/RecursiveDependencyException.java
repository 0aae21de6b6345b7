package io.tune4j.search;

import java.util.List;

/**
 * {@link SampleFrom} values that can never be resolved because they read each other in a cycle, or
 * read a value that is not resolvable at this stage (Tune's {@code RecursiveDependencyError}).
 *
 * <p>The message shows each unresolved path and what it tried to read, e.g. {@code config.a ->
 * config.b -> config.a}.
 */
public class RecursiveDependencyException extends SearchSpaceException {
  private static final long serialVersionUID = 1L;

  private final List<String> unresolvedPaths;

  /**
   * Creates the exception.
   *
   * @param message the description of the cycle
   * @param unresolvedPaths dotted paths of every value left unresolved
   */
  public RecursiveDependencyException(String message, List<String> unresolvedPaths) {
    super(message);
    this.unresolvedPaths = List.copyOf(unresolvedPaths);
  }

  /**
   * Returns the values left unresolved.
   *
   * @return dotted paths, in spec order
   */
  public List<String> unresolvedPaths() {
    return unresolvedPaths;
  }
}
