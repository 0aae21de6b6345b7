/**
 * Environments for RLlib-style training: the {@link io.tune4j.rllib.env.Env} API, gym-compatible
 * spaces ({@link io.tune4j.rllib.env.Box}, {@link io.tune4j.rllib.env.Discrete}, ...), the {@link
 * io.tune4j.rllib.env.Envs} registry with gym's time limits, and {@link
 * io.tune4j.rllib.env.VectorEnv} for batched stepping.
 *
 * <p>{@code Env env = Envs.make("CartPole-v0"); Object obs = env.reset(); StepResult r =
 * env.step(1);}
 */
package io.tune4j.rllib.env;
