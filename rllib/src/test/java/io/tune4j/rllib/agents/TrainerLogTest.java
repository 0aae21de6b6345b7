package io.tune4j.rllib.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.pg.PgTrainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code log_level}: DEBUG shows more than INFO, WARN less, and two trainers keep their own. */
class TrainerLogTest {

  /** Lines a PG trainer at {@code level} writes to stderr over two iterations, by trainer label. */
  private static List<String> linesAt(String level, ByteArrayOutputStream err) {
    try (PgTrainer t = new PgTrainer(Map.of("num_workers", 0, "log_level", level, "train_batch_size", 200), "CartPole-v0")) {
      t.train();
      t.train();
    }
    return err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.matches("(DEBUG|INFO|WARN|ERROR) PG#\\d+: .*")).toList();
  }

  @Test
  void debugShowsMoreThanInfoAndWarnLess() {
    PrintStream old = System.err;
    try {
      ByteArrayOutputStream debugErr = new ByteArrayOutputStream();
      System.setErr(new PrintStream(debugErr, true, StandardCharsets.UTF_8));
      List<String> debug = linesAt("DEBUG", debugErr);
      ByteArrayOutputStream infoErr = new ByteArrayOutputStream();
      System.setErr(new PrintStream(infoErr, true, StandardCharsets.UTF_8));
      List<String> info = linesAt("INFO", infoErr);
      ByteArrayOutputStream warnErr = new ByteArrayOutputStream();
      System.setErr(new PrintStream(warnErr, true, StandardCharsets.UTF_8));
      List<String> warn = linesAt("WARN", warnErr);

      assertEquals(1, info.size(), info.toString());
      assertTrue(info.get(0).contains("built a local rollout worker and 0 remote ones on CartPole-v0"), info.toString());
      assertTrue(debug.size() >= 4, debug.toString());
      assertTrue(debug.stream().anyMatch(l -> l.startsWith("DEBUG") && l.contains("iteration 2: sampled 200 steps")), debug.toString());
      assertEquals(List.of(), warn);
    } finally {
      System.setErr(old);
    }
  }

  @Test
  void twoTrainersInOneJvmKeepTheirOwnLevels() {
    PrintStream old = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try (PgTrainer loud = new PgTrainer(Map.of("num_workers", 0, "log_level", "DEBUG", "train_batch_size", 200), "CartPole-v0");
        PgTrainer quiet = new PgTrainer(Map.of("num_workers", 0, "log_level", "WARN", "train_batch_size", 200), "CartPole-v0")) {
      loud.train();
      quiet.train();
      loud.train();
    } finally {
      System.setErr(old);
    }
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().filter(l -> l.matches("(DEBUG|INFO) PG#\\d+: .*")).toList();
    long labels = lines.stream().map(l -> l.substring(0, l.indexOf(':')).split(" ")[1]).distinct().count();
    assertEquals(1, labels, "only the DEBUG trainer writes: " + lines);
    assertTrue(lines.stream().anyMatch(l -> l.contains("iteration 2: sampled")), lines.toString());
  }
}
