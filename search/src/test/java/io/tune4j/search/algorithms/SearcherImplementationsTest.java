package io.tune4j.search.algorithms;

import io.tune4j.search.BasicVariantSearcher;
import io.tune4j.search.Searcher;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Nested;

/** The contract suite over every implementation. */
class SearcherImplementationsTest {
  /**
   * One implementation: how to build it (and, if it takes them, with points to evaluate) and
   * whether it learns from results.
   */
  abstract static class Case extends SearcherContractTest {
    private final LongFunction<Searcher> create;
    private final BiFunction<Long, List<Map<String, Object>>, Searcher> withPoints;
    private final boolean modelBased;

    Case(
        LongFunction<Searcher> create,
        BiFunction<Long, List<Map<String, Object>>, Searcher> withPoints,
        boolean modelBased) {
      this.create = create;
      this.withPoints = withPoints;
      this.modelBased = modelBased;
    }

    @Override
    Searcher create(long seed) {
      return create.apply(seed);
    }

    @Override
    Searcher createWithPoints(long seed, List<Map<String, Object>> points) {
      return withPoints == null ? null : withPoints.apply(seed, points);
    }

    @Override
    boolean modelBased() {
      return modelBased;
    }
  }

  @Nested
  class RandomSearcherContractTest extends Case {
    RandomSearcherContractTest() {
      super(
          seed -> RandomSearcher.builder().seed(seed).build(),
          (seed, points) -> RandomSearcher.builder().seed(seed).pointsToEvaluate(points).build(),
          false);
    }
  }

  @Nested
  class BayesOptSearcherContractTest extends Case {
    BayesOptSearcherContractTest() {
      super(
          seed -> BayesOptSearcher.builder().seed(seed).build(),
          (seed, points) -> BayesOptSearcher.builder().seed(seed).pointsToEvaluate(points).build(),
          true);
    }
  }

  @Nested
  class TpeSearcherContractTest extends Case {
    TpeSearcherContractTest() {
      super(
          seed -> TpeSearcher.builder().seed(seed).build(),
          (seed, points) -> TpeSearcher.builder().seed(seed).pointsToEvaluate(points).build(),
          true);
    }
  }

  @Nested
  class MultivariateTpeSearcherContractTest extends Case {
    MultivariateTpeSearcherContractTest() {
      super(seed -> TpeSearcher.builder().multivariate(true).seed(seed).build(), null, true);
    }
  }

  @Nested
  class LimitedRandomContractTest extends Case {
    LimitedRandomContractTest() {
      super(
          seed -> new ConcurrencyLimiter(RandomSearcher.builder().seed(seed).build(), 3),
          null,
          false);
    }
  }

  @Nested
  class LimitedTpeContractTest extends Case {
    LimitedTpeContractTest() {
      super(
          seed -> new ConcurrencyLimiter(TpeSearcher.builder().seed(seed).build(), 3),
          (seed, points) ->
              new ConcurrencyLimiter(
                  TpeSearcher.builder().seed(seed).pointsToEvaluate(points).build(), 3),
          true);
    }
  }

  /** The variant generator: its space is fixed at construction and it keeps no state. */
  @Nested
  class BasicVariantSearcherContractTest extends SearcherContractTest {
    @Override
    Searcher create(long seed) {
      return new BasicVariantSearcher(Map.of("config", space()), 1000, seed);
    }

    @Override
    boolean checkpointable() {
      return false;
    }
  }
}
