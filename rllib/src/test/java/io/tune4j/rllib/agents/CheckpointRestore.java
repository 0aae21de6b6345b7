package io.tune4j.rllib.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Random;
import java.util.function.Supplier;

/**
 * RLlib's checkpoint test ({@code tests/test_checkpoint_restore.py}): train, save, restore into a
 * fresh trainer; the mean action over 10 observations must agree within 0.1.
 */
public final class CheckpointRestore {
  private CheckpointRestore() {}

  /**
   * Trains a trainer from {@code make} for {@code iterations}, saves it under {@code dir}, restores
   * a second one and compares their greedy actions on 10 CartPole-like observations.
   */
  public static void assertSameActions(Supplier<? extends Trainer> make, int iterations, Path dir) {
    Random rng = new Random(7);
    float[][] obs = new float[10][];
    for (int i = 0; i < obs.length; i++) {
      obs[i] = new float[] {(float) rng.nextGaussian() * 0.5f, (float) rng.nextGaussian() * 0.5f,
          (float) rng.nextGaussian() * 0.1f, (float) rng.nextGaussian() * 0.5f};
    }
    double[] first = new double[obs.length];
    Path ckpt;
    try (Trainer a = make.get()) {
      for (int i = 0; i < iterations; i++) {
        a.train();
      }
      ckpt = a.save(dir);
      for (int i = 0; i < obs.length; i++) {
        first[i] = ((Number) a.computeAction(obs[i], false)).doubleValue();
      }
    }
    try (Trainer b = make.get()) {
      b.restore(ckpt);
      double m1 = 0;
      double m2 = 0;
      for (int i = 0; i < obs.length; i++) {
        m1 += first[i] / obs.length;
        m2 += ((Number) b.computeAction(obs[i], false)).doubleValue() / obs.length;
      }
      assertEquals(m1, m2, 0.1, "mean action before and after restore");
    }
  }
}
