package io.tune4j.viewer.data;

/**
 * A name that could reach outside the logdir ({@code ..}, a separator, an absolute path): the
 * viewer answers it with HTTP 400.
 */
public final class UnsafePathException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  UnsafePathException(String message) {
    super(message);
  }

  /**
   * Checks one path segment that came from a request.
   *
   * @param kind what the name is, for the message ({@code "experiment"}, {@code "trial"})
   * @param name the decoded name
   * @return the name
   * @throws UnsafePathException when it is empty, {@code .} or {@code ..}, holds a separator or a
   *     NUL, or is absolute
   */
  public static String check(String kind, String name) {
    if (name == null || name.isEmpty()) {
      throw new UnsafePathException(kind + " name is empty");
    }
    if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
      throw new UnsafePathException(kind + " name '" + name + "' is an absolute path; names are relative to the logdir");
    }
    if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")
        || name.indexOf('\0') >= 0) {
      throw new UnsafePathException(kind + " name '" + name + "' is not allowed: no '..', '/', '\\' or NUL");
    }
    return name;
  }
}
