package io.tune4j.rllib.agents.pg;

import io.tune4j.rllib.policy.ConfigReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PG's default config (the keys RLlib's {@code agents/pg/pg.py} {@code DEFAULT_CONFIG} overrides in
 * the common config, at 9e328fbe6) and its validation.
 */
public final class PgConfig {
  private PgConfig() {}

  /**
   * A fluent builder over the same snake_case keys:
   *
   * <pre>{@code
   * Map<String, Object> config = PgConfig.builder().lr(3e-3).numWorkers(1).model(m -> m.fcnetHiddens(64, 64)).build();
   * }</pre>
   */
  public static PgConfigBuilder builder() {
    return new PgConfigBuilder();
  }

  /** Defaults (unmodifiable). */
  public static final Map<String, Object> DEFAULTS;

  /** One-line description per key of {@link #DEFAULTS}, for the docs. */
  public static final Map<String, String> DESCRIPTIONS;

  static {
    Map<String, Object> d = new LinkedHashMap<>();
    Map<String, String> h = new LinkedHashMap<>();
    d.put("num_workers", 0);
    h.put("num_workers", "no remote workers by default");
    d.put("lr", 0.0004);
    h.put("lr", "Adam step size");
    d.put("use_pytorch", false);
    h.put("use_pytorch", "use PyTorch as backend (not supported on the JVM: must be false)");
    DEFAULTS = Collections.unmodifiableMap(d);
    DESCRIPTIONS = Collections.unmodifiableMap(h);
  }

  /**
   * Checks a merged config.
   *
   * @throws IllegalArgumentException naming the key at fault
   */
  public static void validate(Map<String, Object> merged) {
    ConfigReader c = new ConfigReader(merged, "PG");
    if (c.has("use_pytorch") && c.getBool("use_pytorch")) {
      throw new IllegalArgumentException(
          "PG config: 'use_pytorch' is not supported on the JVM (DL4J backend); set it to false");
    }
    if (c.getDouble("lr") <= 0) {
      throw new IllegalArgumentException("PG config: 'lr' must be > 0, got " + c.getDouble("lr"));
    }
  }
}
