package io.tune4j.tune.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tune4j.tune.trial.ExperimentState;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code bin/tune4j ls EXPERIMENT_DIR}: lists the trials of an experiment on disk (Tune's {@code
 * tune ls}): name, status, iterations, seconds, timesteps, reward. The status comes from the
 * newest {@code experiment_state-*.json} (written when a run ends); without one it is inferred from
 * the files ({@code error.txt}: ERROR, a last result with {@code done}: TERMINATED, else UNKNOWN,
 * e.g. still running or killed).
 */
public final class TuneLs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TuneLs() {}

  /** Entry point; exit code 2 for a missing or unreadable directory. */
  public static void main(String[] args) {
    if (args.length != 1 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println("Usage: bin/tune4j ls EXPERIMENT_DIR");
      System.exit(args.length == 1 ? 0 : 2);
    }
    try {
      System.exit(list(Path.of(args[0]), System.out));
    } catch (IOException e) {
      System.err.println("tune4j ls: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Prints the table for {@code dir}; returns 0, or 2 if it is not an experiment directory. */
  public static int list(Path dir, PrintStream out) throws IOException {
    if (!Files.isDirectory(dir)) {
      System.err.println("tune4j ls: not a directory: " + dir);
      return 2;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"trial", "status", "iter", "total time (s)", "ts", "reward"});
    Map<String, String> recorded = ExperimentState.statusByDir(dir);
    try (Stream<Path> s = Files.list(dir)) {
      for (Path t : s.filter(p -> Files.exists(p.resolve("params.json"))).sorted().toList()) {
        JsonNode last = lastResult(t.resolve("result.json"));
        String status = recorded.get(t.getFileName().toString());
        if (status == null) {
          status = Files.exists(t.resolve("error.txt")) ? "ERROR"
              : last != null && last.path("done").asBoolean(false) ? "TERMINATED" : "UNKNOWN";
        }
        rows.add(new String[] {
          t.getFileName().toString(),
          status,
          text(last, "training_iteration"),
          text(last, "time_total_s"),
          text(last, "timesteps_total"),
          text(last, "episode_reward_mean")
        });
      }
    }
    if (rows.size() == 1) {
      System.err.println("tune4j ls: no trials (no */params.json) in " + dir);
      return 2;
    }
    int[] w = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        sb.append(i == 0 ? "" : "  ").append(String.format("%-" + w[i] + "s", r[i]));
      }
      out.println(sb.toString().stripTrailing());
    }
    out.println(rows.size() - 1 + " trials in " + dir);
    return 0;
  }

  private static String text(JsonNode n, String key) {
    if (n == null || !n.has(key) || n.get(key).isNull()) {
      return "-";
    }
    JsonNode v = n.get(key);
    return v.isFloatingPointNumber() ? String.format("%.4g", v.asDouble()) : v.asText();
  }

  /** Parses the last complete line of result.json, or null. */
  static JsonNode lastResult(Path f) throws IOException {
    if (!Files.exists(f) || Files.size(f) == 0) {
      return null;
    }
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
      long len = raf.length();
      raf.seek(Math.max(0, len - (1 << 16)));
      byte[] buf = new byte[(int) (len - Math.max(0, len - (1 << 16)))];
      raf.readFully(buf);
      String[] lines = new String(buf, StandardCharsets.UTF_8).split("\n");
      for (int i = lines.length - 1; i >= 0; i--) {
        if (!lines[i].isBlank()) {
          try {
            return JSON.readTree(lines[i]);
          } catch (IOException e) {
            // a torn last line: try the one before
          }
        }
      }
      return null;
    }
  }
}
