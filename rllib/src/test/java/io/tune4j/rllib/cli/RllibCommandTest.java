package io.tune4j.rllib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help, version, and the exact message and exit code of usage and input errors (no Ray). */
class RllibCommandTest {
  @TempDir Path dir;

  @Test
  void topLevelHelpListsBothCommands() {
    Cli r = Cli.rllib("--help");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("Usage: rllib [-hV] [COMMAND]"), r.out());
    for (String s :
        List.of("train", "rollout", "--version", "Exit codes: 0 done, 1 a trial failed, 2 usage")) {
      assertTrue(r.out().contains(s), s + " in\n" + r.out());
    }
  }

  @Test
  void trainHelpListsRllibsFlags() {
    Cli r = Cli.rllib("train", "--help");
    assertEquals(0, r.code(), r.toString());
    for (String flag :
        List.of(
            "--run=ALGO",
            "--env=ENV",
            "--config=JSON",
            "--stop=JSON",
            "-f, --config-file=FILE",
            "--checkpoint-freq=N",
            "--checkpoint-at-end",
            "--num-samples=N",
            "--local-dir=DIR",
            "--experiment-name=NAME",
            "--restore=CHECKPOINT",
            "--resources-per-trial=JSON",
            "--ray-address, --redis-address=ADDRESS",
            "--ray-num-cpus=N",
            "--ray-num-gpus=N",
            "-v, --verbose",
            "--seed=SEED",
            "--max-failures=N",
            "Note that -f overrides all trial-specific options")) {
      assertTrue(r.out().contains(flag), flag + " in\n" + r.out());
    }
  }

  @Test
  void rolloutHelpListsRllibsFlags() {
    Cli r = Cli.rllib("rollout", "-h");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().startsWith("Usage: rllib rollout "), r.out());
    for (String flag :
        List.of(
            "CHECKPOINT",
            "--run=ALGO",
            "--env=ENV",
            "--steps=N",
            "--episodes=N",
            "--out=FILE",
            "--config=JSON",
            "--no-explore",
            "--no-render",
            "[obs, action, next_obs, reward, done]")) {
      assertTrue(r.out().contains(flag), flag + " in\n" + r.out());
    }
  }

  @Test
  void versionPrintsTune4jAndItsVersion() {
    Cli r = Cli.rllib("--version");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().matches("Tune4j \\d+\\.\\d+\\.\\d+.*\\R"), r.out());
    assertEquals(r.out(), Cli.rllib("train", "-V").out());
  }

  @Test
  void anUnknownFlagIsAUsageErrorWithASuggestion() {
    Cli r = Cli.rllib("train", "--run", "PPO", "--env", "CartPole-v0", "--checkpoint-frq", "5");
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertEquals(
        "rllib train: Unknown options: '--checkpoint-frq', '5'\n"
            + "Possible solutions: --checkpoint-freq, --checkpoint-at-end, --checkpoint-score-attr\n"
            + "Try 'rllib train --help' for more information.\n",
        r.err().replace("\r\n", "\n"));
  }

  @Test
  void aBadSchedulerIsRejectedBeforeRayStarts() {
    Cli r = Cli.rllib("train", "--run", "PPO", "--env", "CartPole-v0", "--scheduler", "Hyperband2");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("--scheduler Hyperband2") && r.err().contains("HyperBand"), r.err());
    Cli bad = Cli.rllib("train", "--run", "PPO", "--env", "CartPole-v0", "--scheduler", "AsyncHyperBand",
        "--scheduler-config", "{\"grace_periodd\": 5}");
    assertEquals(2, bad.code(), bad.toString());
    assertTrue(bad.err().contains("grace_periodd"), bad.err());
  }

  @Test
  void queueTrialsSaysItIsNotSupportedYet() {
    Cli r = Cli.rllib("train", "--run", "PPO", "--env", "CartPole-v0", "--queue-trials");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("--queue-trials is not supported yet"), r.err());
  }

  @Test
  void noCommandPrintsUsageAndExits2() {
    Cli r = Cli.rllib();
    assertEquals(2, r.code());
    assertTrue(
        r.err().startsWith("rllib: missing command: train, rollout or stack\nUsage: rllib"), r.err());
  }

  @Test
  void badConfigJsonNamesTheFlagAndPosition() {
    Cli r =
        Cli.rllib("train", "--run", "PPO", "--env", "CartPole-v0", "--config", "{num_workers: 2}");
    assertEquals(2, r.code(), r.toString());
    assertTrue(
        r.err()
            .startsWith(
                "rllib train: Invalid value for option '--config': not valid JSON (line 1, column"
                    + " 2): Unexpected character ('n' (code 110)): was expecting double-quote to"
                    + " start field name\n"),
        r.err());
    Cli arr = Cli.rllib("train", "--run", "PPO", "--env", "CartPole-v0", "--stop", "[1]");
    assertEquals(2, arr.code());
    assertTrue(
        arr.err()
            .startsWith(
                "rllib train: Invalid value for option '--stop': must be a JSON"
                    + " object like '{\"key\": 1}', got an array\n"),
        arr.err());
  }

  @Test
  void anUnknownAlgorithmNamesTheClosest() {
    Cli r = Cli.rllib("train", "--run", "PPOO", "--env", "CartPole-v0");
    assertEquals(2, r.code(), r.toString());
    assertTrue(
        r.err()
            .startsWith("rllib train: unknown algorithm 'PPOO'; did you mean 'PPO'? (available: "),
        r.err());
    assertEquals(1, r.err().lines().count(), "one line without -v: " + r.err());
  }

  @Test
  void missingRunOrEnvIsAUsageError() {
    assertEquals(
        "rllib train: missing --run ALGO (e.g. --run PPO), or give -f FILE\n",
        Cli.rllib("train", "--env", "CartPole-v0").err());
    Cli r = Cli.rllib("train", "--run", "PG");
    assertEquals(2, r.code());
    assertEquals(
        "rllib train: missing --env ENV (e.g. --env CartPole-v0), or give -f FILE\n", r.err());
  }

  @Test
  void anUnknownEnvGetsTheRegistrysMessage() {
    Cli r = Cli.rllib("train", "--run", "PG", "--env", "CartPole-v9");
    assertEquals(2, r.code(), r.toString());
    assertTrue(
        r.err()
            .startsWith(
                "rllib train: Unknown env id 'CartPole-v9'. Closest registered ids: CartPole-v0"),
        r.err());
  }

  @Test
  void aMissingRestoreAndAConflictingEnvExit2BeforeRayStarts() {
    Cli r = Cli.rllib("train", "--run", "PPO", "--env", "CartPole-v0", "--local-dir", dir.toString(),
        "--restore", dir.resolve("nope/checkpoint-3").toString());
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("--restore") && r.err().contains("checkpoint file not found"), r.toString());
    Cli e = Cli.rllib("train", "--run", "PPO", "--env", "CartPole-v0", "--local-dir", dir.toString(),
        "--config", "{\"env\": \"MountainCar-v0\"}");
    assertEquals(2, e.code(), e.toString());
    assertTrue(e.err().contains("--env CartPole-v0 and --config's \"env\": MountainCar-v0 disagree"), e.toString());
    assertTrue(!Files.exists(dir.resolve("default")), "nothing ran");
  }

  @Test
  void badValuesAndUnsupportedKeysExit2BeforeRayStarts() {
    String[][] cases = {
      {"{\"num_workers\": -1}", "rllib train: PPO: config key 'num_workers' must be >= 0, got -1"},
      {"{\"batch_mode\": \"complete\"}", "rllib train: PPO: config key 'batch_mode' must be one of"},
      {"{\"sample_async\": true}", "rllib train: PPO: config key 'sample_async' = true is not supported yet"},
      {"{\"output\": 7}", "rllib train: PPO: config key 'output' must be a directory, got 7"},
      {"{\"input\": \"/nonexistent/*.json\", \"input_evaluation\": [\"simulation\"]}",
          "rllib train: PPO: config key 'input_evaluation' entry 'simulation' is not supported yet"},
      {"{\"log_level\": \"LOUD\"}", "rllib train: PPO: config key 'log_level' must be one of DEBUG, INFO, WARN, ERROR"},
    };
    for (String[] c : cases) {
      Cli r = Cli.rllib("train", "--run", "PPO", "--env", "CartPole-v0", "--local-dir", dir.toString(), "--config", c[0]);
      assertEquals(2, r.code(), r.toString());
      assertTrue(r.err().startsWith(c[1]), r.toString());
      assertTrue(!Files.exists(dir.resolve("default")), "nothing ran for " + c[0]);
    }
  }

  @Test
  void anUnknownConfigKeyIsReportedByTheTrainerBeforeAnythingRuns() {
    Cli r =
        Cli.rllib(
            "train",
            "--run",
            "PPO",
            "--env",
            "CartPole-v0",
            "--local-dir",
            dir.toString(),
            "--config",
            "{\"num_worker\": 0}");
    assertEquals(2, r.code(), r.toString());
    assertTrue(
        r.err()
            .startsWith(
                "rllib train: PPO: unknown config key 'num_worker'; did you mean 'num_workers'?"),
        r.err());
    assertTrue(Files.notExists(dir.resolve("default")), "nothing ran");
  }

  @Test
  void aBadValueInsideAGridSearchIsFoundUpFront() {
    Cli r =
        Cli.rllib(
            "train",
            "--run",
            "PG",
            "--env",
            "CartPole-v0",
            "--config",
            "{\"lr\": {\"grid_search\": [0.01, \"fast\"]}}");
    assertEquals(2, r.code(), r.toString());
    assertTrue(
        r.err()
            .startsWith("rllib train: PG: config key 'lr' must be a number, got 'fast' (String)"),
        r.err());
  }

  @Test
  void badResourcesPerTrialAreFoundUpFront() {
    Cli r =
        Cli.rllib(
            "train", "--run", "PG", "--env", "CartPole-v0", "--resources-per-trial", "{\"cpus\": 2}");
    assertEquals(2, r.code(), r.toString());
    assertTrue(
        r.err()
            .startsWith(
                "rllib train: experiment 'default': unknown key 'resources_per_trial.cpus'"),
        r.err());
  }

  @Test
  void aYamlSyntaxErrorNamesTheFileAndLine() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("bad.yaml"),
            "cartpole-ppo:\n"
                + "    env: CartPole-v0\n"
                + "    run: PPO\n"
                + "    stop: {episode_reward_mean: 150\n"
                + "    config:\n");
    Cli r = Cli.rllib("train", "-f", f.toString());
    assertEquals(2, r.code(), r.toString());
    assertTrue(
        r.err().startsWith("rllib train: cannot parse " + f + " at line 5, column 11: "), r.err());
  }

  @Test
  void anUnknownExperimentKeyInAFileNamesItsLine() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("typo.yaml"),
            "a:\n"
                + "  env: CartPole-v0\n"
                + "  run: PG\n"
                + "b:\n"
                + "  env: CartPole-v0\n"
                + "  run: PG\n"
                + "  stopp: {training_iteration: 1}\n");
    Cli r = Cli.rllib("train", "-f", f.toString());
    assertEquals(2, r.code(), r.toString());
    assertTrue(
        r.err()
            .startsWith(
                "rllib train: "
                    + f
                    + ":7: experiment 'b': unknown key 'stopp'; did you mean 'stop'?"),
        r.err());
  }

  @Test
  void anUnknownConfigKeyInAFileNamesItsLine() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("cfg.yaml"),
            "a:\n  env: CartPole-v0\n  run: PG\n  config:\n    num_workers: 0\n    lrr: 0.01\n");
    Cli r = Cli.rllib("train", "-f", f.toString());
    assertEquals(2, r.code(), r.toString());
    assertTrue(
        r.err()
            .startsWith(
                "rllib train: " + f + ":6: PG: unknown config key 'lrr'; did you mean 'lr'?"),
        r.err());
  }

  @Test
  void aMissingFileIsAnInputError() {
    Cli r = Cli.rllib("train", "-f", dir.resolve("nope.yaml").toString());
    assertEquals(2, r.code());
    assertEquals(
        "rllib train: experiment file not found: " + dir.resolve("nope.yaml") + "\n", r.err());
  }

  @Test
  void trialOptionsGivenWithFileAreNamedInAWarning() throws Exception {
    Path f = Files.writeString(dir.resolve("x.yaml"), "a:\n  env: CartPole-v9\n  run: PG\n");
    Cli r = Cli.rllib("train", "-f", f.toString(), "--run", "PPO", "--stop", "{}");
    assertEquals(2, r.code(), r.toString());
    assertTrue(
        r.err()
            .startsWith(
                "rllib train: warning: -f overrides trial-specific options; ignoring --run,"
                    + " --stop\n"
                    + "rllib train: "
                    + f
                    + ":2: Unknown env id 'CartPole-v9'"),
        r.err());
  }

  @Test
  void rolloutOfAMissingCheckpointIsAnInputError() {
    Path missing = dir.resolve("checkpoint_1/checkpoint-1");
    Cli r =
        Cli.rllib(
            "rollout", missing.toString(), "--run", "PPO", "--env", "CartPole-v0", "--steps", "10");
    assertEquals(2, r.code(), r.toString());
    assertEquals("rllib rollout: checkpoint file not found: " + missing + "\n", r.err());
  }

  @Test
  void rolloutOfACorruptCheckpointIsAnInputError() throws Exception {
    Path junk = Files.writeString(dir.resolve("checkpoint-3"), "not a checkpoint at all");
    Cli r = Cli.rllib("rollout", junk.toString(), "--steps", "10");
    assertEquals(2, r.code(), r.toString());
    assertEquals("rllib rollout: not a Tune4j trainer checkpoint: " + junk + "\n", r.err());
    Cli v = Cli.rllib("rollout", junk.toString(), "--steps", "10", "-v");
    assertTrue(
        v.err().contains("\tat io.tune4j.rllib.agents.TrainerCheckpoint.read"),
        "-v adds the trace: " + v.err());
  }

  @Test
  void rolloutWithAnUnknownAlgorithmNamesTheClosest() {
    Cli r = Cli.rllib("rollout", "x", "--run", "pg");
    assertEquals(2, r.code());
    assertTrue(
        r.err().startsWith("rllib rollout: unknown algorithm 'pg'; did you mean 'PG'?"), r.err());
  }

  @Test
  void rolloutNeedsAPositiveStepOrEpisodeLimit() {
    Cli r = Cli.rllib("rollout", "x", "--steps", "0");
    assertEquals(2, r.code());
    assertEquals(
        "rllib rollout: --steps and --episodes must be >= 0 and one of them > 0, got 0 and 0\n",
        r.err());
  }
}
