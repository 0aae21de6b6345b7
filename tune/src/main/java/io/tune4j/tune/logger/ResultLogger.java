package io.tune4j.tune.logger;

import java.util.Map;

/**
 * Writes one trial's results somewhere (a file, a dashboard).
 *
 * <p>Lifecycle: a {@link ResultLoggerFactory} creates one instance per trial; the runner then calls
 * {@link #onResult} once per training result in result order, {@link #onConfigUpdate} when the
 * trial's config changes (PBT exploit, actor reuse), {@link #flush} now and then, and {@link
 * #close} once at the end. All calls come from the runner's single driver thread, so
 * implementations need no locking. A logger must not mutate the maps it is given.
 *
 * <p>A logger may throw unchecked exceptions; {@link Loggers#unified} reports and disables it.
 */
public interface ResultLogger extends AutoCloseable {

  /**
   * Logs one training result.
   *
   * @param result the result; values may be numbers, booleans, strings, lists, arrays and nested
   *     maps; the {@code config} entry holds the trial's config
   */
  void onResult(Map<String, Object> result);

  /**
   * Tells the logger the trial's config changed; the JSON logger rewrites {@code params.json}.
   *
   * @param newConfig the new config
   */
  default void onConfigUpdate(Map<String, Object> newConfig) {}

  /** Pushes buffered data to the operating system. */
  default void flush() {}

  /** Releases the logger's files. Idempotent; never throws checked exceptions. */
  @Override
  void close();

  /**
   * Names what this logger writes, for warnings, e.g. {@code "CsvLogger(/tmp/t/progress.csv)"}.
   *
   * @return a short description
   */
  default String describe() {
    return getClass().getSimpleName();
  }
}
