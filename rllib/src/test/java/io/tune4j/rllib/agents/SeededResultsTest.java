package io.tune4j.rllib.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Seeded PG and PPO runs write the same result.json lines as the build before the PolicyOptimizer
 * SPI (commit 6e98632^): the golden files under {@code golden/} hold that build's episode metrics
 * and learner stats, line by line, and every refactor since must reproduce them exactly.
 */
@Tag("ray")
class SeededResultsTest {
  @TempDir Path dir;

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @CsvSource({
    "PG, 4, pg-cartpole-seed1.jsonl, '{\"seed\": 1, \"num_workers\": 0}'",
    "PPO, 2, ppo-cartpole-seed1.jsonl, '{\"seed\": 1, \"num_workers\": 1, \"train_batch_size\": 1000,"
        + " \"sgd_minibatch_size\": 128, \"num_sgd_iter\": 3}'"
  })
  @SuppressWarnings("unchecked")
  void resultLinesEqualThoseOfTheBuildBeforeTheOptimizerRefactor(String algo, int iters, String golden,
      String config) throws Exception {
    Map<String, Object> cfg = JSON.readValue(config, Map.class);
    cfg.put("env", "CartPole-v0");
    ExperimentAnalysis a = Tune.run(RunOptions.of(algo).config(cfg).stop(Map.of("training_iteration", iters))
        .localDir(dir).verbose(0));
    Path result;
    try (Stream<Path> s = Files.walk(dir)) {
      result = s.filter(p -> p.getFileName().toString().equals("result.json")).findFirst().orElseThrow();
    }
    List<String> got = Files.readAllLines(result);
    List<String> want;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("/golden/" + golden), StandardCharsets.UTF_8))) {
      want = r.lines().toList();
    }
    assertEquals(want.size(), got.size(), "result lines");
    for (int i = 0; i < want.size(); i++) {
      JsonNode w = JSON.readTree(want.get(i));
      JsonNode g = JSON.readTree(got.get(i));
      w.fieldNames().forEachRemaining(k -> {
        if (!k.equals("learner")) {
          assertEquals(w.get(k), g.get(k), algo + " line " + w.get("training_iteration") + " " + k);
        }
      });
      assertEquals(w.get("learner"), g.get("info").get("learner"), algo + " learner stats, line " + (i + 1));
    }
    assertEquals(1, a.trials().size());
  }
}
