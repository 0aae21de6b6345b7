/** DDPG, TD3's options and APEX_DDPG (deterministic actor-critic with replay), as RLlib 2019. */
package io.tune4j.rllib.agents.ddpg;
