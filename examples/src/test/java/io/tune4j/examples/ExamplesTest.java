package io.tune4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dispatcher and the argument parser, without Ray. */
class ExamplesTest {

  private static String stderrOf(String... args) throws Exception {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertEquals(2, Examples.run(args));
    } finally {
      System.setErr(old);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyExampleOfTheSeedPageIsDispatchedByName() {
    for (String name :
        List.of(
            "ppo-api",
            "tune-ppo-sweep",
            "custom-train-fn",
            "custom-workflow",
            "policy-state",
            "global-counter",
            "custom-metrics",
            "curriculum-trainer",
            "curriculum-callbacks",
            "sweep")) {
      assertTrue(Examples.EXAMPLES.containsKey(name), name);
    }
  }

  @Test
  void theServingPairPlaysOverHttpAndTheServerTrains() throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Thread server = new Thread(() -> {
      try {
        CartPoleServer.main(new String[] {"--port", String.valueOf(port), "--iterations", "1"});
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    server.start();
    io.tune4j.rllib.serving.PolicyClient client = null;
    double[] rewards = null;
    for (int attempt = 0; attempt < 100 && rewards == null; attempt++) {
      try {
        client = new io.tune4j.rllib.serving.PolicyClient("http://127.0.0.1:" + port);
        // One PPO iteration is 2,000 steps: enough episodes to fill it.
        rewards = CartPoleClient.play(client, 200, false, 0, 1, false);
      } catch (java.io.UncheckedIOException e) {
        if (rewards == null && server.isAlive() && attempt < 99) {
          Thread.sleep(100); // the server is still starting
          continue;
        }
        break;
      } catch (io.tune4j.rllib.serving.PolicyClient.ServerException e) {
        break; // the server finished its iteration and closed
      }
    }
    server.join(60_000);
    assertFalse(server.isAlive(), "the server ends after --iterations 1");
  }

  @Test
  void unknownNamesAndBadFlagsExitWithTwoAndSayWhy() throws Exception {
    String unknown = stderrOf("ppo-apii");
    assertTrue(
        unknown.contains("Unknown example 'ppo-apii'") && unknown.contains("ppo-api "), unknown);
    String flag = stderrOf("policy-state", "--iteration", "2");
    assertTrue(
        flag.contains("policy-state: unknown argument '--iteration'")
            && flag.contains("--iterations 1"),
        flag);
    String number = stderrOf("ppo-api", "--iterations", "many");
    assertEquals("ppo-api: --iterations must be an integer, got 'many'\n", number);
    String json = stderrOf("ppo-api", "--config", "[1]");
    assertTrue(json.startsWith("ppo-api: --config must be a JSON object, got '[1]'"), json);
    String thresholds = stderrOf("curriculum-trainer", "--thresholds", "100");
    assertTrue(thresholds.contains("--thresholds must be two numbers LOW,HIGH"), thresholds);
  }

  @Test
  void argsKeepDefaultsAndParseValues() {
    ExampleArgs a =
        ExampleArgs.parse(
            "x",
            new String[] {"--n", "3", "--config", "{\"lr\": 0.5}"},
            Map.of("n", "1", "d", "2.5", "config", "{}"));
    assertEquals(3, a.getInt("n"));
    assertEquals(2.5, a.getDouble("d"));
    assertEquals(Map.of("lr", 0.5), a.getConfig("config"));
    Exception e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExampleArgs.parse("x", new String[] {"--n"}, Map.of("n", "1")));
    assertEquals("x: '--n' needs a value", e.getMessage());
  }
}
