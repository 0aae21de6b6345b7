package io.tune4j.tune.logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvLoggerTest extends ResultLoggerContractTest {

  @Override
  ResultLogger create(LoggerContext ctx) {
    return new CsvLogger(ctx);
  }

  private List<List<String>> read() throws Exception {
    return Rfc4180.parse(Files.readString(tmp.resolve("progress.csv"), StandardCharsets.UTF_8));
  }

  @Test
  void headerIsTheFirstResultsFlattenedKeysWithoutConfig() throws Exception {
    try (CsvLogger log = new CsvLogger(ctx(tmp))) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("episode_reward_mean", 1.5);
      r.put("info", Map.of("learner", Map.of("default_policy", Map.of("kl", 0.02))));
      r.put("config", Map.of("lr", 0.1));
      r.put("done", false);
      r.put("training_iteration", 1);
      log.onResult(r);
      // one row per result, visible before close
      assertEquals(2, Rfc4180.parse(Files.readString(tmp.resolve("progress.csv"))).size());
    }
    List<List<String>> rows = read();
    assertEquals(
        List.of(
            "episode_reward_mean", "info/learner/default_policy/kl", "done", "training_iteration"),
        rows.get(0));
    assertEquals(List.of("1.5", "0.02", "False", "1"), rows.get(1));
    assertTrue(Files.readString(tmp.resolve("progress.csv")).endsWith("\r\n"));
  }

  @Test
  void laterKeysAreDroppedWithOneWarningPerKeyAndMissingKeysLeaveEmptyCells() throws Exception {
    try (LogCapture logs = new LogCapture();
        CsvLogger log = new CsvLogger(ctx(tmp))) {
      log.onResult(Map.of("a", 1));
      log.onResult(Map.of("a", 2, "late", 5));
      log.onResult(Map.of("late", 6));
      List<String> warnings = logs.warnings();
      assertEquals(1, warnings.size(), warnings.toString());
      assertTrue(warnings.get(0).contains("'late'"), warnings.get(0));
      assertTrue(warnings.get(0).contains("PPO_CartPole-v0_0_lr=0.01"), warnings.get(0));
      assertTrue(warnings.get(0).contains("progress.csv"), warnings.get(0));
    }
    assertEquals(List.of(List.of("a"), List.of("1"), List.of("2"), List.of("")), read());
  }

  @Test
  void quotesCommasQuotesAndLineBreaksAndWritesNanAndLists() throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("plain", "abc");
    r.put("comma", "a,b");
    r.put("quote", "say \"hi\"");
    r.put("newline", "line1\nline2\r\nline3");
    r.put("nan", Double.NaN);
    r.put("inf", Double.POSITIVE_INFINITY);
    r.put("list", List.of(1, 2.5, "x,y"));
    r.put("none", null);
    r.put("weird,key", 3L);
    try (CsvLogger log = new CsvLogger(ctx(tmp))) {
      log.onResult(r);
      log.onResult(r);
    }
    List<List<String>> rows = read();
    assertEquals(3, rows.size());
    assertEquals(
        List.of("plain", "comma", "quote", "newline", "nan", "inf", "list", "none", "weird,key"),
        rows.get(0));
    assertEquals(
        List.of(
            "abc",
            "a,b",
            "say \"hi\"",
            "line1\nline2\r\nline3",
            "nan",
            "inf",
            "[1,2.5,\"x,y\"]",
            "",
            "3"),
        rows.get(1));
    assertEquals(rows.get(1), rows.get(2));
  }

  @Test
  void resumedTrialKeepsTheExistingHeader() throws Exception {
    try (CsvLogger log = new CsvLogger(ctx(tmp))) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("x,1", 1);
      r.put("b", 2);
      log.onResult(r);
    }
    Map<String, Object> r2 = new LinkedHashMap<>();
    r2.put("b", 20);
    r2.put("x,1", 10);
    r2.put("c", 30);
    try (CsvLogger log = new CsvLogger(ctx(tmp))) {
      assertEquals(List.of("x,1", "b"), log.columns());
      log.onResult(r2);
    }
    assertEquals(List.of(List.of("x,1", "b"), List.of("1", "2"), List.of("10", "20")), read());
  }

  @Test
  void aCrashLeavesOnlyWholeRows() throws Exception {
    Path file = tmp.resolve("progress.csv");
    try (CsvLogger log = new CsvLogger(ctx(tmp))) {
      log.onResult(Map.of("a", 1));
    }
    Files.writeString(file, Files.readString(file) + "2", StandardCharsets.UTF_8);
    try (CsvLogger log = new CsvLogger(ctx(tmp))) {
      log.onResult(Map.of("a", 3));
    }
    assertEquals(List.of(List.of("a"), List.of("1"), List.of("3")), read());
  }
}
