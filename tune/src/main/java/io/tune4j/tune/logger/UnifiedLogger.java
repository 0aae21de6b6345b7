package io.tune4j.tune.logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Fans each call out to one trial's loggers, isolating failures: a logger that throws is reported
 * once (WARNING on the {@code io.tune4j.tune.logger} java.util.logging logger, naming the trial and
 * what the logger writes), closed and dropped, so a full disk or an unwritable value never stops
 * the sweep. Created by {@link Loggers#unified}; called on the runner's single driver thread.
 */
public final class UnifiedLogger implements ResultLogger {

  private static final Logger LOG = Logger.getLogger(UnifiedLogger.class.getPackageName());

  private final LoggerContext ctx;
  private final List<ResultLogger> active = new ArrayList<>();
  private final List<String> disabled = new ArrayList<>();
  private boolean closed;

  UnifiedLogger(LoggerContext ctx, List<ResultLoggerFactory> factories) {
    this.ctx = ctx;
    for (ResultLoggerFactory f : factories) {
      try {
        ResultLogger logger = f.create(ctx);
        if (logger != null) {
          active.add(logger);
        }
      } catch (Exception | StackOverflowError e) {
        String what = f + " for " + ctx.trialDir();
        warn(what, "creation", e);
        disabled.add(what);
      }
    }
  }

  /**
   * Returns what the working loggers write, e.g. {@code CsvLogger(/tmp/t/progress.csv)}.
   *
   * @return descriptions of the loggers still active
   */
  public List<String> active() {
    List<String> out = new ArrayList<>(active.size());
    for (ResultLogger l : active) {
      out.add(l.describe());
    }
    return out;
  }

  /**
   * Returns what the loggers that failed were writing.
   *
   * @return descriptions of the disabled loggers, in failure order
   */
  public List<String> disabled() {
    return List.copyOf(disabled);
  }

  @Override
  public void onResult(Map<String, Object> result) {
    each("onResult", l -> l.onResult(result));
  }

  @Override
  public void onConfigUpdate(Map<String, Object> newConfig) {
    each("onConfigUpdate", l -> l.onConfigUpdate(newConfig));
  }

  @Override
  public void flush() {
    each("flush", ResultLogger::flush);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    each("close", ResultLogger::close);
    active.clear();
  }

  @Override
  public String describe() {
    return "UnifiedLogger" + active();
  }

  private void each(String phase, Consumer<ResultLogger> call) {
    for (int i = 0; i < active.size(); i++) {
      ResultLogger l = active.get(i);
      try {
        call.accept(l);
      } catch (Exception | StackOverflowError e) {
        String what = safeDescribe(l);
        warn(what, phase, e);
        disabled.add(what);
        active.remove(i--);
        if (!phase.equals("close")) {
          try {
            l.close();
          } catch (Exception | StackOverflowError ignored) {
            // already reported the first failure
          }
        }
      }
    }
  }

  private static String safeDescribe(ResultLogger l) {
    try {
      return l.describe();
    } catch (RuntimeException e) {
      return l.getClass().getName();
    }
  }

  private void warn(String what, String phase, Throwable e) {
    LogRecord r =
        new LogRecord(
            Level.WARNING,
            "Trial {0}: result logger {1} failed in {2} and is disabled for this trial: {3}");
    r.setParameters(new Object[] {ctx.label(), what, phase, String.valueOf(e)});
    if (!(e instanceof java.io.UncheckedIOException)) {
      r.setThrown(e); // an I/O error's message already names the file
    }
    r.setLoggerName(LOG.getName());
    LOG.log(r);
  }
}
