package io.tune4j.tune.logger;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the package logger's WARNINGs, formatted, while open. */
final class LogCapture extends Handler implements AutoCloseable {

  private final Logger logger = Logger.getLogger("io.tune4j.tune.logger");
  private final List<String> messages = new ArrayList<>();

  LogCapture() {
    setLevel(Level.ALL);
    logger.addHandler(this);
  }

  List<String> warnings() {
    return List.copyOf(messages);
  }

  @Override
  public synchronized void publish(LogRecord r) {
    if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
      String text =
          r.getParameters() == null
              ? r.getMessage()
              : MessageFormat.format(r.getMessage(), r.getParameters());
      messages.add(text);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
  }
}
