package io.tune4j.rllib.env;

import java.io.Serializable;

/**
 * Creates a multi-agent env from its {@link EnvContext}; serializable so remote workers can build
 * theirs. Use one as the config's {@code env}, or register it by name with {@link
 * Envs#registerMultiAgent}.
 *
 * <p>{@code Envs.registerMultiAgent("multi_cartpole", ctx -> new MultiCartPole(ctx.getInt("num_agents", 4)));}
 */
@FunctionalInterface
public interface MultiAgentEnvCreator extends Serializable {
  /** Creates a new env instance. */
  MultiAgentEnv create(EnvContext ctx);
}
