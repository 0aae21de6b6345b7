package io.tune4j.examples;

import io.tune4j.rllib.agents.ppo.PpoTrainer;
import io.tune4j.rllib.policy.Dl4jPolicy;
import io.tune4j.rllib.policy.LossInspector.LossValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looking inside PPO's loss while it learns ({@code bin/tune4j example loss-inspection}), the
 * Java counterpart of the seed page's "eager mode" debugging: a {@code LossInspector} on the
 * trainer's policy receives, for every SGD minibatch, the loss's per-row values by name. The
 * example trains one iteration and prints the probability ratio π_θ/π_θold and the standardized
 * advantages of the first rows of the first and the last minibatch, with their stats. On the first
 * minibatch the ratio is 1 (the policy has not moved yet); later ones show it move, within the
 * clip range where the clipped objective stops pulling.
 *
 * <pre>{@code
 * ((Dl4jPolicy) trainer.getPolicy()).setLossInspector(v -> System.out.println(
 *     Arrays.toString(v.tensors().get("ratio")) + " " + Arrays.toString(v.tensors().get("advantages"))));
 * trainer.train();
 * }</pre>
 *
 * <p>Arguments: {@code --rows N} rows printed per minibatch (default 8), {@code --config JSON}.
 */
public final class LossInspectionExample {
  private LossInspectionExample() {}

  /** Runs the example. */
  public static void main(String[] args) {
    ExampleArgs a = ExampleArgs.parse("loss-inspection", args, Map.of("rows", "8", "config", "{}"));
    List<LossValues> seen = run(a.getConfig("config"));
    int rows = a.getInt("rows");
    print("first minibatch", seen.get(0), rows);
    print("last minibatch", seen.get(seen.size() - 1), rows);
    System.out.println(seen.size() + " minibatch steps in one train()");
  }

  private static void print(String label, LossValues v, int rows) {
    float[] ratio = v.tensors().get("ratio");
    float[] adv = v.tensors().get("advantages");
    System.out.printf("%s (%d rows): policy_loss %.4f, kl %.5f%n", label, ratio.length,
        v.stats().get("policy_loss"), v.stats().get("kl"));
    System.out.printf("  %8s %10s%n", "ratio", "advantage");
    for (int i = 0; i < Math.min(rows, ratio.length); i++) {
      System.out.printf("  %8.4f %10.4f%n", ratio[i], adv[i]);
    }
  }

  /**
   * Trains one PPO iteration on CartPole and returns what the inspector saw, one entry per SGD
   * minibatch step, in order.
   *
   * @param overrides config keys to add or replace
   * @return the values of every minibatch step
   */
  static List<LossValues> run(Map<String, Object> overrides) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("num_workers", 0);
    config.put("train_batch_size", 1000);
    config.put("sgd_minibatch_size", 250);
    config.put("num_sgd_iter", 4);
    config.put("seed", 1);
    config.putAll(overrides);
    List<LossValues> seen = new ArrayList<>();
    try (PpoTrainer trainer = new PpoTrainer(config, "CartPole-v0")) {
      ((Dl4jPolicy) trainer.getPolicy()).setLossInspector(seen::add);
      trainer.train();
    }
    return seen;
  }
}
