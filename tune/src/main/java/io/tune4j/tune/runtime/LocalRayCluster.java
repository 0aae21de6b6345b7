package io.tune4j.tune.runtime;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A Ray cluster of several nodes on this machine, started with the {@code ray} command and stopped
 * by the pids of its own processes (RLlib's {@code --ray-num-nodes}: "emulate multiple cluster
 * nodes for debugging"; also the cluster tests). Each cluster has its own temporary directory;
 * {@link #close} ends exactly the processes that name it, never other Ray clusters ({@code ray
 * stop} would end every Ray process on the machine).
 *
 * <pre>{@code
 * try (LocalRayCluster cluster = LocalRayCluster.start(2, 1)) {
 *   System.setProperty("ray.address", cluster.address());
 *   // ... Tune.run(...) or a trainer
 * }
 * }</pre>
 */
public final class LocalRayCluster implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalRayCluster.class.getName());

  private final Path tempDir;
  private final String address;
  private final String ray;

  private LocalRayCluster(String ray, Path tempDir, String address) {
    this.ray = ray;
    this.tempDir = tempDir;
    this.address = address;
  }

  /**
   * Starts a head node and {@code numNodes - 1} more, each with {@code cpusPerNode} CPUs.
   *
   * @throws IllegalStateException when the {@code ray} command is missing or a node fails to start
   *     (with the command's output)
   */
  public static LocalRayCluster start(int numNodes, int cpusPerNode) {
    if (numNodes < 1 || cpusPerNode < 1) {
      throw new IllegalArgumentException(
          "a local Ray cluster needs at least 1 node and 1 CPU per node, got " + numNodes + " and " + cpusPerNode);
    }
    return start(findRay(), java.util.Collections.nCopies(numNodes, cpusPerNode));
  }

  /**
   * Starts one node per entry of {@code cpusPerNode} (the first is the head) with the given {@code
   * ray} command.
   */
  public static LocalRayCluster start(String ray, List<Integer> cpusPerNode) {
    int numNodes = cpusPerNode.size();
    Path tmp;
    int port;
    try {
      tmp = Files.createTempDirectory(Path.of("/tmp"), "tune4j-ray");
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare a local Ray cluster: " + e, e);
    }
    LocalRayCluster c = new LocalRayCluster(ray, tmp, "127.0.0.1:" + port);
    try {
      c.run(List.of(ray, "start", "--head", "--num-cpus=" + cpusPerNode.get(0), "--port=" + port,
          "--temp-dir=" + tmp, "--include-dashboard=false", "--disable-usage-stats"));
      for (int i = 1; i < numNodes; i++) {
        c.run(List.of(ray, "start", "--address=" + c.address, "--num-cpus=" + cpusPerNode.get(i), "--disable-usage-stats"));
      }
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** The {@code ray} command: {@code TUNE4J_RAY}, else {@code ray} on the PATH. */
  public static String findRay() {
    String explicit = System.getenv("TUNE4J_RAY");
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, "ray");
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new IllegalStateException(
        "starting a local Ray cluster needs the 'ray' command, which is not on the PATH: install Ray"
            + " (pip install ray==2.58.0) or set TUNE4J_RAY to it");
  }

  private void run(List<String> cmd) {
    try {
      Path log = tempDir.resolve("ray-start.log");
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", cmd) + " did not finish in 120 s; see " + log);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", cmd) + " failed with exit code " + p.exitValue() + ":\n" + Files.readString(log));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + cmd.get(0) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting Ray", e);
    }
  }

  /** The address drivers connect to ({@code ray.address}). */
  public String address() {
    return address;
  }

  /** The cluster's own temporary directory (its session logs are under it). */
  public Path tempDir() {
    return tempDir;
  }

  /** The pids of this cluster's processes: those naming its directory, and their children. */
  public List<Long> pids() {
    String dir = tempDir.toString();
    List<Long> out = new ArrayList<>();
    ProcessHandle.allProcesses()
        .filter(h -> h.info().commandLine().map(c -> c.contains(dir)).orElse(false))
        .forEach(h -> {
          out.add(h.pid());
          h.descendants().forEach(d -> out.add(d.pid()));
        });
    return out.stream().distinct().toList();
  }

  /** Ends this cluster's processes (TERM, then KILL after 10 s) and deletes its directory. */
  @Override
  public void close() {
    List<ProcessHandle> procs = new ArrayList<>();
    for (long pid : pids()) {
      ProcessHandle.of(pid).ifPresent(procs::add);
    }
    procs.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (ProcessHandle h : procs) {
      long left = deadline - System.nanoTime();
      try {
        h.onExit().get(Math.max(1, left), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
    try (var files = Files.walk(tempDir)) {
      for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | RuntimeException e) {
      LOG.fine("cannot delete " + tempDir + ": " + e);
    }
  }

  @Override
  public String toString() {
    return "LocalRayCluster[" + address + ", " + tempDir + ", " + ray + "]";
  }
}
