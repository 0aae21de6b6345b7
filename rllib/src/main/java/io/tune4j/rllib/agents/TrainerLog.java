package io.tune4j.rllib.agents;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * One logger per trainer, named {@code io.tune4j.rllib.trainer.<label>}, at the trainer's {@code
 * log_level}, writing {@code LEVEL label: message} lines to standard error. It does not pass
 * records to the parent loggers, so two trainers in one JVM (two trials) keep their own levels.
 */
final class TrainerLog {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private TrainerLog() {}

  static Logger create(Trainer t, String logLevel) {
    Level level =
        switch (logLevel) {
          case "DEBUG" -> Level.FINE;
          case "INFO" -> Level.INFO;
          case "WARN" -> Level.WARNING;
          case "ERROR" -> Level.SEVERE;
          default -> throw new IllegalArgumentException(
              t.name() + ": config key 'log_level' must be one of DEBUG, INFO, WARN, ERROR, got '" + logLevel + "'");
        };
    // Under Tune the trial's name; a trainer built with the Java API has no trial ("PPO#1").
    String trial = t.context() == null || t.context().logdir() == null ? null : t.context().trialName();
    String label = trial != null ? trial : t.name() + "#" + COUNT.incrementAndGet();
    // A fresh logger object per trainer: LogManager would hand a later trainer of the same label
    // this one's handlers.
    Logger log = Logger.getAnonymousLogger();
    log.setUseParentHandlers(false);
    log.setLevel(level);
    Handler h =
        new StreamHandler(System.err, new Formatter() {
          @Override
          public String format(LogRecord r) {
            String lvl = switch (r.getLevel().getName()) {
              case "FINE", "FINER", "FINEST" -> "DEBUG";
              case "WARNING" -> "WARN";
              case "SEVERE" -> "ERROR";
              default -> r.getLevel().getName();
            };
            return lvl + " " + label + ": " + formatMessage(r) + System.lineSeparator();
          }
        }) {
          @Override
          public synchronized void publish(LogRecord r) {
            super.publish(r);
            flush();
          }
        };
    h.setLevel(Level.ALL);
    log.addHandler(h);
    return log;
  }
}
