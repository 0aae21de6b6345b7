package io.tune4j.rllib.agents;

/**
 * An RLlib config that cannot run: an unknown key (with the closest valid one), a value of the
 * wrong type or out of range, a cross-key conflict, or a key not supported yet. The message names
 * the algorithm, the snake_case key, the value and what is allowed, e.g. {@code PPO: config key
 * 'num_workers' must be >= 0, got -1}. It is an {@link IllegalArgumentException}: the config is
 * the caller's argument.
 */
public class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** A config error with its message. */
  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
