package io.tune4j.rllib.models;

import java.util.ArrayList;
import java.util.List;

/**
 * Independent categoricals for a MultiDiscrete action space with sizes {@code nvec} (RLlib's {@code
 * MultiCategorical}); the input row is the concatenation of each component's logits and an action
 * row holds one index per component. Entropy and KL are summed over components.
 */
public final class MultiCategorical extends MultiActionDistribution {
  private static final long serialVersionUID = 1L;

  /** Categoricals of sizes {@code nvec}. */
  public MultiCategorical(int... nvec) {
    super(children(nvec));
  }

  private static List<Categorical> children(int[] nvec) {
    List<Categorical> c = new ArrayList<>();
    for (int n : nvec) {
      c.add(new Categorical(n));
    }
    return c;
  }
}
