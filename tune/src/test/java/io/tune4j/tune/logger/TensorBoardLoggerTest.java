package io.tune4j.tune.logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TensorBoardLoggerTest extends ResultLoggerContractTest {

  @Override
  ResultLogger create(LoggerContext ctx) {
    return new TensorBoardLogger(ctx);
  }

  private Path eventFile() throws Exception {
    try (var files = Files.list(tmp)) {
      List<Path> found =
          files.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).toList();
      assertEquals(1, found.size(), found.toString());
      return found.get(0);
    }
  }

  @Test
  void fileNameHasUnixSecondsAndHost() throws Exception {
    long before = System.currentTimeMillis() / 1000;
    new TensorBoardLogger(ctx(tmp)).close();
    String[] parts = eventFile().getFileName().toString().split("\\.", 5);
    long secs = Long.parseLong(parts[3]);
    assertTrue(secs >= before && secs <= before + 5, "seconds " + secs);
    assertFalse(parts[4].isEmpty());
  }

  @Test
  void recordsHaveValidCrcsAndDecodeToTagsValuesAndSteps() throws Exception {
    long t0 = System.currentTimeMillis();
    try (TensorBoardLogger log = new TensorBoardLogger(ctx(tmp))) {
      Map<String, Object> r1 = new LinkedHashMap<>();
      r1.put("episode_reward_mean", 12.5);
      r1.put("info", Map.of("learner", Map.of("default_policy", Map.of("kl", 0.02))));
      r1.put("done", true);
      r1.put("nan_metric", Double.NaN);
      r1.put("name", "not a number");
      r1.put("hist", List.of(1, 2));
      r1.put("episodes_total", 7L);
      r1.put("training_iteration", 1);
      r1.put("time_total_s", 3.0);
      r1.put("timestamp", 1559908800L);
      r1.put("pid", 42);
      r1.put("config", Map.of("lr", 0.1));
      r1.put("timesteps_total", 4000L);
      log.onResult(r1);
      Map<String, Object> r2 = new LinkedHashMap<>();
      r2.put("episode_reward_mean", -1);
      r2.put("training_iteration", 2);
      log.onResult(r2);
      log.onResult(Map.of("x", 1.0f));
    }
    List<TfEvents.Event> events = TfEvents.read(eventFile());
    assertEquals(4, events.size());
    assertEquals("brain.Event:2", events.get(0).fileVersion());
    assertFalse(events.get(0).hasSummary());
    for (TfEvents.Event e : events) {
      assertTrue(e.wallTime() * 1000 >= t0 - 1000, "wall time " + e.wallTime());
    }

    TfEvents.Event e1 = events.get(1);
    assertEquals(4000L, e1.step());
    assertEquals(
        List.of(
            "ray/tune/episode_reward_mean",
            "ray/tune/info/learner/default_policy/kl",
            "ray/tune/done",
            "ray/tune/nan_metric",
            "ray/tune/episodes_total",
            "ray/tune/timesteps_total"),
        List.copyOf(e1.values().keySet()));
    assertEquals(12.5f, e1.values().get("ray/tune/episode_reward_mean"));
    assertEquals(0.02f, e1.values().get("ray/tune/info/learner/default_policy/kl"));
    assertEquals(1f, e1.values().get("ray/tune/done"));
    assertTrue(Float.isNaN(e1.values().get("ray/tune/nan_metric")));

    assertEquals(2L, events.get(2).step(), "falls back to training_iteration");
    assertEquals(Map.of("ray/tune/episode_reward_mean", -1f), events.get(2).values());
    assertEquals(3L, events.get(3).step(), "falls back to the result count");
    assertNotEquals(null, events.get(3).values().get("ray/tune/x"));
  }

  @Test
  void maskMatchesTheTfRecordFormula() {
    int crc = 0x12345678;
    assertEquals(((crc >>> 15) | (crc << 17)) + 0xa282ead8, EventEncoder.mask(crc));
    byte[] data = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    java.util.zip.CRC32C c = new java.util.zip.CRC32C();
    c.update(data);
    assertEquals(0xE3069283L, c.getValue(), "CRC32C check value");
  }

  @Test
  void largeStepsAndManyTagsEncode() throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      r.put("metric_" + i + "_" + "x".repeat(i % 150), (double) i);
    }
    r.put("timesteps_total", 1L << 40);
    try (TensorBoardLogger log = new TensorBoardLogger(ctx(tmp))) {
      log.onResult(r);
    }
    TfEvents.Event e = TfEvents.read(eventFile()).get(1);
    assertEquals(1L << 40, e.step());
    assertEquals(301, e.values().size());
    assertEquals(299f, e.values().get("ray/tune/metric_299_" + "x".repeat(149)));
  }
}
