package io.tune4j.search.variant;

import io.tune4j.search.SearchSpaceException;
import io.tune4j.search.variant.SpaceScanner.Scan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Expands a spec with grid searches, random domains and {@code sample_from} functions into concrete
 * {@link Variant}s, following Ray Tune's {@code generate_variants} and {@code
 * BasicVariantGenerator}.
 *
 * <ul>
 *   <li>Grid variables are sorted by path; the first sorted variable varies fastest.
 *   <li>{@code numSamples} repeats the whole grid; random values are drawn afresh per variant.
 *   <li>{@code sample_from} functions are resolved to a fixed point, in any declaration order; a
 *       cycle raises {@link io.tune4j.search.RecursiveDependencyException}.
 *   <li>A domain exposed by resolution (inside a grid value, or returned by a function) is expanded
 *       in turn, as in Tune; a nested grid then adds variants beyond {@link #totalVariants()}.
 * </ul>
 *
 * <p>Iteration is lazy: each variant is built when requested, so sweeps of any size cost memory for
 * one variant at a time. Every {@link #iterator()} starts from the same seed and yields the same
 * sequence; without a seed one is drawn at construction (see {@link #seed()}).
 *
 * <pre>{@code
 * Map<String, Object> spec = Map.of("config", Map.of(
 *     "lr", SearchSpace.gridSearch(0.2, 0.4, 0.6), "momentum", SearchSpace.gridSearch(1, 2)));
 * new VariantGenerator(spec, 1, 0L).generateAll().get(1).experimentTag(); // "1_lr=0.4,momentum=1"
 * }</pre>
 *
 * <p>Not thread-safe per iterator; the generator itself is immutable.
 */
public final class VariantGenerator implements Iterable<Variant> {
  private final Map<String, Object> spec;
  private final int numSamples;
  private final long seed;
  private final Scan scan;
  private final int totalVariants;

  /**
   * Creates a generator. The spec is deep-copied, so later changes to it have no effect; its
   * grid_search forms are checked now.
   *
   * @param spec the root spec, e.g. {@code {"config": {...}, "resources_per_trial": {...}}}
   * @param numSamples how many times to repeat the grid, at least 1
   * @param seed seed of all random draws, or null for a random seed
   * @throws IllegalArgumentException for a null spec or numSamples below 1
   * @throws SearchSpaceException for malformed grid searches or a space beyond 2^31-1 variants
   */
  public VariantGenerator(Map<String, Object> spec, int numSamples, Long seed) {
    if (spec == null) {
      throw new IllegalArgumentException("spec must not be null");
    }
    if (numSamples < 1) {
      throw new IllegalArgumentException(
          "num_samples must be >= 1, got "
              + numSamples
              + (numSamples == -1 ? " (Tune 2.x's unbounded -1 is not supported)" : ""));
    }
    this.spec = Collections.unmodifiableMap(SpecTrees.deepCopyMap(spec));
    this.numSamples = numSamples;
    this.seed = seed != null ? seed : new SplittableRandom().nextLong();
    this.scan = SpaceScanner.scan(this.spec);
    long gridSize = scan.gridSize();
    if (gridSize > Integer.MAX_VALUE / numSamples) {
      throw new SearchSpaceException(
          "Search space too large: num_samples="
              + numSamples
              + " x "
              + gridSize
              + " grid points exceeds "
              + Integer.MAX_VALUE
              + " variants");
    }
    this.totalVariants = (int) (gridSize * numSamples);
  }

  /**
   * Returns the number of variants: {@code numSamples} times the number of grid points. Exact
   * unless a grid value or a {@code sample_from} result itself contains a grid search.
   *
   * @return the variant count
   */
  public int totalVariants() {
    return totalVariants;
  }

  /**
   * Returns the seed of all random draws (the one given, or the one drawn at construction), so a
   * run can be reproduced.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns how many times the grid is repeated.
   *
   * @return numSamples
   */
  public int numSamples() {
    return numSamples;
  }

  /**
   * Builds every variant at once; prefer {@link #iterator()} for large sweeps.
   *
   * @return all variants in order
   */
  public List<Variant> generateAll() {
    List<Variant> all = new ArrayList<>(totalVariants);
    iterator().forEachRemaining(all::add);
    return all;
  }

  /**
   * Iterates the variants lazily, from the start, with the generator's seed. {@code next()} may
   * throw {@link SearchSpaceException} for specs that cannot be resolved.
   *
   * @return a fresh iterator
   */
  @Override
  public Iterator<Variant> iterator() {
    return new VariantIterator();
  }

  private final class VariantIterator implements Iterator<Variant> {
    private final SplittableRandom random = new SplittableRandom(seed);
    private int sample;
    private int index;
    private Expansion current;

    @Override
    public boolean hasNext() {
      while (current == null || !current.hasNext()) {
        if (sample >= numSamples) {
          return false;
        }
        sample++;
        current = new Expansion(spec, scan, 0, random);
      }
      return true;
    }

    @Override
    public Variant next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Expansion.Partial partial = current.next();
      Map<List<Object>, Object> sorted = new TreeMap<>(SpecTrees.PATH_ORDER);
      sorted.putAll(partial.vars());
      Map<String, Object> vars = new LinkedHashMap<>();
      sorted.forEach((path, value) -> vars.put(SpecTrees.dotted(path), value));
      int i = index++;
      String tag = ExperimentTags.tag(i, ExperimentTags.formatVars(sorted));
      return new Variant(i, tag, partial.spec(), Collections.unmodifiableMap(vars));
    }
  }

  @Override
  public String toString() {
    return "VariantGenerator(numSamples="
        + numSamples
        + ", totalVariants="
        + totalVariants
        + ", seed="
        + seed
        + ", spec="
        + Objects.toString(spec)
        + ")";
  }
}
