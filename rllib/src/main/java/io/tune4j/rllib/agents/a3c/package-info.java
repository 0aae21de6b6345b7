/** A3C and A2C (advantage actor-critic, asynchronous and synchronous), as RLlib 2019. */
package io.tune4j.rllib.agents.a3c;
