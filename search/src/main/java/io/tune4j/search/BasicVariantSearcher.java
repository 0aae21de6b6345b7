package io.tune4j.search;

import io.tune4j.search.variant.Variant;
import io.tune4j.search.variant.VariantGenerator;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * The default searcher: hands out the variants of a {@link VariantGenerator} one by one, in order
 * (Tune's {@code BasicVariantGenerator}, without its {@code shuffle} option).
 *
 * <pre>{@code
 * BasicVariantSearcher searcher = new BasicVariantSearcher(Map.of("config", config), 4, 42L);
 * for (Variant v; (v = searcher.suggestVariant("t")) != null; ) {
 *   System.out.println(v.experimentTag());
 * }
 * }</pre>
 */
public final class BasicVariantSearcher implements Searcher {
  private final VariantGenerator generator;
  private final Iterator<Variant> variants;
  private Variant lastVariant;
  private int handedOut;

  /**
   * Creates the searcher over a new generator.
   *
   * @param spec root spec holding {@code config}
   * @param numSamples how many times to repeat the grid
   * @param seed seed of the random draws, or null
   */
  public BasicVariantSearcher(Map<String, Object> spec, int numSamples, Long seed) {
    this(new VariantGenerator(spec, numSamples, seed));
  }

  /**
   * Creates the searcher over an existing generator.
   *
   * @param generator the generator; iterated once, from the start
   */
  public BasicVariantSearcher(VariantGenerator generator) {
    this.generator = Objects.requireNonNull(generator, "generator");
    this.variants = generator.iterator();
  }

  /**
   * Returns the next variant, tag included; what the runner prefers over {@link #suggest}.
   *
   * @param trialId the id the runner will give the trial (unused)
   * @return the next variant, or null when all were handed out
   * @throws SearchSpaceException if the next variant cannot be resolved
   */
  public Variant suggestVariant(String trialId) {
    if (!variants.hasNext()) {
      return null;
    }
    lastVariant = variants.next();
    handedOut++;
    return lastVariant;
  }

  /**
   * Returns the next variant's resolved config.
   *
   * @param trialId the id the runner will give the trial (unused)
   * @return the resolved config, or null when all variants were handed out
   */
  @Override
  public Map<String, Object> suggest(String trialId) {
    Variant variant = suggestVariant(trialId);
    return variant == null ? null : variant.config();
  }

  /**
   * Returns the variant handed out last.
   *
   * @return the last variant, or null before the first suggestion
   */
  public Variant lastVariant() {
    return lastVariant;
  }

  /**
   * Tells whether every variant was handed out.
   *
   * @return true once exhausted
   */
  @Override
  public boolean isFinished() {
    return !variants.hasNext();
  }

  /**
   * Returns how many variants were handed out, for a resumed experiment.
   *
   * @return {@code {"handed_out": n}}
   */
  @Override
  public Map<String, Object> saveState() {
    return Map.of("handed_out", handedOut);
  }

  /**
   * Skips the variants a previous session handed out, so a resumed experiment does not run them
   * again (with the same seed the remaining variants are the same ones too).
   *
   * @param state a map from {@link #saveState()}
   */
  @Override
  public void restoreState(Map<String, Object> state) {
    Object n = state.get("handed_out");
    int skip = n instanceof Number num ? num.intValue() : 0;
    while (handedOut < skip && variants.hasNext()) {
      suggestVariant(null);
    }
  }

  /**
   * Returns the expected number of variants.
   *
   * @return {@link VariantGenerator#totalVariants()}
   */
  public int totalVariants() {
    return generator.totalVariants();
  }

  /**
   * Returns the underlying generator.
   *
   * @return the generator
   */
  public VariantGenerator generator() {
    return generator;
  }
}
