package io.tune4j.tune.logger;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link ResultLogger} is told about the trial it writes for.
 *
 * <p>{@code new LoggerContext(dir, "PPO_CartPole-v0_0_lr=0.01", "a1b2c3d4", config)}
 *
 * @param trialDir the trial's directory; loggers create it when it is missing
 * @param trialName the trial's display name, used in warnings
 * @param trialId the trial's id, used in warnings
 * @param config the trial's resolved config, written to {@code params.json}; never mutated
 */
public record LoggerContext(
    Path trialDir, String trialName, String trialId, Map<String, Object> config) {

  /** Checks that the directory is given and replaces a null config by an empty map. */
  public LoggerContext {
    Objects.requireNonNull(trialDir, "trialDir");
    config = config == null ? Map.of() : config;
  }

  /** Returns {@code "<trialName> (<trialId>)"} for messages. */
  public String label() {
    return trialName + " (" + trialId + ")";
  }
}
