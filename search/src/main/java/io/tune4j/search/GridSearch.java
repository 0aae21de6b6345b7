package io.tune4j.search;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Grid search over explicit values (Tune's {@code grid_search}): every value yields its own
 * variants. Several grids form their cross product; the one whose path sorts first varies fastest.
 *
 * <pre>{@code
 * Object lr = SearchSpace.gridSearch(0.2, 0.4, 0.6);
 * }</pre>
 *
 * <p>A plain map {@code {"grid_search": [...]}} (as written in YAML or JSON) means the same.
 *
 * @param values the values, at least one; nulls allowed; may themselves contain domains
 */
public record GridSearch(List<Object> values) implements Domain {
  /** Validates and freezes the values. */
  public GridSearch {
    values = Checks.nonEmptyCopy("grid_search", values);
  }

  /** Always throws: grids are enumerated by the variant generator, never sampled. */
  @Override
  public Object sample(Spec spec, RandomGenerator random) {
    throw new UnsupportedOperationException(
        "grid_search values are enumerated by the VariantGenerator, not sampled: " + values);
  }

  @Override
  public boolean isGrid() {
    return true;
  }

  @Override
  public boolean isValid(Object value) {
    return values.stream().anyMatch(v -> Objects.equals(v, value));
  }
}
