package io.tune4j.rllib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.tune.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RLlib's tuned-example file format: parsing, line numbers, and the shipped regression files. */
class ExperimentFileTest {
  private static final String RAY_CARTPOLE_PPO =
      "cartpole-ppo:\n"
          + "    env: CartPole-v0\n"
          + "    run: PPO\n"
          + "    stop:\n"
          + "        episode_reward_mean: 150\n"
          + "        timesteps_total: 100000\n"
          + "    config:\n"
          + "        num_workers: 1\n"
          + "        batch_mode: complete_episodes\n"
          + "        observation_filter: MeanStdFilter\n";
  private static final String RAY_CARTPOLE_PG =
      "cartpole-pg:\n"
          + "    env: CartPole-v0\n"
          + "    run: PG\n"
          + "    stop:\n"
          + "        episode_reward_mean: 100\n"
          + "        timesteps_total: 100000\n"
          + "    config:\n"
          + "        num_workers: 0\n";

  @Test
  void severalExperimentsKeepFileOrderAndTypes() {
    ExperimentFile f =
        ExperimentFile.parse(
            "x.yaml",
            "b:\n"
                + "  run: PG\n"
                + "  env: CartPole-v0\n"
                + "  config: {lr: 1e-4, gamma: 0.9, num_workers: 0, hidden: [64, 64]}\n"
                + "a:\n"
                + "  run: PPO\n"
                + "  env: CartPole-v0\n"
                + "  config:\n"
                + "    sgd_minibatch_size: {grid_search: [128, 256]}\n");
    assertEquals(List.of("b", "a"), List.copyOf(f.experiments().keySet()));
    Map<?, ?> c = (Map<?, ?>) f.experiments().get("b").get("config");
    assertEquals(1e-4, c.get("lr"), "YAML 1.2 exponent float");
    assertEquals(0.9, c.get("gamma"));
    assertEquals(0, c.get("num_workers"));
    assertEquals(List.of(64, 64), c.get("hidden"));
    assertEquals(
        Map.of("grid_search", List.of(128, 256)),
        ((Map<?, ?>) f.experiments().get("a").get("config")).get("sgd_minibatch_size"));
    assertEquals(5, f.lineOf("a", null));
    assertEquals(9, f.lineOf("a", "config.sgd_minibatch_size"));
    assertEquals(4, f.lineOf("b", "config"));
  }

  @Test
  void jsonFilesAreReadAsJson() {
    ExperimentFile f =
        ExperimentFile.parse("e.json", "{\"e\": {\"run\": \"PG\", \"env\": \"CartPole-v0\"}}");
    assertEquals("PG", f.experiments().get("e").get("run"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExperimentFile.parse("e.json", "{\"e\": {\"run\": \"PG\",\n \"run\": \"PPO\"}}"));
    assertTrue(
        e.getMessage().startsWith("cannot parse e.json at line 2, column 7: Duplicate field 'run'"),
        e.getMessage());
  }

  @Test
  void duplicateYamlKeysAndWrongShapesAreErrors() {
    IllegalArgumentException dup =
        assertThrows(
            IllegalArgumentException.class,
            () -> ExperimentFile.parse("d.yaml", "a:\n  run: PG\n  run: PPO\n"));
    assertTrue(
        dup.getMessage()
            .startsWith("cannot parse d.yaml at line 3, column 3: found duplicate key run"),
        dup.getMessage());
    assertEquals(
        "l.yaml: expected a map of experiment names to experiment specs (RLlib's tuned-example"
            + " format), got a list",
        assertThrows(
                IllegalArgumentException.class, () -> ExperimentFile.parse("l.yaml", "- a\n- b\n"))
            .getMessage());
    assertEquals(
        "s.yaml: experiment 'a' must be a map with run, env, stop, config, ..., got 'PPO'",
        assertThrows(
                IllegalArgumentException.class, () -> ExperimentFile.parse("s.yaml", "a: PPO\n"))
            .getMessage());
    assertEquals(
        "e.yaml has no experiments (the file is empty)",
        assertThrows(
                IllegalArgumentException.class, () -> ExperimentFile.parse("e.yaml", "# nothing\n"))
            .getMessage());
  }

  @Test
  void theShippedRegressionFilesAreRaysAndPassTheChecks() throws Exception {
    Map<String, String> expected =
        Map.of("cartpole-ppo.yaml", RAY_CARTPOLE_PPO, "cartpole-pg.yaml", RAY_CARTPOLE_PG);
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String name = "tuned_examples/regression_tests/" + e.getKey();
      assertEquals(e.getValue(), Files.readString(Path.of("src/main/resources", name)));
      assertEquals(
          e.getValue(),
          Files.readString(Path.of("../examples/src/main/resources", name)),
          "the examples module ships the same file");
      ExperimentFile f = ExperimentFile.read(name);
      assertEquals("classpath:" + name, f.source());
      String exp = e.getKey().replace(".yaml", "");
      RunOptions o = ExperimentCheck.check(exp, f.experiments().get(exp), f);
      assertEquals("CartPole-v0", o.config().get("env"));
    }
  }
}
