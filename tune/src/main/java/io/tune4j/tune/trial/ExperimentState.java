package io.tune4j.tune.trial;

import io.tune4j.tune.logger.AtomicFiles;
import io.tune4j.tune.logger.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code <experiment>/experiment_state-<session start>.json}: every trial's id, name, final status
 * and directory, in the layout of Tune 2019's experiment checkpoint ({@code checkpoints}, {@code
 * runner_data}, {@code stats}) but plain JSON. Written atomically when a run ends, so {@code
 * bin/tune4j ls} can tell a finished trial from one that is still running or was killed; it is not
 * (yet) written during the run and does not allow resuming.
 */
public final class ExperimentState {
  private static final String PREFIX = "experiment_state-";

  private ExperimentState() {}

  /** Writes the file for a session that started at {@code startMillis}, named by {@code date}. */
  public static Path write(Path experimentDir, String date, long startMillis, List<Trial> trials) {
    List<Map<String, Object>> rows = new ArrayList<>(trials.size());
    for (Trial t : trials) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("trial_id", t.trialId());
      row.put("trial_name", t.name());
      row.put("experiment_tag", t.experimentTag());
      row.put("status", t.status().name());
      row.put("logdir", t.logdir() == null ? null : t.logdir().toString());
      row.put("num_failures", t.numFailures());
      row.put("error_file", t.errorFile());
      row.put("checkpoint", t.checkpoint());
      rows.add(row);
    }
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("checkpoints", rows);
    state.put("runner_data", Map.of());
    state.put("stats", Map.of("start_time", startMillis / 1000.0, "timestamp", System.currentTimeMillis() / 1000.0));
    Path file = experimentDir.resolve(PREFIX + date + ".json");
    AtomicFiles.write(file, JsonText.toJson(state).getBytes(StandardCharsets.UTF_8));
    return file;
  }

  /**
   * The statuses in the newest state file of {@code experimentDir}, by trial directory name; empty
   * when there is none or it cannot be read.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, String> statusByDir(Path experimentDir) {
    Map<String, String> out = new HashMap<>();
    Path newest = null;
    try (Stream<Path> s = Files.list(experimentDir)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith(PREFIX) && n.endsWith(".json")
            && (newest == null || n.compareTo(newest.getFileName().toString()) > 0)) {
          newest = p;
        }
      }
      if (newest == null) {
        return out;
      }
      Map<String, Object> state = JsonText.parseObject(Files.readString(newest));
      for (Object o : (List<Object>) state.getOrDefault("checkpoints", List.of())) {
        Map<String, Object> row = (Map<String, Object>) o;
        if (row.get("logdir") instanceof String dir && row.get("status") instanceof String st) {
          out.put(Path.of(dir).getFileName().toString(), st);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
    return out;
  }
}
