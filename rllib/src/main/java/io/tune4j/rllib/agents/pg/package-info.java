/** Vanilla policy gradient (RLlib's {@code agents/pg}): policy, default config, validation. */
package io.tune4j.rllib.agents.pg;
