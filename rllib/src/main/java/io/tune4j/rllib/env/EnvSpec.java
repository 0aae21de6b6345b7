package io.tune4j.rllib.env;

/**
 * What the registry knows about an env id, as gym's {@code EnvSpec}.
 *
 * @param id the registered id, e.g. {@code "CartPole-v0"}
 * @param maxEpisodeSteps the {@link TimeLimit} applied by {@link Envs#make(String)}, or null for
 *     none; RLlib's {@code horizon} defaults to it
 * @param rewardThreshold the mean episode reward at which the task counts as solved, or null
 */
public record EnvSpec(String id, Integer maxEpisodeSteps, Double rewardThreshold) {}
