package io.tune4j.tune.logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JsonLoggerTest extends ResultLoggerContractTest {

  private final ObjectMapper plain = new ObjectMapper();

  @Override
  ResultLogger create(LoggerContext ctx) {
    return new JsonLogger(ctx);
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void paramsJsonIsSortedAtEveryLevelAndParses() throws Exception {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("fcnet_hiddens", List.of(64, 64));
    model.put("custom_options", Map.of());
    model.put("conv_filters", null);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("num_workers", 2);
    config.put("model", model);
    config.put("env", "CartPole-v0");
    config.put("callbacks", (Function<Object, Object>) x -> x);
    config.put("lr", Double.NaN);
    new JsonLogger(new LoggerContext(tmp, "t", "id", config)).close();

    String text = Files.readString(tmp.resolve("params.json"));
    JsonNode root = plain.readTree(text);
    assertEquals(List.of("callbacks", "env", "lr", "model", "num_workers"), fieldNames(root));
    assertEquals(
        List.of("conv_filters", "custom_options", "fcnet_hiddens"), fieldNames(root.get("model")));
    assertEquals(64, root.get("model").get("fcnet_hiddens").get(1).asInt());
    assertTrue(root.get("lr").isNull());
    assertTrue(root.get("callbacks").asText().contains("Lambda"), root.get("callbacks").asText());
    assertTrue(text.startsWith("{\n  \"callbacks\": "), text);
    try (var files = Files.list(tmp)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void everyResultLineParsesBackInOrderWithNanAsNull() throws Exception {
    try (JsonLogger log = new JsonLogger(ctx(tmp))) {
      for (int i = 1; i <= 3; i++) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("training_iteration", i);
        r.put("episode_reward_mean", i == 2 ? Double.NaN : i * 1.5);
        r.put("info", Map.of("learner", Map.of("kl", 0.25)));
        r.put("done", i == 3);
        r.put("config", Map.of("lr", 0.01));
        log.onResult(r);
        // flushed per result: the line is in the file before close
        assertEquals(i, Files.readAllLines(tmp.resolve("result.json")).size());
      }
    }
    List<String> lines = Files.readAllLines(tmp.resolve("result.json"), StandardCharsets.UTF_8);
    assertEquals(3, lines.size());
    for (int i = 0; i < 3; i++) {
      JsonNode n = plain.readTree(lines.get(i));
      assertEquals(
          List.of("training_iteration", "episode_reward_mean", "info", "done", "config"),
          fieldNames(n));
      assertEquals(i + 1, n.get("training_iteration").asInt());
      assertEquals(0.25, n.get("info").get("learner").get("kl").asDouble());
      assertEquals(0.01, n.get("config").get("lr").asDouble());
    }
    assertTrue(plain.readTree(lines.get(1)).get("episode_reward_mean").isNull());
    assertEquals(4.5, plain.readTree(lines.get(2)).get("episode_reward_mean").asDouble());
    assertFalse(lines.get(0).contains(" "), "compact: " + lines.get(0));
  }

  @Test
  void configUpdateRewritesParams() throws Exception {
    try (JsonLogger log = new JsonLogger(ctx(tmp))) {
      log.onConfigUpdate(Map.of("lr", 0.5, "gamma", 0.9));
    }
    JsonNode root = plain.readTree(tmp.resolve("params.json").toFile());
    assertEquals(List.of("gamma", "lr"), fieldNames(root));
    assertEquals(0.5, root.get("lr").asDouble());
  }

  @Test
  void resumeAppendsAndCutsATornLastLine() throws Exception {
    try (JsonLogger log = new JsonLogger(ctx(tmp))) {
      log.onResult(Map.of("training_iteration", 1));
    }
    Path file = tmp.resolve("result.json");
    Files.writeString(file, "{\"training_iter", StandardOpenOption.APPEND);
    try (LogCapture logs = new LogCapture();
        JsonLogger log = new JsonLogger(ctx(tmp))) {
      log.onResult(Map.of("training_iteration", 2));
      assertTrue(
          logs.warnings().stream().anyMatch(w -> w.contains("torn")), logs.warnings().toString());
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(List.of("{\"training_iteration\":1}", "{\"training_iteration\":2}"), lines);
    assertNull(plain.readTree(lines.get(1)).get("missing"));
  }
}
