package io.tune4j.rllib.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/**
 * The {@code -v/--verbose} flag shared by {@code train} and {@code rollout}, and the one place
 * errors are reported: a single line {@code rllib <command>: <message>} on stderr, followed by the
 * stack trace only when verbose.
 */
public final class VerboseMixin {
  @Option(
      names = {"-v", "--verbose"},
      description =
          "Print stack traces with errors; train also prints every result as it"
              + " arrives (Tune verbose 3 instead of 2).")
  boolean verbose;

  /** For picocli. */
  public VerboseMixin() {}

  /** Whether {@code -v} was given. */
  public boolean isVerbose() {
    return verbose;
  }

  /**
   * Reports an error and returns its exit code.
   *
   * @param err where errors go
   * @param command the qualified command name, e.g. {@code "rllib train"}
   * @param message the message (may span lines)
   * @param cause the exception behind it, printed only when verbose (may be null)
   * @param exitCode the code to return
   * @return {@code exitCode}
   */
  public int fail(PrintWriter err, String command, String message, Throwable cause, int exitCode) {
    err.println(command + ": " + message);
    if (verbose && cause != null) {
      cause.printStackTrace(err);
    }
    err.flush();
    return exitCode;
  }
}
