package io.tune4j.tune.trial;

import io.tune4j.tune.execution.ResultCodec;
import io.tune4j.tune.logger.AtomicFiles;
import io.tune4j.tune.logger.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code <experiment>/experiment_state-<session start>.json}: every trial's id, name, config,
 * resources, status, directory, failures and latest checkpoint, plus the searcher's and the
 * scheduler's state, in the layout of Tune 2019's experiment checkpoint ({@code checkpoints},
 * {@code runner_data}, {@code stats}) but plain JSON (a config travels as base64 of the bytes
 * trial actors receive, beside a readable copy). The runner writes it atomically during the run,
 * throttled, and at the end; {@code resume} reads the newest one.
 */
public final class ExperimentState {
  private static final String PREFIX = "experiment_state-";

  private ExperimentState() {}

  /** Writes the file for a session that started at {@code startMillis}, named by {@code date}. */
  public static Path write(Path experimentDir, String date, long startMillis, List<Trial> trials) {
    return write(experimentDir, date, startMillis, trials, Map.of());
  }

  /**
   * Writes the file, with {@code runnerData} (searcher and scheduler state, counters).
   *
   * @return the file written
   */
  public static Path write(
      Path experimentDir, String date, long startMillis, List<Trial> trials, Map<String, Object> runnerData) {
    List<Map<String, Object>> rows = new ArrayList<>(trials.size());
    for (Trial t : trials) {
      rows.add(row(t));
    }
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("checkpoints", rows);
    state.put("runner_data", runnerData);
    state.put("stats", Map.of("start_time", startMillis / 1000.0, "timestamp", System.currentTimeMillis() / 1000.0));
    Path file = experimentDir.resolve(PREFIX + date + ".json");
    AtomicFiles.write(file, JsonText.toJson(state).getBytes(StandardCharsets.UTF_8));
    return file;
  }

  private static Map<String, Object> row(Trial t) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("trial_id", t.trialId());
    row.put("trial_name", t.name());
    row.put("experiment_tag", t.experimentTag());
    row.put("index", t.index());
    row.put("status", t.status().name());
    row.put("logdir", t.logdir() == null ? null : t.logdir().toString());
    row.put("num_failures", t.numFailures());
    row.put("error_file", t.errorFile());
    row.put("error_message", t.errorMessage());
    row.put("checkpoint", t.checkpoint());
    row.put("num_results", t.numResults());
    row.put("start_millis", t.startMillis());
    row.put("end_millis", t.endMillis());
    Resources r = t.resources();
    Map<String, Object> res = new LinkedHashMap<>();
    res.put("cpu", r.cpu());
    res.put("gpu", r.gpu());
    res.put("extra_cpu", r.extraCpu());
    res.put("extra_gpu", r.extraGpu());
    res.put("custom_resources", r.customResources());
    res.put("extra_custom_resources", r.extraCustomResources());
    row.put("resources", res);
    row.put("config", JsonText.sanitize(t.config(), true));
    try {
      row.put("config_b64", Base64.getEncoder().encodeToString(ResultCodec.encodeMap(t.config())));
    } catch (RuntimeException e) {
      row.put("config_b64", null);
    }
    return row;
  }

  /**
   * The newest state file of an experiment directory.
   *
   * @return the file, or null when there is none
   */
  public static Path newest(Path experimentDir) {
    Path newest = null;
    try (Stream<Path> s = Files.list(experimentDir)) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith(PREFIX) && n.endsWith(".json")
            && (newest == null || n.compareTo(newest.getFileName().toString()) > 0)) {
          newest = p;
        }
      }
    } catch (IOException e) {
      return null;
    }
    return newest;
  }

  /**
   * Reads a state file.
   *
   * @throws io.tune4j.tune.TuneException naming the file when it cannot be read or parsed
   */
  public static Map<String, Object> read(Path file) {
    try {
      return JsonText.parseObject(Files.readString(file));
    } catch (IOException | RuntimeException e) {
      throw new io.tune4j.tune.TuneException("cannot read the experiment state " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes a trial row's config: the exact values from {@code config_b64}, else the readable
   * copy.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> config(Map<String, Object> row) {
    if (row.get("config_b64") instanceof String b64) {
      try {
        return ResultCodec.decodeMap(Base64.getDecoder().decode(b64));
      } catch (RuntimeException e) {
        // fall back to the JSON copy
      }
    }
    return row.get("config") instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
  }

  /**
   * The statuses in the newest state file of {@code experimentDir}, by trial directory name; empty
   * when there is none or it cannot be read.
   */
  public static Map<String, String> statusByDir(Path experimentDir) {
    Path newest = newest(experimentDir);
    if (newest == null) {
      return new HashMap<>();
    }
    try {
      return statusByDir(JsonText.parseObject(Files.readString(newest)));
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }

  /**
   * The statuses in a parsed state file, by trial directory name.
   *
   * @param state the file's content, as {@link #read} returns it
   * @return the statuses; empty when the file has no trial rows in this layout
   */
  @SuppressWarnings("unchecked")
  public static Map<String, String> statusByDir(Map<String, Object> state) {
    Map<String, String> out = new HashMap<>();
    if (!(state.get("checkpoints") instanceof List<?> rows)) {
      return out;
    }
    for (Object o : rows) {
      if (o instanceof Map<?, ?> m) {
        Map<String, Object> row = (Map<String, Object>) m;
        if (row.get("logdir") instanceof String dir && row.get("status") instanceof String st) {
          out.put(Path.of(dir).getFileName().toString(), st);
        }
      }
    }
    return out;
  }
}
