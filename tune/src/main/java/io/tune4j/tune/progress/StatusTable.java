package io.tune4j.tune.progress;

import io.tune4j.schedulers.TrialStatus;
import io.tune4j.tune.trial.Resources;
import io.tune4j.tune.trial.Trial;
import io.tune4j.tune.util.PyFormat;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders Tune's {@code == Status ==} block (Tune 2019's {@code TrialRunner.debug_string}):
 * scheduler line, resources, memory, result dir, trial counts, then trials grouped by state in
 * alphabetical order, each row as {@code Trial.progress_string}.
 */
public final class StatusTable {
  private static final String HOST = host();

  private StatusTable() {}

  /**
   * Renders the block.
   *
   * @param schedulerLine the scheduler's debug string
   * @param used resources committed to running trials
   * @param total the cluster's resources
   * @param resultDir the experiment directory
   * @param trials every trial, in creation order
   * @param maxRows row limit shared fairly across states; {@code <= 0} for no limit
   */
  public static String render(
      String schedulerLine,
      Resources used,
      Resources total,
      String resultDir,
      Collection<Trial> trials,
      int maxRows) {
    StringBuilder sb = new StringBuilder("== Status ==\n");
    sb.append(schedulerLine).append('\n');
    sb.append("Resources requested: ")
        .append(Resources.fmt(used.totalCpu()))
        .append('/')
        .append(Resources.fmt(total.cpu()))
        .append(" CPUs, ")
        .append(Resources.fmt(used.totalGpu()))
        .append('/')
        .append(Resources.fmt(total.gpu()))
        .append(" GPUs");
    Map<String, Double> usedCustom = used.totalCustom();
    if (!total.customResources().isEmpty()) {
      List<String> parts = new ArrayList<>();
      total.customResources().forEach(
          (k, v) ->
              parts.add(Resources.fmt(usedCustom.getOrDefault(k, 0.0)) + "/" + Resources.fmt(v) + " " + k));
      sb.append(" (").append(String.join(", ", parts)).append(')');
    }
    sb.append('\n');
    String mem = memoryLine();
    if (mem != null) {
      sb.append(mem).append('\n');
    }
    sb.append("Result logdir: ").append(resultDir).append('\n');
    Map<TrialStatus, List<Trial>> byState = new EnumMap<>(TrialStatus.class);
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Trial t : trials) {
      byState.computeIfAbsent(t.status(), s -> new ArrayList<>()).add(t);
      counts.merge(t.status().name(), 1, Integer::sum);
    }
    sb.append("Number of trials: ").append(trials.size()).append(" (");
    int i = 0;
    sb.append('{');
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      sb.append(i++ > 0 ? ", " : "").append('\'').append(e.getKey()).append("': ").append(e.getValue());
    }
    sb.append("})\n");
    Map<TrialStatus, Integer> limits = fairLimits(byState, maxRows);
    byState.keySet().stream()
        .sorted((a, b) -> a.name().compareTo(b.name()))
        .forEach(
            s -> {
              List<Trial> rows = byState.get(s);
              sb.append(s.name()).append(" trials:\n");
              int limit = limits.getOrDefault(s, rows.size());
              if (rows.size() <= limit) {
                rows.forEach(t -> row(sb, t));
              } else {
                int half = Math.max(1, limit / 2);
                rows.subList(0, half).forEach(t -> row(sb, t));
                sb.append("  ... ").append(rows.size() - 2 * half).append(" not shown\n");
                rows.subList(rows.size() - half, rows.size()).forEach(t -> row(sb, t));
              }
            });
    return sb.toString();
  }

  private static Map<TrialStatus, Integer> fairLimits(Map<TrialStatus, List<Trial>> byState, int maxRows) {
    Map<TrialStatus, Integer> limits = new EnumMap<>(TrialStatus.class);
    if (maxRows <= 0) {
      return limits;
    }
    int remaining = maxRows;
    boolean progress = true;
    byState.keySet().forEach(s -> limits.put(s, 0));
    while (remaining > 0 && progress) {
      progress = false;
      for (TrialStatus s : byState.keySet()) {
        if (remaining > 0 && limits.get(s) < byState.get(s).size()) {
          limits.merge(s, 1, Integer::sum);
          remaining--;
          progress = true;
        }
      }
    }
    return limits;
  }

  private static void row(StringBuilder sb, Trial t) {
    sb.append(" - ").append(t.name()).append(":\t").append(progressString(t)).append('\n');
  }

  /** Tune 2019's {@code Trial.progress_string}. */
  public static String progressString(Trial t) {
    StringBuilder status = new StringBuilder(t.status().name());
    if (t.numFailures() > 0) {
      status.append(", ").append(t.numFailures()).append(t.numFailures() == 1 ? " failure" : " failures");
      if (t.errorFile() != null) {
        status.append(": ").append(t.errorFile());
      }
    }
    Map<String, Object> r = t.lastResult();
    if (r.isEmpty()) {
      return status.toString();
    }
    List<String> pieces = new ArrayList<>();
    pieces.add(status.toString());
    pieces.add("[" + t.resources() + "]");
    Object host = r.get("hostname");
    Object pid = r.get("pid");
    pieces.add("[" + (host == null || HOST.equals(host) ? "" : host + " ") + "pid=" + pid + "]");
    if (r.get("time_total_s") instanceof Number n) {
      pieces.add((long) n.doubleValue() + " s");
    }
    if (r.get("training_iteration") != null) {
      pieces.add(r.get("training_iteration") + " iter");
    }
    if (r.get("timesteps_total") != null) {
      pieces.add(r.get("timesteps_total") + " ts");
    }
    addG(pieces, r.get("episode_reward_mean"), " rew");
    addG(pieces, r.get("mean_loss"), " loss");
    addG(pieces, r.get("mean_accuracy"), " acc");
    return String.join(", ", pieces);
  }

  private static void addG(List<String> pieces, Object v, String suffix) {
    if (v instanceof Number n) {
      pieces.add(PyFormat.g(n.doubleValue(), 3) + suffix);
    }
  }

  /** {@code Memory usage on this node: used/total GB}, from /proc/meminfo; null if unknown. */
  static String memoryLine() {
    try {
      long total = -1;
      long avail = -1;
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          total = kb(line);
        } else if (line.startsWith("MemAvailable:")) {
          avail = kb(line);
        }
      }
      if (total < 0 || avail < 0) {
        return null;
      }
      double gb = 1024.0 * 1024.0;
      double used = (total - avail) / gb;
      double tot = total / gb;
      String s = String.format("Memory usage on this node: %.1f/%.1f GB", used, tot);
      return used / tot > 0.9 ? s + ": ***LOW MEMORY*** less than 10% of the memory on this node is available" : s;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static long kb(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
