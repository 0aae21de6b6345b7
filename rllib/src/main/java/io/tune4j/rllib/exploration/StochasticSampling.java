package io.tune4j.rllib.exploration;

import io.tune4j.rllib.models.ActionDistribution;
import java.util.Random;

/** Samples from the action distribution (the on-policy default: PPO, PG, A3C, IMPALA). */
public final class StochasticSampling implements Exploration {
  @Override
  public void action(ActionDistribution dist, float[] inputs, int inOff, int row, boolean explore, Random rng, float[] out, int outOff) {
    if (explore) {
      dist.sample(inputs, inOff, rng, out, outOff);
    } else {
      dist.deterministicSample(inputs, inOff, out, outOff);
    }
  }
}
