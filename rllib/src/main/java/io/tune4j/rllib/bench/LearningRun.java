package io.tune4j.rllib.bench;

import io.tune4j.rllib.agents.Algorithms;
import io.tune4j.rllib.agents.Trainer;
import io.tune4j.tune.trainable.TrainableContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains an algorithm with the Trainer API until a reward bar or a step budget, and reports steps
 * and seconds to the bar (used by the benchmark and by learning checks).
 *
 * @param reachedBar whether {@code episode_reward_mean} reached the bar
 * @param steps env steps sampled when training stopped
 * @param seconds wall-clock seconds including setup
 * @param finalReward the last {@code episode_reward_mean}
 * @param iterations training iterations run
 */
public record LearningRun(boolean reachedBar, long steps, double seconds, double finalReward, int iterations) {

  /** Trains {@code algorithm} on {@code env} until mean reward {@code bar} or {@code maxSteps}. */
  public static LearningRun train(
      String algorithm, String env, Map<String, Object> config, double bar, long maxSteps, boolean print)
      throws Exception {
    long t0 = System.nanoTime();
    Trainer t = Algorithms.create(algorithm);
    Map<String, Object> c = new LinkedHashMap<>(config);
    c.put("env", env);
    t.initialize(c, TrainableContext.detached());
    try {
      double reward = Double.NaN;
      long steps = 0;
      int it = 0;
      while (steps < maxSteps) {
        Map<String, Object> r = t.train();
        it++;
        steps = ((Number) r.get("timesteps_total")).longValue();
        reward = ((Number) r.get("episode_reward_mean")).doubleValue();
        if (print) {
          System.out.printf("  iter %3d  steps %7d  reward %7.2f  %6.1f s%n", it, steps, reward, (System.nanoTime() - t0) / 1e9);
        }
        if (reward >= bar) {
          return new LearningRun(true, steps, (System.nanoTime() - t0) / 1e9, reward, it);
        }
      }
      return new LearningRun(false, steps, (System.nanoTime() - t0) / 1e9, reward, it);
    } finally {
      t.shutdown();
    }
  }
}
