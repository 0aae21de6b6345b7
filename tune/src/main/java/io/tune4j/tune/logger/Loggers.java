package io.tune4j.tune.logger;

import java.util.List;

/**
 * Tune's default loggers and the fan-out the trial runner uses.
 *
 * <pre>{@code
 * try (ResultLogger log = Loggers.unified(ctx, Loggers.defaults())) {
 *   log.onResult(result);
 * }
 * }</pre>
 */
public final class Loggers {

  private Loggers() {}

  /**
   * Returns Tune's default loggers: JSON ({@code params.json}, {@code result.json}), CSV ({@code
   * progress.csv}) and TensorBoard ({@code events.out.tfevents.*}).
   *
   * @return an immutable list of serializable factories
   */
  public static List<ResultLoggerFactory> defaults() {
    return List.of(json(), csv(), tensorBoard());
  }

  /** Returns the factory of {@link JsonLogger}. */
  public static ResultLoggerFactory json() {
    return StandardLogger.JSON;
  }

  /** Returns the factory of {@link CsvLogger}. */
  public static ResultLoggerFactory csv() {
    return StandardLogger.CSV;
  }

  /** Returns the factory of {@link TensorBoardLogger}. */
  public static ResultLoggerFactory tensorBoard() {
    return StandardLogger.TENSORBOARD;
  }

  /**
   * Creates every factory's logger for one trial behind one {@link ResultLogger}. A logger that
   * fails (when created or at any call) is reported with a {@code java.util.logging} WARNING naming
   * the trial and the file, closed, and disabled for the rest of the trial; the others go on and
   * the call never throws.
   *
   * @param ctx the trial
   * @param factories the loggers to create, in call order
   * @return the fan-out logger
   */
  public static UnifiedLogger unified(LoggerContext ctx, List<ResultLoggerFactory> factories) {
    return new UnifiedLogger(ctx, factories);
  }
}
