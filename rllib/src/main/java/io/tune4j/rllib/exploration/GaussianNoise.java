package io.tune4j.rllib.exploration;

import io.tune4j.rllib.models.ActionDistribution;
import java.util.Map;
import java.util.Random;

/**
 * Deterministic action plus independent Gaussian noise (TD3's exploration): {@code a =
 * clip(μ(s) + scale · N(0, σ²), low, high)}, with {@code scale} following a linear schedule. The
 * distribution's deterministic sample is μ(s).
 */
public final class GaussianNoise implements Exploration {
  private final double sigma;
  private final LinearSchedule scale;
  private final double[] low;
  private final double[] high;
  private double curScale;

  /**
   * Noise of standard deviation {@code sigma}, scaled by {@code scale}, clipped to the action box.
   *
   * @param low the action box's lower bounds
   * @param high its upper bounds
   */
  public GaussianNoise(double sigma, LinearSchedule scale, double[] low, double[] high) {
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
    for (int j = 0; j < low.length; j++) {
      double a = out[outOff + j] + curScale * sigma * rng.nextGaussian();
      out[outOff + j] = (float) Math.max(low[j], Math.min(high[j], a));
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
