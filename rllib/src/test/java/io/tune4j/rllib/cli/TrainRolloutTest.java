package io.tune4j.rllib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real, short {@code rllib train} through Tune (Ray LOCAL mode), then {@code rllib rollout}. */
@Tag("ray")
class TrainRolloutTest {
  @TempDir Path dir;

  @Test
  void trainWritesResultsAndACheckpointThatRolloutReplays() throws Exception {
    Cli train =
        Cli.rllib(
            "train",
            "--run",
            "PG",
            "--env",
            "CartPole-v0",
            "--stop",
            "{\"training_iteration\": 1}",
            "--config",
            "{\"num_workers\": 0, \"train_batch_size\": 200}",
            "--local-dir",
            dir.toString(),
            "--checkpoint-at-end",
            "--seed",
            "3");
    assertEquals(0, train.code(), train.toString());
    assertEquals("", train.err(), train.toString());
    List<Path> trials;
    try (Stream<Path> s = Files.list(dir.resolve("default"))) {
      trials = s.filter(p -> p.getFileName().toString().startsWith("PG_CartPole-v0_0")).toList();
    }
    assertEquals(1, trials.size(), "one trial dir under default/: " + trials);
    Path trial = trials.get(0);
    List<String> results = Files.readAllLines(trial.resolve("result.json"));
    assertEquals(1, results.size());
    JsonNode r = new ObjectMapper().readTree(results.get(0));
    assertEquals(1, r.get("training_iteration").asInt());
    assertTrue(r.get("timesteps_total").asLong() >= 200, results.get(0));
    assertEquals(3, r.get("config").get("seed").asInt(), "--seed lands in the config");
    Path ckpt = trial.resolve("checkpoint_1/checkpoint-1");
    assertTrue(Files.isRegularFile(ckpt), "checkpoint at " + ckpt);

    Cli wrongEnv = Cli.rllib("rollout", ckpt.toString(), "--run", "PG", "--env", "MountainCar-v0", "--steps", "10");
    assertEquals(2, wrongEnv.code(), wrongEnv.toString());
    assertTrue(wrongEnv.err().contains("--env MountainCar-v0 does not fit the checkpoint: its policy was trained on"
        + " CartPole-v0"), wrongEnv.toString());
    Cli wrongRun = Cli.rllib("train", "--run", "PPO", "--env", "CartPole-v0", "--restore", ckpt.toString(),
        "--local-dir", dir.resolve("again").toString());
    assertEquals(2, wrongRun.code(), wrongRun.toString());
    assertTrue(wrongRun.err().contains("was written by PG, not PPO; use --run PG"), wrongRun.toString());

    Path out = dir.resolve("rollouts.jsonl");
    Cli rollout =
        Cli.rllib(
            "rollout",
            ckpt.toString(),
            "--run",
            "PG",
            "--env",
            "CartPole-v0",
            "--steps",
            "300",
            "--out",
            out.toString());
    assertEquals(0, rollout.code(), rollout.toString());
    List<String> lines = rollout.out().lines().toList();
    assertTrue(
        !lines.isEmpty() && lines.stream().allMatch(l -> l.matches("Episode reward \\d+\\.0")),
        rollout.out());
    double total = lines.stream().mapToDouble(l -> Double.parseDouble(l.substring(15))).sum();
    assertEquals(300.0, total, "CartPole pays 1 per step, so the rewards add up to --steps");
    List<String> steps = Files.readAllLines(out);
    assertEquals(300, steps.size());
    JsonNode first = new ObjectMapper().readTree(steps.get(0));
    assertEquals(5, first.size(), steps.get(0));
    assertEquals(4, first.get(0).size(), "CartPole obs");
    assertTrue(first.get(1).isInt(), "Discrete action");
    assertEquals(1.0, first.get(3).asDouble());

    Cli episodes =
        Cli.rllib(
            "rollout",
            trial.resolve("checkpoint_1").toString(),
            "--episodes",
            "2",
            "--steps",
            "0",
            "--no-explore");
    assertEquals(0, episodes.code(), episodes.toString());
    assertEquals(
        2,
        episodes.out().lines().count(),
        "run and env come from the checkpoint: " + episodes.out());

    Cli wrong = Cli.rllib("rollout", ckpt.toString(), "--run", "PPO", "--steps", "10");
    assertEquals(2, wrong.code());
    assertEquals(
        "rllib rollout: checkpoint " + ckpt + " was written by PG, not PPO; use --run PG\n",
        wrong.err());

    Cli badKey = Cli.rllib("rollout", ckpt.toString(), "--steps", "10", "--config", "{\"lrr\": 1}");
    assertEquals(2, badKey.code());
    assertTrue(
        badKey.err().startsWith("rllib rollout: PG: unknown config key 'lrr'; did you mean 'lr'?"),
        badKey.err());
  }

