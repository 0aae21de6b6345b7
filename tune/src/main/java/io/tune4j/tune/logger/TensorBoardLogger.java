package io.tune4j.tune.logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Writes a TensorBoard event file, {@code events.out.tfevents.<unix seconds>.<hostname>}, that
 * TensorBoard reads as it grows: a {@code brain.Event:2} version record, then one event per result
 * holding every numeric scalar of the flattened result as tag {@code ray/tune/<key>}.
 *
 * <p>As in Tune 2019 the top-level keys {@code config}, {@code pid}, {@code timestamp}, {@code
 * time_total_s} and {@code training_iteration} are left out, and so are non-numeric values;
 * booleans are logged as 0/1 and NaN is kept. The step is {@code timesteps_total} when the result
 * has it as a number, else {@code training_iteration}, else the count of results logged so far.
 *
 * <p>{@code ResultLoggerFactory tb = TensorBoardLogger::new;}
 */
public final class TensorBoardLogger implements ResultLogger {

  /** Every event file's name starts with this. */
  public static final String FILE_PREFIX = "events.out.tfevents.";

  /** Every tag starts with this. */
  public static final String TAG_PREFIX = "ray/tune/";

  /** Top-level result keys never logged. */
  public static final Set<String> DROPPED =
      Set.of("config", "pid", "timestamp", "time_total_s", "training_iteration");

  private static final byte[] FILE_VERSION = "brain.Event:2".getBytes(StandardCharsets.UTF_8);
  private static final int MAX_CACHED_TAGS = 4096;

  private final AppendFile file;
  private final EventEncoder encoder = new EventEncoder();
  private final Map<String, byte[]> tagCache = new HashMap<>();
  private long results;

  /**
   * Creates a new event file in the trial directory and writes its version record.
   *
   * @param ctx the trial
   * @throws UncheckedIOException naming the file when it cannot be created
   */
  public TensorBoardLogger(LoggerContext ctx) {
    this.file = createEventFile(ctx.trialDir());
    ByteSink rec = encoder.fileVersionRecord(now(), FILE_VERSION);
    file.write(rec.buf, 0, rec.count);
  }

  private static AppendFile createEventFile(Path dir) {
    String base = FILE_PREFIX + (System.currentTimeMillis() / 1000) + "." + Hostname.get();
    Path path = dir.resolve(base);
    try {
      for (int i = 1; ; i++) {
        try {
          return AppendFile.createNew(path);
        } catch (FileAlreadyExistsException e) {
          path = dir.resolve(base + "." + i);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + path + ": " + e, e);
    }
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }

  @Override
  public void onResult(Map<String, Object> result) {
    results++;
    long step = step(result, results);
    encoder.clear();
    for (Map.Entry<String, Object> e : Flatten.flatten(result, "/", DROPPED).entrySet()) {
      Object v = e.getValue();
      float f;
      if (v instanceof Number n) {
        f = n.floatValue();
      } else if (v instanceof Boolean b) {
        f = b ? 1f : 0f;
      } else {
        continue;
      }
      encoder.add(tag(e.getKey()), f);
    }
    ByteSink rec = encoder.summaryRecord(now(), step);
    file.write(rec.buf, 0, rec.count);
  }

  /**
   * Returns the step a result is logged at: {@code timesteps_total} when it is a number, else
   * {@code training_iteration} when it is a number, else {@code fallback}.
   *
   * @param result the result
   * @param fallback the step when neither key holds a number
   * @return the step
   */
  public static long step(Map<String, Object> result, long fallback) {
    if (result.get("timesteps_total") instanceof Number n) {
      return n.longValue();
    }
    if (result.get("training_iteration") instanceof Number n) {
      return n.longValue();
    }
    return fallback;
  }

  private byte[] tag(String key) {
    byte[] t = tagCache.get(key);
    if (t == null) {
      t = (TAG_PREFIX + key).getBytes(StandardCharsets.UTF_8);
      if (tagCache.size() < MAX_CACHED_TAGS) {
        tagCache.put(key, t);
      }
    }
    return t;
  }

  /** Returns the event file's path. */
  public Path path() {
    return file.path();
  }

  @Override
  public void close() {
    file.close();
  }

  @Override
  public String describe() {
    return "TensorBoardLogger(" + file.path() + ")";
  }
}
