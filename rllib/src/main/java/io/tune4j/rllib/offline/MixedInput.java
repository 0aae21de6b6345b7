package io.tune4j.rllib.offline;

import io.tune4j.rllib.policy.SampleBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Draws each batch from one of several sources with fixed probabilities (RLlib's {@code
 * MixedInput}, the {@code "input": {"sampler": 0.4, "/tmp/expert": 0.6}} config).
 */
public final class MixedInput implements InputReader {
  private final List<InputReader> sources = new ArrayList<>();
  private final double[] cumulative;
  private final Random rng;

  /**
   * @param sources readers with their probabilities, which must sum to 1
   * @throws IllegalArgumentException when they do not
   */
  public MixedInput(Map<InputReader, Double> sources, long seed) {
    double sum = 0;
    cumulative = new double[sources.size()];
    int i = 0;
    for (Map.Entry<InputReader, Double> e : sources.entrySet()) {
      this.sources.add(e.getKey());
      sum += e.getValue();
      cumulative[i++] = sum;
    }
    if (Math.abs(sum - 1.0) > 1e-9) {
      throw new IllegalArgumentException("input: the probabilities must sum to 1.0, got " + sum);
    }
    this.rng = new Random(seed);
  }

  @Override
  public SampleBatch next() {
    double u = rng.nextDouble();
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return sources.get(i).next();
      }
    }
    return sources.get(sources.size() - 1).next();
  }
}
