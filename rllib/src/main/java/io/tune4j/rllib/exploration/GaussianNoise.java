package io.tune4j.rllib.exploration;

import java.util.Random;

/**
 * Deterministic action plus independent Gaussian noise (TD3's exploration): {@code a =
 * clip(μ(s) + scale · N(0, σ²), low, high)}, with {@code scale} following a linear schedule. The
 * distribution's deterministic sample is μ(s).
 */
public final class GaussianNoise extends ActionNoise {
  private final double sigma;

  /**
   * Noise of standard deviation {@code sigma}, scaled by {@code scale}, clipped to the action box.
   *
   * @param low the action box's lower bounds
   * @param high its upper bounds
   */
  public GaussianNoise(double sigma, LinearSchedule scale, double[] low, double[] high) {
    super(scale, low, high);
    this.sigma = sigma;
  }

  @Override
  protected double noise(int row, int j, double scale, Random rng) {
    return scale * sigma * rng.nextGaussian();
  }
}
