package io.tune4j.examples;

import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.agents.dqn.DqnTrainer;
import io.tune4j.rllib.agents.ppo.PpoTrainer;
import io.tune4j.rllib.bench.RllibBenchmark;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.env.ExternalEnv;
import io.tune4j.rllib.env.classic.CartPole;
import io.tune4j.rllib.serving.PolicyServer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The serving half of RLlib's CartPole serving example ({@code bin/tune4j example cartpole-server}):
 * a trainer whose env is an {@link ExternalEnv} behind a JSON {@link PolicyServer}, so episodes come
 * only from clients over HTTP ({@code bin/tune4j example cartpole-client}). It trains while it
 * serves and prints each result.
 *
 * <pre>{@code
 * ExternalEnv env = new ExternalEnv(cartPole.actionSpace(), cartPole.observationSpace(), 100);
 * Envs.register("cartpole-serving", ctx -> env);
 * try (PolicyServer server = PolicyServer.start(env, "127.0.0.1", 9900);
 *     PpoTrainer trainer = new PpoTrainer(Map.of("num_workers", 0), "cartpole-serving")) {
 *   while (true) System.out.println(Trainer.prettyPrint(trainer.train()));
 * }
 * }</pre>
 *
 * <p>Arguments: {@code --port N} (default 9900), {@code --address A} (default 127.0.0.1), {@code
 * --run PPO|DQN} (default PPO; DQN with RLlib's example settings), {@code --iterations N} (0, the
 * default: serve until killed) and {@code --stop-reward R} (end once the mean reward reaches R; 0:
 * never).
 */
public final class CartPoleServer {
  private CartPoleServer() {}

  /** The trainer config for {@code run} on the serving env. */
  static Map<String, Object> config(String run) {
    Map<String, Object> c = new LinkedHashMap<>();
    switch (run) {
      case "PPO" -> {
        c.putAll(RllibBenchmark.fastPpo());
        c.put("num_envs_per_worker", 1);
        c.put("sample_batch_size", 200);
      }
      case "DQN" -> {
        // RLlib's cartpole_server.py settings.
        c.put("exploration_fraction", 0.01);
        c.put("learning_starts", 100);
        c.put("timesteps_per_iteration", 200);
      }
      default -> throw new IllegalArgumentException("cartpole-server: --run must be PPO or DQN, got '" + run + "'");
    }
    c.put("num_workers", 0);
    return c;
  }

  /** A CartPole-shaped external env with at most {@code maxConcurrent} episodes. */
  static ExternalEnv env(int maxConcurrent) {
    CartPole probe = new CartPole();
    return new ExternalEnv(probe.actionSpace(), probe.observationSpace(), maxConcurrent);
  }

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    ExampleArgs a = ExampleArgs.parse("cartpole-server", args, Map.of("port", "9900", "address", "127.0.0.1",
        "run", "PPO", "iterations", "0", "stop-reward", "0"));
    String run = a.getString("run");
    Map<String, Object> config = config(run);
    ExternalEnv env = env(100);
    Envs.register("cartpole-serving", ctx -> env);
    int iterations = a.getInt("iterations");
    double stop = Double.parseDouble(a.getString("stop-reward"));
    try (PolicyServer server = PolicyServer.start(env, a.getString("address"), a.getInt("port"));
        Trainer trainer = run.equals("PPO") ? new PpoTrainer(config, "cartpole-serving")
            : new DqnTrainer(config, "cartpole-serving")) {
      System.out.println("serving " + run + " at " + server.url() + " (POST JSON commands to /)");
      for (int i = 1; iterations == 0 || i <= iterations; i++) {
        Map<String, Object> r = trainer.train();
        System.out.printf("iteration %d: episode_reward_mean %.1f, episodes_this_iter %s, timesteps_total %s%n", i,
            ((Number) r.get("episode_reward_mean")).doubleValue(), r.get("episodes_this_iter"),
            r.get("timesteps_total"));
        if (stop > 0 && ((Number) r.get("episode_reward_mean")).doubleValue() >= stop) {
          System.out.println("reached mean reward " + stop);
          break;
        }
      }
    } finally {
      env.close();
    }
  }
}
