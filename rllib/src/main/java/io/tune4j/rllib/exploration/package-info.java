/**
 * Exploration strategies (RLlib's {@code explore} switch, taken out of the policies): how a policy
 * turns its action-distribution inputs into the action it takes, and how that changes with the
 * global timestep.
 */
package io.tune4j.rllib.exploration;
