package io.tune4j.examples;

import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.agents.ppo.PpoTrainer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Java API: train PPO on CartPole-v0 directly, without Tune ({@code bin/tune4j example
 * ppo-api}). The seed page's "Python API" example:
 *
 * <pre>{@code
 * Map<String, Object> config = new HashMap<>(Map.of("num_gpus", 0, "num_workers", 1));
 * PpoTrainer trainer = new PpoTrainer(config, "CartPole-v0");
 * // trainer.restore(path) would load a checkpoint here
 * for (int i = 0; i < 1000; i++) {
 *   Map<String, Object> result = trainer.train();
 *   System.out.println(Trainer.prettyPrint(result));
 *   if (i % 100 == 0) System.out.println("checkpoint saved at " + trainer.save());
 * }
 * }</pre>
 *
 * <p>Arguments: {@code --iterations N} (default 100), {@code --checkpoint-freq N} (save every N
 * iterations, default 10), {@code --restore PATH} (a checkpoint to start from, default none) and
 * {@code --config JSON} (overrides, e.g. {@code '{"train_batch_size": 1000}'}). Training stops
 * early once {@code episode_reward_mean} reaches 195, CartPole-v0's "solved" bar.
 */
public final class PpoApiExample {
  /** CartPole-v0's reward threshold. */
  static final double SOLVED = 195.0;

  private PpoApiExample() {}

  /** What {@link #train} did. */
  record Outcome(Map<String, Object> lastResult, Path lastCheckpoint, int iterations) {}

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    ExampleArgs a =
        ExampleArgs.parse(
            "ppo-api",
            args,
            Map.of("iterations", "100", "checkpoint-freq", "10", "restore", "", "config", "{}"));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("num_gpus", 0);
    config.put("num_workers", 1);
    config.putAll(a.getConfig("config"));
    Outcome o =
        train(
            config,
            a.getInt("iterations"),
            a.getInt("checkpoint-freq"),
            a.getString("restore"),
            null,
            System.out);
    System.out.printf(
        "Done after %d iteration(s): episode_reward_mean %.1f, last checkpoint %s%n",
        o.iterations(), o.lastResult().get("episode_reward_mean"), o.lastCheckpoint());
  }

  /**
   * Trains PPO on CartPole-v0 for at most {@code iterations} iterations, printing every result and
   * saving a checkpoint every {@code checkpointFreq} iterations (and after the last one).
   *
   * @param config overrides of PPO's defaults
   * @param restore a checkpoint to restore first, or empty
   * @param checkpointDir where checkpoints go; null for {@code ~/ray_results/PPO_<random>}
   * @return the last result, the last checkpoint and the iterations run
   */
  static Outcome train(
      Map<String, Object> config,
      int iterations,
      int checkpointFreq,
      String restore,
      Path checkpointDir,
      PrintStream out)
      throws Exception {
    PpoTrainer trainer = new PpoTrainer(config, "CartPole-v0");
    try {
      if (!restore.isEmpty()) {
        trainer.restore(Path.of(restore));
        out.println("restored " + restore + " at iteration " + trainer.iteration());
      }
      Map<String, Object> result = Map.of();
      Path checkpoint = null;
      int i = 0;
      while (i < iterations) {
        result = trainer.train(); // one iteration of PPO
        i++;
        out.println(Trainer.prettyPrint(result));
        if (checkpointFreq > 0 && i % checkpointFreq == 0) {
          checkpoint = checkpointDir == null ? trainer.save() : trainer.save(checkpointDir);
          out.println("checkpoint saved at " + checkpoint);
        }
        if (result.get("episode_reward_mean") instanceof Number r && r.doubleValue() >= SOLVED) {
          break;
        }
      }
      if (checkpointFreq > 0 && (checkpoint == null || i % checkpointFreq != 0)) {
        checkpoint = checkpointDir == null ? trainer.save() : trainer.save(checkpointDir);
        out.println("checkpoint saved at " + checkpoint);
      }
      return new Outcome(result, checkpoint, i);
    } finally {
      trainer.shutdown();
    }
  }
}
