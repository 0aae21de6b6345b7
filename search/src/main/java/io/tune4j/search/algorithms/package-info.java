/**
 * Search algorithms for {@link io.tune4j.search.Searcher}: random search, Bayesian optimization
 * (Gaussian process + expected improvement), TPE, and the {@link
 * io.tune4j.search.algorithms.ConcurrencyLimiter} wrapper (Tune 2.x's {@code search} package).
 *
 * <p>All model-based searchers extend {@link io.tune4j.search.algorithms.ModelSearcher}, which maps
 * the search space onto the unit cube, records observations, handles {@code points_to_evaluate}
 * and {@code evaluated_points}, and checkpoints JSON-compatible state. They search {@code uniform},
 * {@code quniform}, {@code loguniform}, {@code qloguniform}, {@code randn}, {@code qrandn}, {@code
 * randint}, {@code qrandint} and {@code choice}; spaces with {@code grid_search} or {@code
 * sample_from} need {@link io.tune4j.search.BasicVariantSearcher}.
 *
 * <pre>{@code
 * Searcher searcher = new ConcurrencyLimiter(
 *     BayesOptSearcher.builder().metric("loss").mode(Mode.MIN).seed(0L).build(), 4);
 * }</pre>
 */
package io.tune4j.search.algorithms;
