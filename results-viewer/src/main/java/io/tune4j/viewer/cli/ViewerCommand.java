package io.tune4j.viewer.cli;

import io.tune4j.viewer.web.ResultsViewer;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/tune4j viewer}: serves the results viewer until Ctrl-C.
 *
 * <pre>{@code
 * int exit = new CommandLine(new ViewerCommand()).execute("--logdir", "/tmp/ray_results", "--port", "0");
 * }</pre>
 */
@Command(
    name = "tune4j viewer",
    description = "Serves a web page over a results directory: every experiment, each experiment's trials in"
        + " a sortable, filterable table, metric curves of the trials you pick, and side-by-side comparisons,"
        + " updating live while a sweep writes. Read-only; Ctrl-C stops it. See docs/viewer.md.")
public final class ViewerCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  boolean help;

  @Option(names = "--logdir", paramLabel = "DIR",
      description = "the results root or one experiment directory (default: ~/ray_results)")
  Path logdir = Path.of(System.getProperty("user.home"), "ray_results");

  @Option(names = "--port", paramLabel = "N", description = "the port, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port = 8265;

  @Option(names = "--host", paramLabel = "ADDR",
      description = "the address to bind (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 shows the results to your network)")
  String host = "127.0.0.1";

  /** Set by tests: return once the server runs instead of waiting for Ctrl-C. */
  CountDownLatch stop;

  @Override
  public Integer call() {
    if (port < 0 || port > 65535) {
      System.err.println("tune4j viewer: --port " + port + " must be from 0 to 65535");
      return 2;
    }
    if (Files.exists(logdir) && !Files.isDirectory(logdir)) {
      System.err.println("tune4j viewer: --logdir " + logdir + " is a file, not a directory");
      return 2;
    }
    ResultsViewer viewer;
    try {
      viewer = ResultsViewer.start(logdir, host, port);
    } catch (UncheckedIOException e) {
      System.err.println("tune4j viewer: " + e.getMessage());
      return 2;
    }
    CountDownLatch done = stop != null ? stop : new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(viewer::close, "tune4j-viewer-stop"));
    System.out.println("Tune4j results viewer on " + viewer.uri() + " (logdir " + logdir.toAbsolutePath().normalize()
        + (Files.isDirectory(logdir) ? "" : ", not there yet") + "); Ctrl-C stops it");
    System.out.flush();
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    viewer.close();
    return 0;
  }

  /**
   * Entry point.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ViewerCommand()).execute(args));
  }
}
