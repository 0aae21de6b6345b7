package io.tune4j.tune.logger;

/** Factories of the built-in loggers; an enum so they serialize and print by name. */
enum StandardLogger implements ResultLoggerFactory {
  JSON {
    @Override
    public ResultLogger create(LoggerContext ctx) {
      return new JsonLogger(ctx);
    }
  },
  CSV {
    @Override
    public ResultLogger create(LoggerContext ctx) {
      return new CsvLogger(ctx);
    }
  },
  TENSORBOARD {
    @Override
    public ResultLogger create(LoggerContext ctx) {
      return new TensorBoardLogger(ctx);
    }
  };

  @Override
  public String toString() {
    return switch (this) {
      case JSON -> "JsonLogger";
      case CSV -> "CsvLogger";
      case TENSORBOARD -> "TensorBoardLogger";
    };
  }
}
