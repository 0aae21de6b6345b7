/**
 * Gym 0.12.5's classic-control environments, ported to be exact in float64 arithmetic: {@link
 * io.tune4j.rllib.env.classic.CartPole}, {@link io.tune4j.rllib.env.classic.MountainCar}, {@link
 * io.tune4j.rllib.env.classic.MountainCarContinuous}, {@link io.tune4j.rllib.env.classic.Pendulum}
 * and {@link io.tune4j.rllib.env.classic.Acrobot}.
 *
 * <p>Each keeps gym's constants and order of floating-point operations, implements {@link
 * io.tune4j.rllib.env.StatefulEnv} in gym's internal-state order and {@link
 * io.tune4j.rllib.env.FlatEnv} for allocation-free vectorized stepping, and renders with Java2D
 * like gym's viewer. Make them through {@code Envs.make("CartPole-v0")} to get gym's time limits.
 */
package io.tune4j.rllib.env.classic;
