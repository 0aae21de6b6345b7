package io.tune4j.rllib.exploration;

import java.util.Arrays;
import java.util.Random;

/**
 * DDPG's exploration (RLlib 2019 {@code ddpg_policy}: {@code exploration_ou_theta}, {@code
 * exploration_ou_sigma}, {@code exploration_noise_scale}): a temporally correlated noise state per
 * row, {@code x ← x + θ(0 − x) + σ·N(0, 1)}, added to the deterministic action as {@code a =
 * clip(μ(s) + scale · (high − low) · x, low, high)}; {@code scale} follows a linear schedule. The
 * state of a row is kept across calls (one env per row) until {@link #reset}.
 */
public final class OrnsteinUhlenbeckNoise extends ActionNoise {
  private final double theta;
  private final double sigma;
  private double[] state = new double[0];

  /**
   * OU noise for an action box.
   *
   * @param theta the pull towards 0 per step
   * @param sigma the step's noise
   */
  public OrnsteinUhlenbeckNoise(double theta, double sigma, LinearSchedule scale, double[] low, double[] high) {
    super(scale, low, high);
    this.theta = theta;
    this.sigma = sigma;
  }

  @Override
  protected double noise(int row, int j, double scale, Random rng) {
    int d = low.length;
    if (state.length < (row + 1) * d) {
      state = Arrays.copyOf(state, (row + 1) * d);
    }
    int s = row * d + j;
    state[s] += theta * -state[s] + sigma * rng.nextGaussian();
    return scale * (high[j] - low[j]) * state[s];
  }

  /** Zeroes every row's noise state (at the start of training, or of an episode). */
  public void reset() {
    Arrays.fill(state, 0);
  }

  /** The noise state of {@code row}'s dimension {@code j} (for tests). */
  public double state(int row, int j) {
    return state[row * low.length + j];
  }
}
