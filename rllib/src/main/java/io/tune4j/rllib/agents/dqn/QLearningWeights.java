package io.tune4j.rllib.agents.dqn;

import io.tune4j.rllib.policy.FloatArrays;
import java.util.function.Consumer;

/**
 * The weights a DQN-family policy broadcasts: the online parameters, plus the target's when the
 * workers compute TD errors themselves ({@code worker_side_prioritization}).
 */
public final class QLearningWeights {
  private QLearningWeights() {}

  /** Encodes the online parameters, and the target's when {@code withTarget}. */
  public static byte[] encode(float[] online, float[] target, boolean withTarget) {
    return withTarget ? FloatArrays.encode(online, target) : FloatArrays.encode(online);
  }

  /**
   * Decodes what {@link #encode} wrote into the two networks.
   *
   * @param what the policy, for errors
   * @throws IllegalArgumentException when the bytes hold neither one nor two arrays
   */
  public static void decode(byte[] weights, String what, Consumer<float[]> online, Consumer<float[]> target) {
    float[][] a = FloatArrays.decode(weights, what + " weights");
    if (a.length != 1 && a.length != 2) {
      throw new IllegalArgumentException(what + " weights must hold one or two arrays, got " + a.length);
    }
    online.accept(a[0]);
    if (a.length == 2) {
      target.accept(a[1]);
    }
  }
}
