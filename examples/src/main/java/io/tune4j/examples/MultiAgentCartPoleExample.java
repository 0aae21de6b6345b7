package io.tune4j.examples;

import io.tune4j.rllib.agents.ppo.PpoTrainer;
import io.tune4j.rllib.bench.RllibBenchmark;
import io.tune4j.rllib.env.MultiAgentEnvCreator;
import io.tune4j.rllib.policy.PolicyMapping;
import io.tune4j.rllib.policy.PolicySpec;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-agent training ({@code bin/tune4j example multi-agent-cartpole}): four CartPoles as the
 * agents of one env, agents "0" and "2" acting for PPO policy {@code ppo_a}, "1" and "3" for
 * {@code ppo_b} (a smaller network). The trainer samples all agents together, batches each
 * policy's actions, and trains every policy on its own agents' experience:
 *
 * <pre>{@code
 * Map<String, Object> config = new HashMap<>(Map.of(
 *     "env", (MultiAgentEnvCreator) ctx -> new MultiAgentCartPole(4),
 *     "multiagent", Map.of(
 *         "policies", Map.of(
 *             "ppo_a", PolicySpec.of(Map.of()),
 *             "ppo_b", PolicySpec.of(Map.of("model", Map.of("fcnet_hiddens", List.of(32))))),
 *         "policy_mapping_fn", (PolicyMapping) agent -> Integer.parseInt(agent) % 2 == 0 ? "ppo_a" : "ppo_b")));
 * try (PpoTrainer trainer = new PpoTrainer(config, null)) {
 *   Map<String, Object> result = trainer.train();   // result.policy_reward_mean.ppo_a, .ppo_b
 * }
 * }</pre>
 *
 * <p>Arguments: {@code --agents N} (default 4), {@code --iterations N} (default 30), {@code
 * --train-only ID} (only this policy learns; default both) and {@code --config JSON}. Stops once
 * every trained policy's mean reward per agent reaches 150.
 */
public final class MultiAgentCartPoleExample {
  private MultiAgentCartPoleExample() {}

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    ExampleArgs a = ExampleArgs.parse("multi-agent-cartpole", args,
        Map.of("agents", "4", "iterations", "30", "train-only", "", "config", "{}"));
    Map<String, Object> config = config(a.getInt("agents"), a.getString("train-only"));
    config.putAll(a.getConfig("config"));
    Map<String, Object> last = train(config, a.getInt("iterations"), 150, System.out);
    System.out.println("policy_reward_mean " + last.get("policy_reward_mean") + " after "
        + last.get("timesteps_total") + " env steps");
  }

  /**
   * The example's config: Tune4j's fast CartPole PPO settings, {@code agents} CartPoles, two
   * policies, and {@code policies_to_train} = {@code trainOnly} when not empty.
   */
  static Map<String, Object> config(int agents, String trainOnly) {
    Map<String, Object> config = new LinkedHashMap<>(RllibBenchmark.fastPpo());
    config.put("num_workers", 0);
    config.put("num_envs_per_worker", 2);
    config.put("sample_batch_size", 200);
    config.put("env", (MultiAgentEnvCreator) ctx -> new MultiAgentCartPole(agents));
    Map<String, Object> multiagent = new LinkedHashMap<>();
    multiagent.put("policies", Map.of(
        "ppo_a", PolicySpec.of(Map.of()),
        "ppo_b", PolicySpec.of(Map.of("model", Map.of("fcnet_hiddens", List.of(32))))));
    multiagent.put("policy_mapping_fn", (PolicyMapping) agent -> Integer.parseInt(agent) % 2 == 0 ? "ppo_a" : "ppo_b");
    if (!trainOnly.isEmpty()) {
      multiagent.put("policies_to_train", List.of(trainOnly));
    }
    config.put("multiagent", multiagent);
    return config;
  }

  /**
   * Trains until every trained policy's {@code policy_reward_mean} reaches {@code bar} or {@code
   * iterations} pass; prints one line per iteration and returns the last result.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> train(Map<String, Object> config, int iterations, double bar, PrintStream out) {
    try (PpoTrainer trainer = new PpoTrainer(config, null)) {
      Map<String, Object> result = Map.of();
      List<String> trained = trainer.workers().localWorker().policiesToTrain();
      for (int i = 0; i < iterations; i++) {
        result = trainer.train();
        Map<String, Double> rewards = (Map<String, Double>) result.get("policy_reward_mean");
        out.printf("iter %d: %d env steps, episode_reward_mean %.1f, policy_reward_mean %s%n", i + 1,
            ((Number) result.get("timesteps_total")).longValue(), result.get("episode_reward_mean"), rewards);
        if (trained.stream().allMatch(id -> rewards.getOrDefault(id, 0.0) >= bar)) {
          break;
        }
      }
      return result;
    }
  }

}
