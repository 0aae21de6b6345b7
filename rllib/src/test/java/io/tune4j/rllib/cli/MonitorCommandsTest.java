package io.tune4j.rllib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.env.monitor.MonitorTest;
import io.tune4j.tune.logger.JsonText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed page's gym monitor command, and {@code rllib rollout --video-dir}. */
@Tag("ray")
class MonitorCommandsTest {
  @TempDir Path dir;

  static List<String> names(Path d) throws Exception {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theSeedsMonitorCommandSavesVideosInTheTrialDirAndRolloutRecordsEveryEpisode() throws Exception {
    // rllib train --env=PongDeterministic-v4 --run=A2C --config '{"num_workers": 2, "monitor": true}', on CartPole.
    Cli train = Cli.rllib("train", "--run", "A2C", "--env", "CartPole-v0", "--stop", "{\"training_iteration\": 3}",
        "--config", "{\"num_workers\": 2, \"monitor\": true}", "--local-dir", dir.toString(), "--checkpoint-at-end",
        "--seed", "1");
    assertEquals(0, train.code(), train.toString());
    Path trial;
    try (Stream<Path> s = Files.list(dir.resolve("default"))) {
      trial = s.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    List<String> files = names(trial);
    Set<String> monitors = new TreeSet<>();
    for (String f : files) {
      if (f.matches("openaigym\\.video\\.\\d+\\.\\d+\\.video000000\\.mp4")) {
        monitors.add(f.split("\\.")[2] + "." + f.split("\\.")[3]);
      }
    }
    assertEquals(2, monitors.size(), "one monitor per remote worker's env records episode 0: " + files);
    for (String infix : monitors) {
      String base = "openaigym.video." + infix + ".video00000";
      assertTrue(files.contains(base + "0.meta.json") && files.contains(base + "1.mp4"), "episodes 0 and 1: " + files);
      Map<String, Object> stats = JsonText.parseObject(Files.readString(trial.resolve("openaigym.episode_batch." + infix + ".stats.json")));
      List<?> lengths = (List<?>) stats.get("episode_lengths");
      assertTrue(lengths.size() >= 2, "the worker ran episodes: " + stats);
      byte[] video0 = Files.readAllBytes(trial.resolve(base + "0.mp4"));
      assertEquals(((Number) lengths.get(0)).intValue() + 1, MonitorTest.stszSampleCount(video0), "episode 0's frames");
      Map<String, Object> manifest = JsonText.parseObject(Files.readString(trial.resolve("openaigym.manifest." + infix + ".manifest.json")));
      assertTrue(((List<?>) manifest.get("videos")).size() >= 2, "the trainer's stop closed the monitors: " + manifest);
    }
    assertTrue(Files.readAllLines(trial.resolve("result.json")).size() == 3, "training went on as usual");

    Path videos = dir.resolve("videos");
    Files.createDirectories(videos);
    Files.writeString(videos.resolve("openaigym.video.9.9.video000000.mp4"), "an earlier recording");
    Cli rollout = Cli.rllib("rollout", trial.resolve("checkpoint_3/checkpoint-3").toString(), "--run", "A2C",
        "--episodes", "3", "--steps", "0", "--video-dir", videos.toString());
    assertEquals(0, rollout.code(), rollout.toString());
    List<String> recorded = names(videos).stream().filter(f -> f.endsWith(".mp4")).toList();
    assertEquals(3, recorded.size(), "every episode, and the earlier file removed: " + names(videos));
    Path stats;
    try (Stream<Path> s = Files.list(videos)) {
      stats = s.filter(p -> p.toString().endsWith(".stats.json")).findFirst().orElseThrow();
    }
    List<?> lengths = (List<?>) JsonText.parseObject(Files.readString(stats)).get("episode_lengths");
    for (int ep = 0; ep < 3; ep++) {
      assertEquals(((Number) lengths.get(ep)).intValue() + 1,
          MonitorTest.stszSampleCount(Files.readAllBytes(videos.resolve(recorded.get(ep)))), "episode " + ep);
    }
  }
}
