package io.tune4j.viewer.data;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import io.tune4j.tune.logger.Flatten;
import io.tune4j.tune.logger.JsonText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One trial directory, read incrementally: its config ({@code params.json}), its results ({@code
 * result.json}, or {@code progress.csv} when there is no JSON log) as columns of numbers, its last
 * result, checkpoints and error text. Results nested in maps are flattened with {@code /}, as in
 * {@code progress.csv} ({@code info/learner/default_policy/policy_loss}); the {@code config} copy
 * inside each result is left out. Not thread-safe: {@link ResultsStore} serializes access.
 *
 * <pre>{@code
 * TrialData t = new TrialData(Path.of("/tmp/ray_results/exp/PPO_CartPole-v0_0_2026-12-05_01-02-03ab"));
 * t.refresh();
 * double[] reward = t.values("episode_reward_mean");
 * }</pre>
 */
public final class TrialData {
  private static final Pattern DATE_SUFFIX =
      Pattern.compile("_\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}[A-Za-z0-9_]*$");
  private static final Pattern CHECKPOINT = Pattern.compile("checkpoint_0*(\\d+)");
  /** gym monitor videos ({@code "monitor": true}): {@code openaigym.video.<id>.<pid>.video<episode>.mp4}. */
  private static final Pattern VIDEO = Pattern.compile("openaigym\\.video\\.\\d+\\.\\d+\\.video\\d+\\.mp4");
  private static final Set<String> DROP = Set.of("config");
  private static final int MAX_ERROR_CHARS = 256 * 1024;
  private static final CsvMapper CSV = new CsvMapper();
  private static final ObjectReader CSV_ROW =
      CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY);

  private final Path dir;
  private final String name;
  private final LineTail json;
  private final LineTail csv;
  private final Map<String, Column> columns = new LinkedHashMap<>();
  private Map<String, Object> config = Map.of();
  private Map<String, Object> lastResult = Map.of();
  private String[] csvHeader;
  private int rows;
  private int badLines;
  private String recordedStatus;
  private String errorText;
  private List<CheckpointInfo> checkpoints = List.of();
  private List<String> videos = List.of();
  private FileTime paramsTime;
  private FileTime errorTime;
  private FileTime dirTime;
  private long changes;

  /**
   * A trial directory; nothing is read until {@link #refresh}.
   *
   * @param dir the directory holding {@code params.json}
   */
  public TrialData(Path dir) {
    this.dir = dir;
    this.name = dir.getFileName().toString();
    this.json = new LineTail(dir.resolve("result.json"));
    this.csv = new LineTail(dir.resolve("progress.csv"));
  }

  /**
   * Reads what changed on disk since the last refresh.
   *
   * @return whether anything changed
   * @throws UncheckedIOException naming the file when one exists but cannot be read
   */
  public boolean refresh() {
    long before = changes;
    try {
      readParams();
      readResults();
      readDir();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the trial directory " + dir + ": " + e.getMessage(), e);
    }
    return changes != before;
  }

  private void readParams() throws IOException {
    Path p = dir.resolve("params.json");
    FileTime t = mtime(p);
    if (t == null || t.equals(paramsTime)) {
      return;
    }
    paramsTime = t;
    try {
      config = Collections.unmodifiableMap(Flatten.flatten(JsonText.parseObject(Files.readString(p)), "/"));
    } catch (IllegalArgumentException e) {
      config = Map.of(); // half-written: read again when its time changes
      paramsTime = null;
    }
    changes++;
  }

  private void readResults() throws IOException {
    boolean changed = json.file().toFile().isFile() || csvHeader == null && !csv.file().toFile().isFile()
        ? json.poll(this::forgetResults, this::jsonLine)
        : csv.poll(this::forgetResults, this::csvLine);
    if (changed) {
      changes++;
    }
  }

  /** A rewritten result file (a trial restored from a checkpoint drops the lines after it). */
  private void forgetResults() {
    columns.clear();
    lastResult = Map.of();
    csvHeader = null;
    rows = 0;
    badLines = 0;
  }

  private void jsonLine(byte[] buf, int off, int len) {
    if (len == 0 || len == 1 && buf[off] == '\r') {
      return;
    }
    Map<String, Object> result;
    try {
      result = JsonText.mapper().readValue(buf, off, len, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (IOException e) {
      badLines++;
      return;
    }
    addRow(Flatten.flatten(result, "/", DROP));
  }

  private void csvLine(byte[] buf, int off, int len) {
    String line = new String(buf, off, len, StandardCharsets.UTF_8).stripTrailing();
    if (line.isEmpty()) {
      return;
    }
    String[] cells;
    try (MappingIterator<String[]> it = CSV_ROW.readValues(line)) {
      cells = it.hasNext() ? it.next() : new String[0];
    } catch (IOException | RuntimeException e) {
      badLines++;
      return;
    }
    if (csvHeader == null) {
      csvHeader = cells;
      return;
    }
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < cells.length && i < csvHeader.length; i++) {
      if (csvHeader[i].startsWith("config/") || cells[i].isEmpty()) {
        continue;
      }
      row.put(csvHeader[i], number(cells[i]));
    }
    addRow(row);
  }

  private static Object number(String cell) {
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      return cell.equals("True") || cell.equals("False") ? Boolean.valueOf(cell.equals("True")) : cell;
    }
  }

  private void addRow(Map<String, Object> flat) {
    for (Map.Entry<String, Object> e : flat.entrySet()) {
      if (e.getValue() instanceof Number n && !(e.getValue() instanceof Byte)) {
        columns.computeIfAbsent(e.getKey(), k -> new Column()).set(rows, n.doubleValue());
      }
    }
    lastResult = Collections.unmodifiableMap(flat);
    rows++;
  }

  private void readDir() throws IOException {
    FileTime t = mtime(dir);
    Path err = dir.resolve("error.txt");
    FileTime et = mtime(err);
    if (et != null && !et.equals(errorTime)) {
      errorTime = et;
      byte[] b = Files.readAllBytes(err);
      String s = new String(b, StandardCharsets.UTF_8);
      errorText = s.length() > MAX_ERROR_CHARS ? "...\n" + s.substring(s.length() - MAX_ERROR_CHARS) : s;
      changes++;
    } else if (et == null && errorText != null) {
      errorText = null;
      errorTime = null;
      changes++;
    }
    if (t == null || t.equals(dirTime)) {
      return;
    }
    dirTime = t;
    List<CheckpointInfo> found = new ArrayList<>();
    List<String> mp4s = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        if (VIDEO.matcher(p.getFileName().toString()).matches()) {
          mp4s.add(p.getFileName().toString());
        }
        Matcher m = CHECKPOINT.matcher(p.getFileName().toString());
        if (Files.isDirectory(p) && p.getFileName().toString().startsWith("checkpoint_")) {
          long iter = m.matches() ? Long.parseLong(m.group(1)) : -1;
          FileTime mt = mtime(p);
          found.add(new CheckpointInfo(p.getFileName().toString(), iter, size(p),
              mt == null ? Instant.EPOCH : mt.toInstant()));
        }
      }
    } catch (NoSuchFileException e) {
      // the trial directory went away while it was listed
    }
    found.sort((a, b) -> NaturalOrder.INSTANCE.compare(a.name(), b.name()));
    mp4s.sort(NaturalOrder.INSTANCE);
    if (!mp4s.equals(videos)) {
      videos = List.copyOf(mp4s);
      changes++;
    }
    if (!found.equals(checkpoints)) {
      checkpoints = List.copyOf(found);
      changes++;
    }
  }

  private static long size(Path p) {
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  /** The modification time, or null when there is no such file: java.io.File's stat, which throws nothing when it is missing. */
  static FileTime mtime(Path p) {
    long t = p.toFile().lastModified();
    return t == 0 ? null : FileTime.fromMillis(t);
  }


  void recordedStatus(String status) {
    if (status == null ? recordedStatus != null : !status.equals(recordedStatus)) {
      recordedStatus = status;
      changes++;
    }
  }

  /**
   * The directory name, which is the trial's name on disk.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The name without Tune's date-and-suffix tail, e.g. {@code PPO_CartPole-v0_0_lr=0.01}: how
   * charts label the trial.
   *
   * @return the short name
   */
  public String label() {
    String s = DATE_SUFFIX.matcher(name).replaceFirst("");
    return s.isEmpty() ? name : s;
  }

  /**
   * The trial directory.
   *
   * @return the path
   */
  public Path dir() {
    return dir;
  }

  /**
   * The config from {@code params.json}, flattened with {@code /}.
   *
   * @return an unmodifiable insertion-ordered map; empty before {@code params.json} is readable
   */
  public Map<String, Object> config() {
    return config;
  }

  /**
   * The status: the one the newest experiment state records, else inferred from the files
   * ({@code ERROR} with an {@code error.txt}, {@code TERMINATED} when the last result says {@code
   * done}, else {@code UNKNOWN}: running without a state file yet, or killed).
   *
   * @return the status name, as Tune spells it
   */
  public String status() {
    if (recordedStatus != null) {
      return recordedStatus;
    }
    if (errorText != null) {
      return "ERROR";
    }
    return Boolean.TRUE.equals(lastResult.get("done")) ? "TERMINATED" : "UNKNOWN";
  }

  /**
   * How many results have been read.
   *
   * @return the row count
   */
  public int rows() {
    return rows;
  }

  /**
   * Lines of the result file that were complete but not JSON (or not CSV), and were skipped.
   *
   * @return the count
   */
  public int badLines() {
    return badLines;
  }

  /**
   * The numeric metrics seen so far, in the order they first appeared.
   *
   * @return the metric names
   */
  public List<String> metrics() {
    return List.copyOf(columns.keySet());
  }

  /**
   * One metric's values, a row per result.
   *
   * @param metric a flattened metric name
   * @return a copy, NaN where a result lacked the metric; null when no result had it
   */
  public double[] values(String metric) {
    Column c = columns.get(metric);
    return c == null ? null : c.copy(rows);
  }

  /**
   * The metric's value in the newest result that has it.
   *
   * @param metric a flattened metric name
   * @return the value, or NaN when no result has it
   */
  public double last(String metric) {
    Column c = columns.get(metric);
    if (c == null) {
      return Double.NaN;
    }
    for (int r = rows - 1; r >= 0; r--) {
      double v = c.get(r);
      if (!Double.isNaN(v)) {
        return v;
      }
    }
    return Double.NaN;
  }

  /**
   * The newest result, flattened (numbers, strings and booleans).
   *
   * @return an unmodifiable map; empty before the first result
   */
  public Map<String, Object> lastResult() {
    return lastResult;
  }

  /**
   * The checkpoint directories, oldest first.
   *
   * @return an immutable list
   */
  public List<CheckpointInfo> checkpoints() {
    return checkpoints;
  }

  /**
   * The episode videos gym's monitor wrote into the trial directory ({@code "monitor": true}), by
   * monitor and episode.
   *
   * @return file names, e.g. {@code openaigym.video.8.4242.video000027.mp4}
   */
  public List<String> videos() {
    return videos;
  }

  /**
   * The text of {@code error.txt} (its last 256 KiB).
   *
   * @return the text, or null when the trial has no error file
   */
  public String errorText() {
    return errorText;
  }

  /** A counter that grows with every change a refresh saw; live pages poll it. */
  long changes() {
    return changes;
  }
}
