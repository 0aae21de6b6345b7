package io.tune4j.tune.trainable;

import java.io.Serializable;
import java.util.Map;

/**
 * A function trainable: {@code (config, reporter) -> { ... reporter.report("mean_loss", x); ... }}.
 * When it returns, the trial ends with {@code done=true}. Serializable so it reaches Ray actors.
 */
@FunctionalInterface
public interface TrainableFunction extends Serializable {

  /** Trains with {@code config}, reporting each result through {@code reporter}. */
  void train(Map<String, Object> config, Reporter reporter) throws Exception;
}
