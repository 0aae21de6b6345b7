package io.tune4j.rllib.agents;

import java.util.Map;

/** Trains until a mean-reward bar or a step cap, for the learning tests. */
public final class TrainUntil {
  private TrainUntil() {}

  /**
   * How a run ended.
   *
   * @param last the last result
   * @param reward its {@code episode_reward_mean}
   * @param steps its {@code timesteps_total}
   * @param seconds wall-clock seconds of the loop
   */
  public record Run(Map<String, Object> last, double reward, long steps, double seconds) {}

  /** Calls {@code train()} until {@code episode_reward_mean >= bar} or {@code timesteps_total >= cap}. */
  public static Run bar(Trainer t, double bar, long cap) {
    long t0 = System.nanoTime();
    while (true) {
      Map<String, Object> r = t.train();
      double reward = ((Number) r.get("episode_reward_mean")).doubleValue();
      long steps = ((Number) r.get("timesteps_total")).longValue();
      if (reward >= bar || steps >= cap) { // NaN (no episode yet) keeps going
        return new Run(r, reward, steps, (System.nanoTime() - t0) / 1e9);
      }
    }
  }
}
