package io.tune4j.tune.logger;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Appends results to {@code progress.csv}: nested keys flattened with {@code /}, the {@code config}
 * entry left out, one row per result written with a single call to the OS.
 *
 * <p>As in Tune, the columns are the first result's flattened keys and never change: a key that
 * first appears later is not added (it is still in {@code result.json}); the logger warns once per
 * such key. A missing key leaves an empty cell. Cells follow RFC 4180 with CRLF line ends, as
 * Python's {@code csv} module writes them; NaN is {@code nan}, infinities {@code inf}/{@code -inf},
 * booleans {@code True}/{@code False}, lists their JSON text. A resumed trial keeps the existing
 * file's header and columns.
 *
 * <p>{@code ResultLoggerFactory csv = CsvLogger::new;}
 */
public final class CsvLogger implements ResultLogger {

  /** The file's name. */
  public static final String FILE = "progress.csv";

  private static final Logger LOG = Logger.getLogger(CsvLogger.class.getPackageName());
  private static final Set<String> DROP = Set.of("config");
  private static final int HEADER_PROBE_CHARS = 1 << 20;

  private final LoggerContext ctx;
  private final AppendFile file;
  private final StringBuilder row = new StringBuilder(512);
  private final Set<String> warned = new HashSet<>();
  private String[] columns;
  private Map<String, Integer> columnIndex;

  /**
   * Opens {@code progress.csv} for appending; an existing non-empty file fixes the columns by its
   * header.
   *
   * @param ctx the trial
   * @throws UncheckedIOException naming the file when it cannot be opened or read
   */
  public CsvLogger(LoggerContext ctx) {
    this.ctx = ctx;
    this.file = AppendFile.open(ctx.trialDir().resolve(FILE), true);
    if (file.initialSize() > 0) {
      List<String> header = readHeader(file.path());
      if (header != null) {
        setColumns(header.toArray(new String[0]));
      }
    }
  }

  private static List<String> readHeader(Path path) {
    try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      char[] buf = new char[8192];
      StringBuilder sb = new StringBuilder();
      int n;
      while (sb.length() < HEADER_PROBE_CHARS && (n = r.read(buf)) > 0) {
        sb.append(buf, 0, n);
        List<String> fields = CsvCells.parseFirstRecord(sb);
        if (fields != null) {
          return fields;
        }
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the header of " + path + ": " + e, e);
    }
  }

  private void setColumns(String[] cols) {
    columns = cols;
    columnIndex = new HashMap<>(cols.length * 2);
    for (int i = 0; i < cols.length; i++) {
      columnIndex.put(cols[i], i);
    }
  }

  /**
   * Returns the file's columns, or null before the first result of a new file.
   *
   * @return a copy of the column names
   */
  public List<String> columns() {
    return columns == null ? null : List.of(columns);
  }

  @Override
  public void onResult(Map<String, Object> result) {
    Map<String, Object> flat = Flatten.flatten(result, "/", DROP);
    row.setLength(0);
    if (columns == null) {
      if (flat.isEmpty()) {
        return; // nothing to fix the columns with yet
      }
      setColumns(flat.keySet().toArray(new String[0]));
      for (int i = 0; i < columns.length; i++) {
        if (i > 0) {
          row.append(',');
        }
        CsvCells.appendText(row, columns[i]);
      }
      row.append("\r\n");
    } else if (flat.size() != columns.length || !columnIndex.keySet().containsAll(flat.keySet())) {
      warnNewKeys(flat);
    }
    for (int i = 0; i < columns.length; i++) {
      if (i > 0) {
        row.append(',');
      }
      CsvCells.append(row, flat.get(columns[i]));
    }
    row.append("\r\n");
    byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
    file.write(bytes, 0, bytes.length);
  }

  private void warnNewKeys(Map<String, Object> flat) {
    for (String key : flat.keySet()) {
      if (!columnIndex.containsKey(key) && warned.add(key)) {
        LOG.log(
            Level.WARNING,
            "Trial {0}: result key ''{1}'' is not a column of {2} (the first result fixed the"
                + " columns); it is left out of the CSV (result.json keeps it)",
            new Object[] {ctx.label(), key, file.path()});
      }
    }
  }

  @Override
  public void close() {
    file.close();
  }

  @Override
  public String describe() {
    return "CsvLogger(" + file.path() + ")";
  }
}
