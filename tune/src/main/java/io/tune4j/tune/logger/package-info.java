/**
 * Per-trial result files, as Ray Tune writes them: {@code params.json} and {@code result.json}
 * ({@link io.tune4j.tune.logger.JsonLogger}), {@code progress.csv} ({@link
 * io.tune4j.tune.logger.CsvLogger}) and a TensorBoard {@code events.out.tfevents.*} file ({@link
 * io.tune4j.tune.logger.TensorBoardLogger}).
 *
 * <p>The trial runner creates one {@link io.tune4j.tune.logger.ResultLogger} per trial with {@link
 * io.tune4j.tune.logger.Loggers#unified}, which fans every result out to the configured loggers and
 * disables (with a warning) any logger that fails, so a full disk or a bad value never stops a
 * sweep. All loggers are called on the runner's single driver thread. The file formats are
 * described in {@code docs/result-files.md}.
 */
package io.tune4j.tune.logger;
