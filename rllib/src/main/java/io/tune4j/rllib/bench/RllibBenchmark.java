package io.tune4j.rllib.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/tune4j bench rllib [section...]}: prints RLlib figures. Sections: {@code ppo}
 * (seconds and steps for PPO to reach mean 195 on CartPole-v0 with RLlib's regression config and
 * with Tune4j's fast config), {@code all} (default).
 */
public final class RllibBenchmark {
  private RllibBenchmark() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    List<String> sections = args.length == 0 ? List.of("ppo") : List.of(args);
    if (sections.contains("ppo") || sections.contains("all")) {
      ppo();
    }
    System.exit(0);
  }

  /** RLlib's cartpole-ppo.yaml config (regression_tests, 9e328fbe6). */
  public static Map<String, Object> rllibRegressionPpo() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("num_workers", 1);
    c.put("batch_mode", "complete_episodes");
    c.put("observation_filter", "MeanStdFilter");
    return c;
  }

  static void ppo() throws Exception {
    System.out.println("== PPO CartPole-v0 to mean reward 195 (last 100 episodes) ==");
    Map<String, Object> rllib = rllibRegressionPpo();
    rllib.put("seed", 1);
    LearningRun r = LearningRun.train("PPO", "CartPole-v0", rllib, 195, 400_000, true);
    System.out.printf("RLlib regression config: reached=%s steps=%d seconds=%.1f reward=%.1f%n",
        r.reachedBar(), r.steps(), r.seconds(), r.finalReward());
  }
}
