package io.tune4j.rllib.exploration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.models.Categorical;
import io.tune4j.rllib.models.DiagGaussian;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Exploration strategies: schedules, ε-greedy frequencies, OU noise statistics, clipping. */
class ExplorationTest {

  @Test
  void linearScheduleRampsThenHolds() {
    LinearSchedule s = new LinearSchedule(1.0, 0.1, 1000);
    assertEquals(1.0, s.value(0), 1e-12);
    assertEquals(0.55, s.value(500), 1e-12);
    assertEquals(0.1, s.value(1000), 1e-12);
    assertEquals(0.1, s.value(5000), 1e-12);
    assertEquals(0.3, new LinearSchedule(1.0, 0.3, 0).value(0), 1e-12);
  }

  @Test
  void epsilonGreedyTakesRandomActionsAtRateEpsilon() {
    EpsilonGreedy e = new EpsilonGreedy(1.0, 0.1, 1000);
    assertEquals(1.0, e.epsilon(), 1e-12);
    e.onGlobalTimestep(500);
    assertEquals(0.55, e.epsilon(), 1e-12);
    e.onGlobalTimestep(10_000);
    assertEquals(0.1, (double) e.stats().get("cur_epsilon"), 1e-12);
    Categorical q = new Categorical(4);
    float[] qValues = {0f, 5f, 0f, 0f};
    float[] out = new float[1];
    Random rng = new Random(3);
    int n = 200_000;
    int other = 0;
    for (int i = 0; i < n; i++) {
      e.action(q, qValues, 0, 0, true, rng, out, 0);
      other += out[0] == 1f ? 0 : 1;
    }
    // A random action is non-greedy 3 times in 4: expected rate 0.075, sd of the rate ~0.0006.
    double rate = other / (double) n;
    assertTrue(Math.abs(rate - 0.075) < 0.004, "non-greedy rate " + rate);
    for (int i = 0; i < 1000; i++) {
      e.action(q, qValues, 0, 0, false, rng, out, 0);
      assertEquals(1f, out[0], "explore=false is greedy");
    }
  }

  @Test
  void ornsteinUhlenbeckStateHasTheStationaryVarianceAndActionsAreClipped() {
    double theta = 0.15;
    double sigma = 0.2;
    DiagGaussian g = new DiagGaussian(1);
    OrnsteinUhlenbeckNoise ou = new OrnsteinUhlenbeckNoise(theta, sigma, new LinearSchedule(0.1, 0.1, 0), new double[] {-2}, new double[] {2});
    float[] in = {0.5f, 0f}; // mean 0.5, log-std 0
    float[] out = new float[1];
    Random rng = new Random(11);
    for (int i = 0; i < 1000; i++) {
      ou.action(g, in, 0, 0, true, rng, out, 0); // burn-in
    }
    int n = 400_000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      ou.action(g, in, 0, 0, true, rng, out, 0);
      double x = ou.state(0, 0);
      sum += x;
      sumSq += x * x;
      assertEquals(Math.max(-2, Math.min(2, 0.5 + 0.1 * 4 * x)), out[0], 1e-5);
    }
    double mean = sum / n;
    double var = sumSq / n - mean * mean;
    double expected = sigma * sigma / (2 * theta - theta * theta); // AR(1): x' = (1-θ)x + σε
    assertTrue(Math.abs(mean) < 0.03, "mean " + mean);
    assertTrue(Math.abs(var / expected - 1) < 0.05, "variance " + var + " vs " + expected);
    ou.reset();
    assertEquals(0.0, ou.state(0, 0));
    ou.action(g, in, 0, 0, false, rng, out, 0);
    assertEquals(0.5f, out[0], "explore=false is the mean");
  }

  @Test
  void gaussianNoiseStaysInTheBoxAndFollowsItsScale() {
    DiagGaussian g = new DiagGaussian(2);
    GaussianNoise noise = new GaussianNoise(1.0, new LinearSchedule(2.0, 0.0, 100), new double[] {-1, -1}, new double[] {1, 1});
    float[] in = {0.9f, -0.9f, 0f, 0f};
    float[] out = new float[2];
    Random rng = new Random(5);
    boolean clippedHigh = false;
    for (int i = 0; i < 10_000; i++) {
      noise.action(g, in, 0, 0, true, rng, out, 0);
      assertTrue(out[0] >= -1 && out[0] <= 1 && out[1] >= -1 && out[1] <= 1);
      clippedHigh |= out[0] == 1f;
    }
    assertTrue(clippedHigh, "large noise reaches the bound");
    noise.onGlobalTimestep(100); // scale 0: no noise
    noise.action(g, in, 0, 0, true, rng, out, 0);
    assertEquals(0.9f, out[0]);
    assertEquals(-0.9f, out[1]);
  }
}
