package io.tune4j.rllib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.Algorithms;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The regression files {@code rllib regression} runs by default (examples' resources): found on the
 * classpath, valid, seeded, one bar per algorithm. Running them is the benchmark: {@code bin/rllib
 * regression}.
 */
class ShippedRegressionFilesTest {
  @Test
  @SuppressWarnings("unchecked")
  void everyAlgorithmHasAValidSeededFileWithABarAndACap() {
    List<String> files = RegressionCommand.files(List.of(RegressionCommand.SHIPPED));
    Set<String> algorithms = new TreeSet<>();
    for (String f : files) {
      ExperimentFile file = ExperimentFile.read(f);
      for (Map.Entry<String, Map<String, Object>> e : file.experiments().entrySet()) {
        ExperimentCheck.check(e.getKey(), e.getValue(), file);
        Map<String, Object> spec = e.getValue();
        Map<String, Object> stop = (Map<String, Object>) spec.get("stop");
        Map<String, Object> config = (Map<String, Object>) spec.get("config");
        assertTrue(config.get("seed") instanceof Number, f + " " + e.getKey() + " is seeded");
        assertTrue(stop.containsKey("episode_reward_mean") || stop.containsKey("evaluation/episode_reward_mean"),
            f + " " + e.getKey() + " has a reward bar");
        assertTrue(stop.containsKey("timesteps_total") || stop.containsKey("training_iteration"),
            f + " " + e.getKey() + " has a cap");
        algorithms.add(String.valueOf(spec.get("run")));
      }
    }
    assertEquals(new TreeSet<>(Algorithms.names()), algorithms, "a file for every algorithm: " + files);
  }
}
