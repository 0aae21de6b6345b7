package io.tune4j.rllib.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --config JSON} option shared by {@code train} and {@code rollout}: algorithm config
 * keys with RLlib's names and meanings ({@code num_workers}, {@code lr}, {@code model}, ...).
 */
public final class ConfigMixin {
  @Option(
      names = "--config",
      paramLabel = "JSON",
      converter = JsonObject.Converter.class,
      description =
          "Algorithm config with RLlib's keys as a JSON object, e.g." + " '{\"num_workers\": 8}'.")
  JsonObject config;

  /** For picocli. */
  public ConfigMixin() {}

  /** The given config (a fresh mutable map), empty when {@code --config} was not given. */
  public Map<String, Object> config() {
    return new JsonObject(config == null ? null : config.value()).value();
  }
}
