package io.tune4j.rllib.exploration;

import io.tune4j.rllib.models.ActionDistribution;
import java.util.Map;
import java.util.Random;

/**
 * Continuous-action exploration shared by {@link GaussianNoise} and {@link OrnsteinUhlenbeckNoise}:
 * the deterministic action plus a noise term per dimension, clipped to the action box, with the
 * noise scale following a linear schedule of the global timestep.
 */
public abstract class ActionNoise implements Exploration {
  private final LinearSchedule scale;
  /** The action box's lower bounds. */
  protected final double[] low;
  /** The action box's upper bounds. */
  protected final double[] high;
  private double curScale;

  /** Noise scaled by {@code scale}, clipped to {@code [low, high]}. */
  protected ActionNoise(LinearSchedule scale, double[] low, double[] high) {
    this.scale = scale;
    this.low = low.clone();
    this.high = high.clone();
    this.curScale = scale.value(0);
  }

  /** The noise added to dimension {@code j} of row {@code row}'s action at the current scale. */
  protected abstract double noise(int row, int j, double scale, Random rng);

  @Override
  public final void action(ActionDistribution dist, float[] inputs, int inOff, int row, boolean explore, Random rng, float[] out, int outOff) {
    dist.deterministicSample(inputs, inOff, out, outOff);
    if (!explore) {
      return;
    }
    for (int j = 0; j < low.length; j++) {
      double a = out[outOff + j] + noise(row, j, curScale, rng);
      out[outOff + j] = (float) Math.max(low[j], Math.min(high[j], a));
    }
  }

  /**
   * Adds noise to {@code n} rows of deterministic actions in place, at {@code multiplier} times
   * the scheduled scale, clipped to the box (for policies whose actor outputs actions directly,
   * such as DDPG; row {@code r} keeps its own noise state).
   */
  public void perturb(float[] actions, int n, double multiplier, Random rng) {
    int d = low.length;
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        double a = actions[r * d + j] + noise(r, j, multiplier * curScale, rng);
        actions[r * d + j] = (float) Math.max(low[j], Math.min(high[j], a));
      }
    }
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
