/** Trainers (algorithms as Tune trainables), callbacks and the algorithm registry. */
package io.tune4j.rllib.agents;
