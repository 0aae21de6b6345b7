package io.tune4j.rllib.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ActionDistributionTest {
  private static final float LN2 = (float) Math.log(2);

  @Test
  void categoricalHandValues() {
    Categorical c = new Categorical(2);
    float[] z = {0, LN2}; // p = [1/3, 2/3]
    assertEquals(Math.log(2.0 / 3), c.logp(z, 0, new float[] {1}, 0), 1e-6);
    // H = -(1/3 ln 1/3 + 2/3 ln 2/3) = 0.636514
    assertEquals(0.636514, c.entropy(z, 0), 1e-6);
    // KL(p || uniform) = 1/3 ln(2/3) + 2/3 ln(4/3) = 0.056633
    assertEquals(0.056633, c.kl(z, 0, new float[] {0, 0}, 0), 1e-6);
    assertEquals(0.0, c.kl(z, 0, z, 0), 1e-9);
    float[] a = new float[1];
    c.deterministicSample(z, 0, a, 0);
    assertEquals(1f, a[0]);
    Random rng = new Random(1);
    int ones = 0;
    for (int i = 0; i < 30000; i++) {
      c.sample(z, 0, rng, a, 0);
      ones += (int) a[0];
    }
    assertEquals(2.0 / 3, ones / 30000.0, 0.01);
    assertThrows(IllegalArgumentException.class, () -> c.logp(z, 0, new float[] {2}, 0));
  }

  @Test
  void diagGaussianHandValues() {
    DiagGaussian g = new DiagGaussian(1);
    float[] in = {1, LN2}; // μ = 1, σ = 2
    // x = 3: z = 1 -> -0.5 - ln 2 - 0.5 ln 2π = -2.112086
    assertEquals(-2.112086, g.logp(in, 0, new float[] {3}, 0), 1e-6);
    // H = ln 2 + 0.5 ln 2πe = 2.112086
    assertEquals(2.112086, g.entropy(in, 0), 1e-6);
    // KL(N(1, 4) || N(0, 1)) = 0 - ln 2 + (4 + 1)/2 - 0.5 = 1.306853
    assertEquals(1.306853, g.kl(in, 0, new float[] {0, 0}, 0), 1e-6);
    Random rng = new Random(2);
    float[] a = new float[1];
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < 20000; i++) {
      g.sample(in, 0, rng, a, 0);
      sum += a[0];
      sq += a[0] * a[0];
    }
    double mean = sum / 20000;
    assertEquals(1.0, mean, 0.05);
    assertEquals(4.0, sq / 20000 - mean * mean, 0.15);
  }

  @Test
  void multiCategoricalSumsComponents() {
    MultiCategorical m = new MultiCategorical(2, 3);
    float[] z = new float[5];
    assertEquals(5, m.inputSize());
    assertEquals(2, m.actionSize());
    assertEquals(Math.log(1.0 / 6), m.logp(z, 0, new float[] {1, 2}, 0), 1e-6);
    assertEquals(Math.log(6), m.entropy(z, 0), 1e-6);
    float[] out = new float[2];
    m.deterministicSample(new float[] {0, 1, 5, 0, 0}, 0, out, 0);
    assertEquals(1f, out[0]);
    assertEquals(0f, out[1]);
  }

  /** Central differences in double over the float inputs, against the analytic gradients. */
  @Test
  void gradientsMatchFiniteDifferences() {
    Random rng = new Random(3);
    List<ActionDistribution> dists =
        List.of(
            new Categorical(4),
            new DiagGaussian(3),
            new MultiCategorical(2, 3),
            new MultiActionDistribution(List.of(new Categorical(3), new DiagGaussian(2))));
    for (ActionDistribution d : dists) {
      int k = d.inputSize();
      float[] p = randomRow(rng, k);
      float[] q = randomRow(rng, k);
      float[] act = new float[d.actionSize()];
      d.sample(q, 0, rng, act, 0);
      double[] gLogp = new double[k];
      double[] gEnt = new double[k];
      double[] gKl = new double[k];
      d.logpGrad(q, 0, act, 0, 1.0, gLogp, 0);
      d.entropyGrad(q, 0, 1.0, gEnt, 0);
      d.klGrad(p, 0, q, 0, 1.0, gKl, 0);
      for (int j = 0; j < k; j++) {
        float h = 1e-2f;
        float[] up = q.clone();
        float[] dn = q.clone();
        up[j] += h;
        dn[j] -= h;
        double width = up[j] - dn[j];
        String where = d + " input " + j;
        assertEquals(
            (d.logp(up, 0, act, 0) - d.logp(dn, 0, act, 0)) / width, gLogp[j], 2e-3, where);
        assertEquals((d.entropy(up, 0) - d.entropy(dn, 0)) / width, gEnt[j], 2e-3, where);
        assertEquals((d.kl(p, 0, up, 0) - d.kl(p, 0, dn, 0)) / width, gKl[j], 2e-3, where);
      }
    }
  }

  private static float[] randomRow(Random rng, int k) {
    float[] r = new float[k];
    for (int i = 0; i < k; i++) {
      r[i] = (float) (rng.nextGaussian() * 0.5);
    }
    return r;
  }
}
