package io.tune4j.examples;

import io.tune4j.rllib.env.Env;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.env.StepResult;
import io.tune4j.rllib.serving.PolicyClient;
import java.util.Map;
import java.util.Random;

/**
 * The client half of RLlib's CartPole serving example ({@code bin/tune4j example cartpole-client}):
 * plays CartPole-v0 locally and asks a {@link io.tune4j.rllib.serving.PolicyServer} for every
 * action over HTTP ({@code bin/tune4j example cartpole-server} runs one), printing each episode's
 * reward.
 *
 * <pre>{@code
 * PolicyClient client = new PolicyClient("http://127.0.0.1:9900");
 * String eid = client.startEpisode(null, true);
 * Object obs = env.reset();
 * Object action = client.getAction(eid, obs);
 * }</pre>
 *
 * <p>Arguments: {@code --port N} (default 9900), {@code --address A} (default 127.0.0.1), {@code
 * --episodes N} (default 100), {@code --off-policy true} (take random actions and log them with
 * {@code LOG_ACTION} instead of asking) and {@code --stop-at-reward R} (stop after an episode of at
 * least R; 0: never).
 */
public final class CartPoleClient {
  private CartPoleClient() {}

  /** Runs the example. */
  public static void main(String[] args) {
    ExampleArgs a = ExampleArgs.parse("cartpole-client", args, Map.of("port", "9900", "address", "127.0.0.1",
        "episodes", "100", "off-policy", "false", "stop-at-reward", "0"));
    PolicyClient client = new PolicyClient("http://" + a.getString("address") + ":" + a.getInt("port"));
    boolean offPolicy = Boolean.parseBoolean(a.getString("off-policy"));
    double stopAt = Double.parseDouble(a.getString("stop-at-reward"));
    int episodes = a.getInt("episodes");
    try {
      play(client, episodes, offPolicy, stopAt, 0, true);
    } catch (java.io.UncheckedIOException | PolicyClient.ServerException e) {
      System.err.println("cartpole-client: the policy server stopped answering: " + e.getMessage());
    }
  }

  /**
   * Plays {@code episodes} CartPole episodes through {@code client}.
   *
   * @return the episodes' total rewards
   */
  static double[] play(PolicyClient client, int episodes, boolean offPolicy, double stopAt, long seed, boolean print) {
    Env env = Envs.make("CartPole-v0");
    env.seed(seed);
    Random rng = new Random(seed);
    double[] totals = new double[episodes];
    for (int ep = 0; ep < episodes; ep++) {
      String eid = client.startEpisode(null, true);
      Object obs = env.reset();
      double total = 0;
      while (true) {
        Object action;
        if (offPolicy) {
          action = rng.nextInt(2);
          client.logAction(eid, obs, action);
        } else {
          action = client.getAction(eid, obs);
        }
        StepResult s = env.step(action);
        obs = s.observation();
        total += s.reward();
        client.logReturns(eid, s.reward(), null);
        if (s.done()) {
          client.endEpisode(eid, obs);
          break;
        }
      }
      totals[ep] = total;
      if (print) {
        System.out.printf("episode %d: total reward %.0f%n", ep + 1, total);
      }
      if (stopAt > 0 && total >= stopAt) {
        System.out.println("reached reward " + stopAt + ", stopping");
        return java.util.Arrays.copyOf(totals, ep + 1);
      }
    }
    return totals;
  }
}