  @Test
  void everyExperimentOfAFileRunsInTurn() throws Exception {
    String exp =
        "  env: CartPole-v0\n  run: PG\n  local_dir: "
            + dir
            + "\n"
            + "  stop: {training_iteration: 1}\n"
            + "  config: {num_workers: 0, train_batch_size: 100}\n";
    Path f = Files.writeString(dir.resolve("two.yaml"), "first:\n" + exp + "second:\n" + exp);
    Cli r = Cli.rllib("train", "-f", f.toString());
    assertEquals(0, r.code(), r.toString());
    for (String name : List.of("first", "second")) {
      try (Stream<Path> s = Files.list(dir.resolve(name))) {
        List<Path> trials = s.filter(p -> Files.exists(p.resolve("result.json"))).toList();
        assertEquals(1, trials.size(), name + ": " + trials);
      }
    }
    assertTrue(
        r.out().contains("Result logdir: " + dir.resolve("first"))
            && r.out().contains("Result logdir: " + dir.resolve("second")),
        "Tune's status goes to out: " + r.out());
  }

  @Test
  void aFailedTrialExitsWith1AndSaysWhy() {
    Cli r =
        Cli.rllib(
            "train",
            "--run",
            "PG",
            "--env",
            "CartPole-v0",
            "--local-dir",
            dir.toString(),
            "--stop",
            "{\"episode_reward_maen\": 100}",
            "--config",
            "{\"num_workers\": 0, \"train_batch_size\": 200}");
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.err()
            .startsWith(
                "rllib train: experiment 'default': Trials did not complete: [PG_CartPole-v0_0]"),
        r.err());
    assertTrue(
        r.err().contains("episode_reward_maen"),
        r.err());
  }

  @Test
  void theSeedsPlainCommandRunsOnTwoCoresWithANotice() throws Exception {
    // RLlib's default num_workers is 2: the trial asks for 3 CPUs. In the embedded mode it runs.
    Cli train =
        Cli.rllib(
            "train", "--run", "PPO", "--env", "CartPole-v0", "--ray-num-cpus", "2",
            "--stop", "{\"training_iteration\": 1}", "--local-dir", dir.toString(),
            "--config", "{\"train_batch_size\": 400, \"sgd_minibatch_size\": 100, \"num_sgd_iter\": 1}");
    assertEquals(0, train.code(), train.toString());
    assertTrue(train.out().contains("Notice: trial PPO_CartPole-v0_0 asks for 3 CPUs but Tune has 2"), train.toString());
    assertTrue(train.out().contains("TERMINATED, [3 CPUs, 0 GPUs]"), train.toString());
  }

  @Test
  void theSeedPagesEpisodeTracesCommandWritesReadableJsonLines() throws Exception {
    Path traces = dir.resolve("debug");
    Cli train = Cli.rllib("train", "--run=PPO", "--env=CartPole-v0", "--stop", "{\"training_iteration\": 1}",
        "--config", "{\"output\": \"" + traces + "\", \"output_compress_columns\": [], \"num_workers\": 1,"
            + " \"train_batch_size\": 400, \"sgd_minibatch_size\": 100}",
        "--local-dir", dir.resolve("results").toString());
    assertEquals(0, train.code(), train.toString());
    List<Path> files;
    try (Stream<Path> s = Files.list(traces)) {
      files = s.toList();
    }
    assertEquals(1, files.size(), files.toString());
    assertTrue(files.get(0).getFileName().toString().matches("output-[0-9_-]+_worker-1_0\\.json"), files.toString());
    List<String> lines = Files.readAllLines(files.get(0));
    long rows = 0;
    for (int i = 0; i < lines.size(); i++) {
      JsonNode b = new ObjectMapper().readTree(lines.get(i));
      assertEquals("SampleBatch", b.get("type").asText());
      assertEquals(4, b.get("obs").get(0).size(), "uncompressed obs rows of CartPole's 4 values");
      rows += b.get("rewards").size();
      io.tune4j.rllib.offline.JsonReader.parse(lines.get(i), files.get(0) + ":" + (i + 1));
    }
    assertEquals(400, rows, "every sampled step was written");
  }
}
