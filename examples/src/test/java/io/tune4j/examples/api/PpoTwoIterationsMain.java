package io.tune4j.examples.api;

import io.tune4j.rllib.agents.ppo.PpoTrainer;
import java.util.Map;

/** A user's program: PPO for two iterations in try-with-resources, and no {@code System.exit}. */
public final class PpoTwoIterationsMain {
  private PpoTwoIterationsMain() {}

  /** Trains and returns. */
  public static void main(String[] args) {
    try (PpoTrainer trainer =
        new PpoTrainer(Map.of("num_workers", 1, "train_batch_size", 400, "sgd_minibatch_size", 100, "num_sgd_iter", 2), "CartPole-v0")) {
      for (int i = 0; i < 2; i++) {
        Map<String, Object> r = trainer.train();
        System.out.println("iteration " + r.get("training_iteration") + " timesteps " + r.get("timesteps_total"));
      }
    }
    System.out.println("DONE");
  }
}
