package io.tune4j.rllib.exploration;

import io.tune4j.rllib.models.ActionDistribution;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * DDPG's exploration (RLlib 2019 {@code ddpg_policy}: {@code exploration_ou_theta}, {@code
 * exploration_ou_sigma}, {@code exploration_noise_scale}): a temporally correlated noise state per
 * row, {@code x ← x + θ(0 − x) + σ·N(0, 1)}, added to the deterministic action as {@code a =
 * clip(μ(s) + scale · (high − low) · x, low, high)}; {@code scale} follows a linear schedule. The
 * state of a row is kept across calls (one env per row) until {@link #reset}.
 */
public final class OrnsteinUhlenbeckNoise implements Exploration {
  private final double theta;
  private final double sigma;
  private final LinearSchedule scale;
  private final double[] low;
  private final double[] high;
  private double[] state = new double[0];
  private double curScale;

  /**
   * OU noise for an action box.
   *
   * @param theta the pull towards 0 per step
   * @param sigma the step's noise
   */
  public OrnsteinUhlenbeckNoise(double theta, double sigma, LinearSchedule scale, double[] low, double[] high) {
    this.theta = theta;
    this.sigma = sigma;
    this.scale = scale;
    this.low = low.clone();
    this.high = high.clone();
    this.curScale = scale.value(0);
  }

  @Override
  public void action(ActionDistribution dist, float[] inputs, int inOff, int row, boolean explore, Random rng, float[] out, int outOff) {
    dist.deterministicSample(inputs, inOff, out, outOff);
    if (!explore) {
      return;
    }
    int d = low.length;
    if (state.length < (row + 1) * d) {
      state = Arrays.copyOf(state, (row + 1) * d);
    }
    for (int j = 0; j < d; j++) {
      int s = row * d + j;
      state[s] += theta * -state[s] + sigma * rng.nextGaussian();
      double a = out[outOff + j] + curScale * (high[j] - low[j]) * state[s];
      out[outOff + j] = (float) Math.max(low[j], Math.min(high[j], a));
    }
  }

  /** Zeroes every row's noise state (at the start of training, or of an episode). */
  public void reset() {
    Arrays.fill(state, 0);
  }

  /** The noise state of {@code row}'s dimension {@code j} (for tests). */
  public double state(int row, int j) {
    return state[row * low.length + j];
  }

  @Override
  public void onGlobalTimestep(long timestep) {
    curScale = scale.value(timestep);
  }

  @Override
  public Map<String, Object> stats() {
    return Map.of("cur_noise_scale", curScale);
  }
}
