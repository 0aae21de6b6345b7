package io.tune4j.search;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One of the given categories, each equally likely (Tune's {@code choice}).
 *
 * <pre>{@code
 * Object activation = SearchSpace.choice("relu", "tanh");
 * }</pre>
 *
 * @param categories at least one category; nulls allowed; may themselves contain domains
 */
public record Choice(List<Object> categories) implements Domain {
  /** Validates and freezes the categories. */
  public Choice {
    categories = Checks.nonEmptyCopy("choice", categories);
  }

  @Override
  public Object sample(Spec spec, RandomGenerator random) {
    return categories.get(random.nextInt(categories.size()));
  }

  @Override
  public boolean isValid(Object value) {
    return categories.stream().anyMatch(c -> Objects.equals(c, value));
  }
}
