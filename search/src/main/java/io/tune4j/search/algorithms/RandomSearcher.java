package io.tune4j.search.algorithms;

import java.util.SplittableRandom;

/**
 * Random search: every suggestion draws each dimension independently from its domain (uniform,
 * log-uniform, normal, uniform over ints and categories). The baseline the model-based searchers
 * are measured against; unlike {@link io.tune4j.search.BasicVariantSearcher} it is seeded per
 * suggestion, checkpointable, and honours {@code points_to_evaluate}. It needs no metric or mode.
 *
 * <p>Simplification: quantized domains are drawn continuously and rounded, and {@code qrandint}
 * values are equally likely (Tune's rounding makes its two end values half as likely).
 *
 * <pre>{@code
 * Searcher random = RandomSearcher.builder().seed(42L).build();
 * random.setSearchProperties("loss", Mode.MIN, Map.of("x", SearchSpace.uniform(-5, 10)));
 * Map<String, Object> config = random.suggest("t1");
 * }</pre>
 */
public final class RandomSearcher extends ModelSearcher {
  private RandomSearcher(Builder builder) {
    super(builder);
  }

  /**
   * Starts a builder.
   *
   * @return a builder with no metric, mode, space or seed
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  boolean needsMetric() {
    return false;
  }

  @Override
  double[] propose(SplittableRandom random) {
    return randomPoint(random);
  }

  /**
   * Settings of a {@link RandomSearcher}; see {@link ModelSearcher.Builder} for the shared ones.
   *
   * <pre>{@code
   * RandomSearcher searcher = RandomSearcher.builder().space(space).seed(1L).build();
   * }</pre>
   */
  public static final class Builder extends ModelSearcher.Builder<Builder> {
    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Creates the searcher.
     *
     * @return the searcher
     * @throws IllegalArgumentException if the space holds a domain that cannot be searched
     */
    public RandomSearcher build() {
      return new RandomSearcher(this);
    }
  }
}
