package io.tune4j.tune.logger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link ResultLogger} promises; one subclass per implementation. */
abstract class ResultLoggerContractTest {

  @TempDir Path tmp;

  abstract ResultLogger create(LoggerContext ctx);

  LoggerContext ctx(Path dir) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("lr", 0.01);
    return new LoggerContext(dir, "PPO_CartPole-v0_0_lr=0.01", "abcd1234", config);
  }

  @Test
  void createsAMissingTrialDirAndWritesIntoIt() throws Exception {
    Path dir = tmp.resolve("exp").resolve("trial_0");
    try (ResultLogger log = create(ctx(dir))) {
      log.onResult(Map.of("training_iteration", 1, "episode_reward_mean", 10.0));
      log.flush();
    }
    assertTrue(Files.isDirectory(dir));
    try (var files = Files.list(dir)) {
      assertTrue(files.anyMatch(p -> p.toFile().length() > 0), "no non-empty file in " + dir);
    }
  }

  @Test
  void closeIsIdempotent() {
    ResultLogger log = create(ctx(tmp));
    log.onResult(Map.of("training_iteration", 1));
    log.close();
    assertDoesNotThrow(log::close);
  }

  @Test
  void acceptsOddValues() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("training_iteration", 1);
    r.put("nan", Double.NaN);
    r.put("inf", Double.NEGATIVE_INFINITY);
    r.put("null", null);
    r.put("list", List.of(1, 2.5, "x"));
    r.put("array", new double[] {1, Double.NaN});
    r.put("empty", Map.of());
    r.put("lambda", (Runnable) () -> {});
    r.put("text", "a,b\"c\nd");
    r.put("nested", Map.of("deep", Map.of("x", 1L)));
    List<Object> self = new ArrayList<>();
    self.add(1);
    self.add(self);
    r.put("cyclic", self);
    try (ResultLogger log = create(ctx(tmp))) {
      assertDoesNotThrow(() -> log.onResult(r));
      assertDoesNotThrow(() -> log.onConfigUpdate(Map.of("lr", 0.1)));
    }
  }

  @Test
  void describeNamesTheFileItWrites() {
    try (ResultLogger log = create(ctx(tmp))) {
      assertTrue(log.describe().contains(tmp.toString()), log.describe());
    }
  }
}
