package io.tune4j.rllib.offline;

import io.tune4j.rllib.policy.SampleBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Randomizes the order of another reader's batches over a sliding window of {@code n} (RLlib's
 * {@code ShuffledInput}, the {@code shuffle_buffer_size} config; {@code n <= 1} passes through).
 */
public final class ShuffledInput implements InputReader {
  private final InputReader child;
  private final int n;
  private final List<SampleBatch> buffer = new ArrayList<>();
  private final Random rng;

  /** Shuffles {@code child} over {@code n} batches. */
  public ShuffledInput(InputReader child, int n, long seed) {
    this.child = child;
    this.n = n;
    this.rng = new Random(seed);
  }

  @Override
  public SampleBatch next() {
    if (n <= 1) {
      return child.next();
    }
    while (buffer.size() < n) {
      buffer.add(child.next());
    }
    int i = rng.nextInt(buffer.size());
    SampleBatch out = buffer.get(i);
    buffer.set(i, child.next());
    return out;
  }
}
