package io.tune4j.rllib.exploration;

import io.tune4j.rllib.models.ActionDistribution;
import java.util.Map;
import java.util.Random;

/**
 * DQN's exploration: with probability ε a uniformly random action, else the greedy one (the
 * argmax of the Q-values, the categorical distribution's deterministic sample). ε falls linearly
 * from {@code initial} to {@code finalEpsilon} over {@code timesteps} (RLlib 2019:
 * {@code exploration_fraction * schedule_max_timesteps}, down to {@code exploration_final_eps}).
 * Only discrete actions: {@code dist.inputSize()} is the number of actions.
 */
public final class EpsilonGreedy implements Exploration {
  private final LinearSchedule schedule;
  private double epsilon;

  /** An ε schedule from {@code initial} to {@code finalEpsilon} over {@code timesteps}. */
  public EpsilonGreedy(double initial, double finalEpsilon, long timesteps) {
    this.schedule = new LinearSchedule(initial, finalEpsilon, timesteps);
    this.epsilon = schedule.value(0);
  }

  /** A fixed ε (APEX's per-worker ε, or evaluation). */
  public static EpsilonGreedy constant(double epsilon) {
    return new EpsilonGreedy(epsilon, epsilon, 0);
  }

  @Override
  public void action(ActionDistribution dist, float[] inputs, int inOff, int row, boolean explore, Random rng, float[] out, int outOff) {
    if (explore && rng.nextDouble() < epsilon) {
      out[outOff] = rng.nextInt(dist.inputSize());
    } else {
      dist.deterministicSample(inputs, inOff, out, outOff);
    }
  }

  @Override
  public void onGlobalTimestep(long timestep) {
    epsilon = schedule.value(timestep);
  }

  /** The current ε. */
  public double epsilon() {
    return epsilon;
  }

  @Override
  public Map<String, Object> stats() {
    return Map.of("cur_epsilon", epsilon);
  }
}
