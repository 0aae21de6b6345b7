/**
 * Proximal Policy Optimization (RLlib's {@code agents/ppo}): policy, default config, validation.
 */
package io.tune4j.rllib.agents.ppo;
