package io.tune4j.rllib.agents;

/** RLlib's {@code log_level} values; a config map takes this enum or the string. */
public enum LogLevel {
  /** Everything, including per-iteration details. */
  DEBUG,
  /** Start-up information and warnings. */
  INFO,
  /** Warnings and errors only. */
  WARN,
  /** Errors only. */
  ERROR
}
