/**
 * Models, preprocessors and action distributions (RLlib's {@code rllib.models}): {@link
 * io.tune4j.rllib.models.Preprocessors} flatten observations, {@link
 * io.tune4j.rllib.models.ModelCatalog} builds DL4J networks from the {@code model} config, and the
 * action distributions are plain Java over float arrays (ND4J's per-call cost makes small ops
 * slow).
 */
package io.tune4j.rllib.models;
