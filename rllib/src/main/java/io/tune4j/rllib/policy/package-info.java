/** Policies, sample batches and trajectory postprocessing (RLlib's {@code rllib.policy}). */
package io.tune4j.rllib.policy;
