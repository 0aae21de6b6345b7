package io.tune4j.rllib.env;

import java.io.Serializable;

/**
 * Creates an env from its {@link EnvContext} (the {@code env_config} plus worker and vector
 * indices), as RLlib's {@code register_env(name, lambda config: MyEnv(config))}. Serializable so
 * that it can be shipped to remote workers.
 *
 * <p>{@code Envs.register("my_env", ctx -> new MyEnv(ctx.getInt("size", 10)));}
 */
@FunctionalInterface
public interface EnvCreator extends Serializable {

  /**
   * Creates a new env instance.
   *
   * @param ctx the env configuration; never null
   * @return a new env
   */
  Env create(EnvContext ctx);
}
