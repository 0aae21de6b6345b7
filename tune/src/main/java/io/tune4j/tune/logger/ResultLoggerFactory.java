package io.tune4j.tune.logger;

import java.io.Serializable;

/**
 * Creates a trial's {@link ResultLogger}; serializable so experiment specs holding factories can
 * cross actor boundaries and be saved for resume.
 *
 * <p>{@code ResultLoggerFactory csv = CsvLogger::new;}
 */
@FunctionalInterface
public interface ResultLoggerFactory extends Serializable {

  /**
   * Creates the logger for one trial; may create files.
   *
   * @param ctx the trial's directory, name, id and config
   * @return a new logger
   */
  ResultLogger create(LoggerContext ctx);
}
