package io.tune4j.rllib.agents.ddpg;

import io.tune4j.rllib.agents.dqn.ApexTrainer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ape-X DDPG as RLlib 2019's {@code ApexDDPGTrainer}: DDPG over the Ape-X optimizer with the same
 * overrides as {@link ApexTrainer} (replay shards, 32 workers with per-worker noise scales, initial
 * priorities on the workers, target updates counted in trained steps). Registered as {@code
 * "APEX_DDPG"}.
 */
public class ApexDdpgTrainer extends DdpgTrainer {
  /** DDPG's defaults with Ape-X's overrides. */
  public static final Map<String, Object> DEFAULTS;

  static {
    Map<String, Object> d = new LinkedHashMap<>(DdpgConfig.DEFAULTS);
    d.putAll(ApexTrainer.OVERRIDES);
    DEFAULTS = Collections.unmodifiableMap(d);
  }

  /** For Tune. */
  public ApexDdpgTrainer() {}

  /** An APEX_DDPG trainer for {@code env} with {@code config} over the defaults. */
  public ApexDdpgTrainer(Map<String, ?> config, String env) {
    super(config, env);
  }

  @Override
  public String name() {
    return "APEX_DDPG";
  }

  @Override
  protected Map<String, Object> defaultConfig() {
    return DEFAULTS;
  }
}
