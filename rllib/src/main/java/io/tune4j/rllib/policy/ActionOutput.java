package io.tune4j.rllib.policy;

import java.util.Map;

/**
 * Actions a {@link Policy} computed for a batch of {@code n} observations, with the extra per-row
 * outputs that postprocessing and learning need.
 *
 * @param actions row-major {@code n * actionSize} values: a Discrete action is its index as a
 *     double, a Box action its flattened values
 * @param extras per-row extra outputs keyed by {@link SampleBatch} column name (for example {@code
 *     vf_preds} width 1, {@code action_logp} width 1, {@code behaviour_logits} width k); each array
 *     has {@code n * width} entries
 */
public record ActionOutput(double[] actions, Map<String, float[]> extras) {}
