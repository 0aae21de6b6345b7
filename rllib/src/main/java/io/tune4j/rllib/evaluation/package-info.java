/**
 * Experience collection (RLlib's {@code rllib.evaluation}): the {@link
 * io.tune4j.rllib.evaluation.Sampler} that runs a policy in a vector env and builds postprocessed
 * sample batches, {@link io.tune4j.rllib.evaluation.Episode} state for callbacks, observation
 * filters ({@link io.tune4j.rllib.evaluation.MeanStdFilter}) with their driver/worker
 * synchronisation, and episode {@link io.tune4j.rllib.evaluation.Metrics} with the smoothing
 * {@link io.tune4j.rllib.evaluation.MetricsWindow}.
 */
package io.tune4j.rllib.evaluation;
