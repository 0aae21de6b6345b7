/** MARWIL (advantage-weighted imitation from offline data) and behaviour cloning, as RLlib 2019. */
package io.tune4j.rllib.agents.marwil;
