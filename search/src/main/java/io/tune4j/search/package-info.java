/**
 * Search spaces and search algorithms for Tune4j: pure Java, no Ray, no files.
 *
 * <p>A config is a {@code Map<String, Object>} tree (nested maps and lists) in which any value may
 * be a {@link io.tune4j.search.Domain}: a grid ({@link io.tune4j.search.GridSearch}), a random
 * distribution ({@link io.tune4j.search.Uniform}, {@link io.tune4j.search.Choice}, ...) or a
 * function of the other values ({@link io.tune4j.search.SampleFrom}). {@link
 * io.tune4j.search.SearchSpace} has the static factories, named as in Ray Tune:
 *
 * <pre>{@code
 * Map<String, Object> config = Map.of(
 *     "lr", SearchSpace.gridSearch(0.2, 0.4, 0.6),
 *     "momentum", SearchSpace.gridSearch(1, 2),
 *     "batch", SearchSpace.sampleFrom(spec -> 32 * spec.configInt("momentum")));
 * }</pre>
 *
 * <p>{@link io.tune4j.search.variant.VariantGenerator} expands such a tree into concrete variants
 * (Tune's {@code generate_variants}); {@link io.tune4j.search.Searcher} is the plug-in point for
 * search algorithms, with {@link io.tune4j.search.BasicVariantSearcher} as the default.
 */
package io.tune4j.search;
