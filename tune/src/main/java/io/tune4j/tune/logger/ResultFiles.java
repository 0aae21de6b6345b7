package io.tune4j.tune.logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cuts a trial's {@code result.json} and {@code progress.csv} back to their first N results, so
 * that a trial restarted from a checkpoint (after a failure, or on {@code resume}) logs every
 * iteration exactly once: the lines written after the checkpoint are dropped before the trial
 * goes on. Files are rewritten atomically. TensorBoard event files are append-only records and
 * are left as they are; TensorBoard shows the restarted steps over the dropped ones.
 *
 * <pre>{@code
 * ResultFiles.truncate(trialDir, checkpoint.resultCount());
 * }</pre>
 */
public final class ResultFiles {
  private ResultFiles() {}

  /**
   * Keeps the first {@code results} results of the trial's JSON and CSV files.
   *
   * @param trialDir the trial directory
   * @param results how many results to keep (0 empties the files, keeping the CSV header)
   * @throws UncheckedIOException naming the file when it cannot be rewritten
   */
  public static void truncate(Path trialDir, int results) {
    truncateLines(trialDir.resolve(JsonLogger.RESULT_FILE), results, false);
    truncateLines(trialDir.resolve(CsvLogger.FILE), results, true);
  }

  /**
   * Counts the complete results in the trial's {@code result.json}.
   *
   * @param trialDir the trial directory
   * @return the number of complete lines, 0 when there is no file
   */
  public static int count(Path trialDir) {
    Path f = trialDir.resolve(JsonLogger.RESULT_FILE);
    if (!Files.exists(f)) {
      return 0;
    }
    try {
      byte[] b = Files.readAllBytes(f);
      int n = 0;
      for (byte x : b) {
        if (x == '\n') {
          n++;
        }
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f + ": " + e, e);
    }
  }

  private static void truncateLines(Path file, int records, boolean header) {
    if (!Files.exists(file)) {
      return;
    }
    try {
      byte[] b = Files.readAllBytes(file);
      int want = records + (header ? 1 : 0);
      int seen = 0;
      boolean quoted = false;
      int end = 0;
      for (int i = 0; i < b.length && seen < want; i++) {
        if (header && b[i] == '"') {
          quoted = !quoted;
        } else if (b[i] == '\n' && !quoted) {
          seen++;
          end = i + 1;
        }
      }
      if (seen < want) {
        end = lastNewline(b);
      }
      if (end == b.length) {
        return;
      }
      byte[] kept = java.util.Arrays.copyOf(b, end);
      AtomicFiles.write(file, kept);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot truncate " + file + ": " + e, e);
    }
  }

  private static int lastNewline(byte[] b) {
    for (int i = b.length - 1; i >= 0; i--) {
      if (b[i] == '\n') {
        return i + 1;
      }
    }
    return 0;
  }

  /**
   * Reads the last complete line of the trial's {@code result.json}.
   *
   * @param trialDir the trial directory
   * @return the result, or null when there is none
   */
  public static java.util.Map<String, Object> lastResult(Path trialDir) {
    Path f = trialDir.resolve(JsonLogger.RESULT_FILE);
    if (!Files.exists(f)) {
      return null;
    }
    try {
      String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
      int end = text.lastIndexOf('\n');
      if (end <= 0) {
        return null;
      }
      int start = text.lastIndexOf('\n', end - 1) + 1;
      return JsonText.parseObject(text.substring(start, end));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
