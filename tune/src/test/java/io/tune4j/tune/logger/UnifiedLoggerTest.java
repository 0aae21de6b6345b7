package io.tune4j.tune.logger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnifiedLoggerTest {

  @TempDir Path tmp;

  private LoggerContext ctx() {
    return new LoggerContext(tmp, "PG_CartPole-v0_3", "feedbeef", Map.of("lr", 0.1));
  }

  /** Fails on the second result, like a disk that fills up. */
  static final class FailingLogger implements ResultLogger {
    int results;
    boolean closed;

    @Override
    public void onResult(Map<String, Object> result) {
      if (++results == 2) {
        throw new IllegalStateException("disk full");
      }
    }

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public String describe() {
      return "FailingLogger(/nowhere/failing.log)";
    }
  }

  @Test
  void defaultsWriteAllFourFiles() throws Exception {
    try (ResultLogger log = Loggers.unified(ctx(), Loggers.defaults())) {
      log.onResult(Map.of("training_iteration", 1, "episode_reward_mean", 3.0));
    }
    assertTrue(Files.size(tmp.resolve("params.json")) > 0);
    assertTrue(Files.size(tmp.resolve("result.json")) > 0);
    assertTrue(Files.size(tmp.resolve("progress.csv")) > 0);
    try (var files = Files.list(tmp)) {
      assertEquals(
          1, files.filter(p -> p.getFileName().toString().startsWith("events.out")).count());
    }
  }

  @Test
  void aFailingLoggerIsReportedAndDisabledWhileTheOthersGoOn() throws Exception {
    FailingLogger failing = new FailingLogger();
    List<ResultLoggerFactory> factories = new ArrayList<>(Loggers.defaults());
    factories.add(1, c -> failing);
    try (LogCapture logs = new LogCapture();
        UnifiedLogger log = Loggers.unified(ctx(), factories)) {
      assertEquals(4, log.active().size());
      for (int i = 1; i <= 3; i++) {
        int it = i;
        assertDoesNotThrow(() -> log.onResult(Map.of("training_iteration", it)));
      }
      assertEquals(2, failing.results, "not called after failing");
      assertTrue(failing.closed, "closed when disabled");
      assertEquals(List.of("FailingLogger(/nowhere/failing.log)"), log.disabled());
      assertEquals(3, log.active().size());
      assertEquals(1, logs.warnings().size(), logs.warnings().toString());
      String w = logs.warnings().get(0);
      assertTrue(w.contains("PG_CartPole-v0_3 (feedbeef)"), w);
      assertTrue(w.contains("/nowhere/failing.log"), w);
      assertTrue(w.contains("disk full"), w);
    }
    assertEquals(3, Files.readAllLines(tmp.resolve("result.json")).size());
    assertEquals(4, Files.readAllLines(tmp.resolve("progress.csv")).size());
  }

  @Test
  void aFactoryThatThrowsIsSkipped() throws Exception {
    List<ResultLoggerFactory> factories =
        List.of(
            c -> {
              throw new IllegalArgumentException("bad logger setup");
            },
            Loggers.json());
    try (LogCapture logs = new LogCapture();
        UnifiedLogger log = Loggers.unified(ctx(), factories)) {
      log.onResult(Map.of("a", 1));
      assertEquals(1, log.active().size());
      assertTrue(logs.warnings().get(0).contains("bad logger setup"), logs.warnings().toString());
    }
    assertEquals(1, Files.readAllLines(tmp.resolve("result.json")).size());
  }

  @Test
  void anUnwritableDirectoryDisablesTheFileLoggersWithoutThrowing() throws Exception {
    Path blocker = tmp.resolve("file");
    Files.writeString(blocker, "x");
    LoggerContext bad = new LoggerContext(blocker.resolve("trial"), "t", "i", Map.of());
    try (LogCapture logs = new LogCapture();
        UnifiedLogger log = Loggers.unified(bad, Loggers.defaults())) {
      assertDoesNotThrow(() -> log.onResult(Map.of("a", 1)));
      assertEquals(0, log.active().size());
      assertEquals(3, logs.warnings().size());
      assertTrue(logs.warnings().get(0).contains("file/trial"), logs.warnings().get(0));
    }
  }

  @Test
  void defaultFactoriesAreSerializable() throws Exception {
    try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
      for (ResultLoggerFactory f : Loggers.defaults()) {
        assertDoesNotThrow(() -> out.writeObject(f));
      }
    }
  }
}
