package io.tune4j.rllib.exploration;

import java.io.Serializable;

/**
 * RLlib's {@code LinearSchedule}: {@code initial} at timestep 0, moving linearly to {@code
 * finalValue} at {@code timesteps}, then constant.
 *
 * @param initial the value at timestep 0
 * @param finalValue the value from {@code timesteps} on
 * @param timesteps the length of the ramp (0: {@code finalValue} at once)
 */
public record LinearSchedule(double initial, double finalValue, long timesteps) implements Serializable {
  /** The value at {@code t}. */
  public double value(long t) {
    if (timesteps <= 0 || t >= timesteps) {
      return finalValue;
    }
    double frac = Math.max(0, t) / (double) timesteps;
    return initial + frac * (finalValue - initial);
  }
}
