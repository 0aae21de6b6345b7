package io.tune4j.search.variant;

import java.util.Map;

/**
 * One concrete variant of a search space, as produced by {@link VariantGenerator}.
 *
 * <pre>{@code
 * Variant v = generator.generateAll().get(0);
 * v.experimentTag(); // "0_lr=0.2,momentum=1"
 * v.config();        // {lr=0.2, momentum=1}
 * }</pre>
 *
 * @param index the variant's counter over the whole experiment, from 0
 * @param experimentTag Tune's tag {@code <index>_<k=v,...>}, or just {@code <index>} when the space
 *     has no variables
 * @param resolved the full resolved root spec: same shape as the input, every domain replaced; a
 *     fresh tree of LinkedHashMaps and ArrayLists that the caller owns
 * @param resolvedVars dotted path (e.g. {@code config.lr}) to chosen value for every grid, random
 *     and sample_from variable, in sorted path order; unmodifiable
 */
public record Variant(
    int index,
    String experimentTag,
    Map<String, Object> resolved,
    Map<String, Object> resolvedVars) {

  /**
   * Returns the resolved {@code config} sub-tree.
   *
   * @return {@code resolved().get("config")} when it is a map, otherwise an empty map
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> config() {
    Object config = resolved.get("config");
    return config instanceof Map<?, ?> ? (Map<String, Object>) config : Map.of();
  }
}
