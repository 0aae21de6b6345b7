package io.tune4j.rllib.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * RLlib's learning regression tests: each YAML in {@code regression/} runs through Tune (trainer
 * and rollout-worker actors in Ray LOCAL mode) and must end with {@code episode_reward_mean} at or
 * above its stop value before its timestep cap, seeded.
 */
@Tag("learning")
@Tag("ray")
class RegressionTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"cartpole-ppo.yaml", "cartpole-pg.yaml", "cartpole-dqn.yaml", "cartpole-dqn-defaults.yaml",
      "pendulum-ddpg.yaml", "pendulum-ppo.yaml"})
  void reachesTheRewardBarWithinTheTimestepCap(String file) throws Exception {
    run(file);
  }

  @SuppressWarnings("unchecked")
  private void run(String file) throws Exception {
    Map<String, Object> experiments;
    try (InputStream in = getClass().getResourceAsStream("/regression/" + file)) {
      experiments = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    }
    for (Map.Entry<String, Object> e : experiments.entrySet()) {
      Map<String, Object> spec = (Map<String, Object>) e.getValue();
      Map<String, Object> stop = (Map<String, Object>) spec.get("stop");
      double bar = ((Number) stop.get("episode_reward_mean")).doubleValue();
      long cap = ((Number) stop.get("timesteps_total")).longValue();
      long t0 = System.nanoTime();
      ExperimentAnalysis a = Tune.run(RunOptions.fromMap(e.getKey(), spec).localDir(dir).verbose(1));
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertEquals(1, a.trials().size());
      TrialResult t = a.trials().get(0);
      double reward = ((Number) t.lastResult().get("episode_reward_mean")).doubleValue();
      long steps = ((Number) t.lastResult().get("timesteps_total")).longValue();
      System.out.printf("REGRESSION %s: reward %.1f after %d steps, %.1f s (bar %.0f within %d)%n",
          file, reward, steps, seconds, bar, cap);
      assertTrue(reward >= bar, file + ": reward " + reward + " < " + bar + " after " + steps + " steps");
      assertTrue(steps <= cap + 5000, file + ": " + steps + " steps");
    }
  }
}
