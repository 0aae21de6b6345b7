package io.tune4j.search.algorithms;

import io.tune4j.search.BasicVariantSearcher;
import io.tune4j.search.Searcher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/** The contract suite over every implementation. */
class Implementations {
  @Nested
  class RandomSearcherContractTest extends SearcherContractTest {
    @Override
    Searcher create(long seed) {
      return RandomSearcher.builder().seed(seed).build();
    }

    @Override
    Searcher createWithPoints(long seed, List<Map<String, Object>> points) {
      return RandomSearcher.builder().seed(seed).pointsToEvaluate(points).build();
    }
  }

  @Nested
  class BayesOptSearcherContractTest extends SearcherContractTest {
    @Override
    Searcher create(long seed) {
      return BayesOptSearcher.builder().seed(seed).build();
    }

    @Override
    Searcher createWithPoints(long seed, List<Map<String, Object>> points) {
      return BayesOptSearcher.builder().seed(seed).pointsToEvaluate(points).build();
    }

    @Override
    boolean modelBased() {
      return true;
    }
  }

  @Nested
  class TpeSearcherContractTest extends SearcherContractTest {
    @Override
    Searcher create(long seed) {
      return TpeSearcher.builder().seed(seed).build();
    }

    @Override
    Searcher createWithPoints(long seed, List<Map<String, Object>> points) {
      return TpeSearcher.builder().seed(seed).pointsToEvaluate(points).build();
    }

    @Override
    boolean modelBased() {
      return true;
    }
  }

  @Nested
  class MultivariateTpeSearcherContractTest extends SearcherContractTest {
    @Override
    Searcher create(long seed) {
      return TpeSearcher.builder().multivariate(true).seed(seed).build();
    }

    @Override
    boolean modelBased() {
      return true;
    }
  }

  @Nested
  class LimitedRandomContractTest extends SearcherContractTest {
    @Override
    Searcher create(long seed) {
      return new ConcurrencyLimiter(RandomSearcher.builder().seed(seed).build(), 3);
    }
  }

  @Nested
  class LimitedTpeContractTest extends SearcherContractTest {
    @Override
    Searcher create(long seed) {
      return new ConcurrencyLimiter(TpeSearcher.builder().seed(seed).build(), 3);
    }

    @Override
    Searcher createWithPoints(long seed, List<Map<String, Object>> points) {
      return new ConcurrencyLimiter(
          TpeSearcher.builder().seed(seed).pointsToEvaluate(points).build(), 3);
    }

    @Override
    boolean modelBased() {
      return true;
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
