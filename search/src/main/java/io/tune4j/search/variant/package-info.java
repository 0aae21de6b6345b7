/**
 * Variant generation: expands a config tree with grid searches, random domains and {@code
 * sample_from} functions into concrete variants, following Ray Tune's {@code
 * suggest/variant_generator.py} rules (grid order, fixed-point resolution, experiment tags).
 *
 * <pre>{@code
 * VariantGenerator gen = new VariantGenerator(Map.of("config", config), 4, 42L);
 * for (Variant v : gen) {
 *   System.out.println(v.experimentTag() + " " + v.config());
 * }
 * }</pre>
 */
package io.tune4j.search.variant;
