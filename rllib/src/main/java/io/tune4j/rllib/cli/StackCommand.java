package io.tune4j.rllib.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rllib stack [PID]}: Ray's {@code ray stack} for Tune4j. Prints the thread stacks of every
 * Tune4j JVM on this machine (a {@code java} process whose command line names Tune4j or Ray), or
 * of the one given, grouped by what the threads run: each trial ({@code trial <name>} threads,
 * its function thread included), the rollout workers ({@code rollout-worker <i>}), the main
 * thread; the JVM's and Ray's own threads are counted, and shown with {@code --all}. Stacks come
 * from the JDK's {@code jcmd <pid> Thread.print}, run as the same user.
 *
 * <p>On a Ray cluster the trials and rollout workers of other nodes run in those nodes' worker
 * JVMs: run {@code bin/rllib stack} on each node (as {@code ray stack} runs per node).
 *
 * <pre>{@code
 * rllib stack          # every Tune4j JVM on this machine
 * rllib stack 4242     # one JVM
 * }</pre>
 */
@Command(
    name = "stack",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print the thread stacks of the Tune4j JVMs on this machine (ray stack), grouped by trial",
      "and rollout worker. On a cluster, run it on each node."
    },
    footerHeading = "%n",
    footer = "Exit codes: 0 printed, 1 no Tune4j JVM found, 2 usage error or no such process.")
public final class StackCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PID", description = "Only this JVM.")
  Long pid;

  @Option(names = "--all", description = "Also print the JVM's and Ray's own threads.")
  boolean all;

  /** For picocli. */
  public StackCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String me = spec.qualifiedName();
    List<ProcessHandle> targets = new ArrayList<>();
    if (pid != null) {
      Optional<ProcessHandle> p = ProcessHandle.of(pid);
      if (p.isEmpty() || !p.get().isAlive()) {
        err.println(me + ": no process " + pid);
        err.flush();
        return 2;
      }
      targets.add(p.get());
    } else {
      long self = ProcessHandle.current().pid();
      ProcessHandle.allProcesses()
          .filter(h -> h.pid() != self && isTune4jJvm(h))
          .forEach(targets::add);
      if (targets.isEmpty()) {
        err.println(me + ": no Tune4j JVM found on this machine");
        err.flush();
        return 1;
      }
    }
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      err.println(me + ": " + jcmd + " is missing: run bin/rllib with a JDK, not a JRE (jcmd prints the stacks)");
      err.flush();
      return 2;
    }
    int code = 0;
    for (ProcessHandle h : targets) {
      try {
        out.print(render(h, dump(jcmd, h.pid()), all));
      } catch (IOException e) {
        err.println(me + ": cannot read the stacks of pid " + h.pid() + ": " + e.getMessage());
        code = pid != null ? 2 : code;
      }
      out.flush();
    }
    err.flush();
    return code;
  }

  /** Whether a process is a JVM whose command line names Tune4j or Ray. */
  static boolean isTune4jJvm(ProcessHandle h) {
    String command = h.info().command().orElse("");
    String line = commandLine(h);
    return command.endsWith("/java") && (line.contains("tune4j") || line.contains("io.ray."));
  }

  /**
   * The process's whole command line: from {@code /proc/<pid>/cmdline} on Linux (the JDK's {@code
   * ProcessHandle.Info} cuts long ones, and a JVM's class path is long), else what the JDK gives.
   */
  static String commandLine(ProcessHandle h) {
    Path proc = Path.of("/proc", Long.toString(h.pid()), "cmdline");
    try {
      if (Files.isReadable(proc)) {
        String raw = new String(Files.readAllBytes(proc), StandardCharsets.UTF_8);
        if (!raw.isEmpty()) {
          return raw.replace('\0', ' ').strip();
        }
      }
    } catch (IOException e) {
      // fall back to the JDK's view
    }
    return h.info().commandLine().orElse(h.info().command().orElse("?"));
  }

  private static String dump(Path jcmd, long pid) throws IOException {
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
    byte[] text = p.getInputStream().readAllBytes();
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("jcmd failed: " + new String(text, StandardCharsets.UTF_8).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return new String(text, StandardCharsets.UTF_8);
  }

  /**
   * Groups a {@code Thread.print} dump by trial, rollout worker and main thread.
   *
   * @param h the process (for its header)
   * @param dump jcmd's output
   * @param all whether to print the remaining threads too
   * @return the text to print
   */
  static String render(ProcessHandle h, String dump, boolean all) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    List<String> others = new ArrayList<>();
    for (String block : dump.split("\\R\\s*\\R")) {
      String b = block.strip();
      if (!b.startsWith("\"")) {
        continue;
      }
      String name = b.substring(1, Math.max(1, b.indexOf('"', 1)));
      String group = group(name);
      if (group == null) {
        others.add(b);
      } else {
        groups.computeIfAbsent(group, k -> new ArrayList<>()).add(b);
      }
    }
    StringBuilder sb = new StringBuilder();
    String line = commandLine(h);
    sb.append("== pid ").append(h.pid()).append(": ").append(abbreviate(line)).append(" ==\n");
    groups.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> {
          sb.append("-- ").append(e.getKey()).append(" --\n");
          for (String b : e.getValue()) {
            sb.append(b).append("\n\n");
          }
        });
    if (all) {
      sb.append("-- other threads (JVM, Ray) --\n");
      for (String b : others) {
        sb.append(b).append("\n\n");
      }
    } else {
      sb.append("(").append(others.size()).append(" other threads: JVM and Ray; --all shows them)\n");
    }
    return sb.toString();
  }

  /** The group a thread belongs to, or null for the JVM's and Ray's own threads. */
  static String group(String threadName) {
    if (threadName.startsWith("trial ")) {
      return threadName.endsWith(" function") ? threadName.substring(0, threadName.length() - 9) : threadName;
    }
    if (threadName.startsWith("rollout-worker ")) {
      return threadName;
    }
    if (threadName.equals("main")) {
      return "main";
    }
    return null;
  }

  /** The command line without the JVM's options and class path: {@code java MAIN ARGS...}. */
  static String abbreviate(String commandLine) {
    String[] parts = commandLine.split(" ");
    StringBuilder sb = new StringBuilder(parts[0].substring(parts[0].lastIndexOf('/') + 1));
    boolean main = false;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      if (!main && (p.equals("-cp") || p.equals("-classpath") || p.equals("--class-path") || p.equals("-jar"))) {
        i++;
        continue;
      }
      if (!main && p.startsWith("-")) {
        continue;
      }
      main = true;
      sb.append(' ').append(p);
    }
    return sb.toString();
  }
}
