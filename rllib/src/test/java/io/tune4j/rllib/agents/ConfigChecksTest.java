package io.tune4j.rllib.agents;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every range, set and not-yet-supported check of a merged config names the key and the value. */
class ConfigChecksTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "num_workers|-1|config key 'num_workers' must be >= 0, got -1",
        "num_envs_per_worker|0|config key 'num_envs_per_worker' must be >= 1, got 0",
        "sample_batch_size|0|config key 'sample_batch_size' must be >= 1, got 0",
        "train_batch_size|0|config key 'train_batch_size' must be >= 1",
        "num_cpus_per_worker|-1|config key 'num_cpus_per_worker' must be >= 0",
        "horizon|0|config key 'horizon' must be >= 1, got 0",
        "gamma|1.5|config key 'gamma' must be in [0, 1], got 1.5",
        "lr|0.0|config key 'lr' must be > 0, got 0.0",
        "lr|-0.001|config key 'lr' must be > 0, got -0.001",
        "batch_mode|truncate|config key 'batch_mode' must be one of truncate_episodes, complete_episodes, got 'truncate'",
        "observation_filter|MeanStd|config key 'observation_filter' must be one of NoFilter, MeanStdFilter, got 'MeanStd'",
        "log_level|VERBOSE|config key 'log_level' must be one of DEBUG, INFO, WARN, ERROR, got 'VERBOSE'",
        "monitor|yes|config key 'monitor' must be a boolean",
        "output|7|config key 'output' must be a directory, got 7",
        "input|7|config key 'input' must be \"sampler\", a path or glob of JSON files, or a map of those to probabilities, got 7",
        "sample_async|true|config key 'sample_async' = true is not supported yet",
        "use_pytorch|true|config key 'use_pytorch' = true is not supported yet",
        "sgd_minibatch_size|8000|'sgd_minibatch_size' (8000) must be <= 'train_batch_size' (4000)",
      })
  void aBadValueIsAnErrorNamingTheKey(String key, String value, String message) {
    Object v = parse(value);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Algorithms.create("PPO").mergeConfig(Map.of(key, v)));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e instanceof ConfigException, e.getClass().getName());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"monitor|false", "monitor|true", "output|", "output|/tmp/debug", "input|/tmp/debug/*.json", "num_workers|0",
      "observation_filter|MeanStdFilter"})
  void defaultsAndGoodValuesPass(String key, String value) {
    Map<String, Object> user = new java.util.HashMap<>();
    user.put(key, value == null ? null : parse(value));
    assertDoesNotThrow(() -> Algorithms.create("PG").mergeConfig(user));
  }

  @org.junit.jupiter.api.Test
  void enumsStandForRllibsStrings() {
    Map<String, Object> merged =
        Algorithms.create("PPO")
            .mergeConfig(Map.of(
                "batch_mode", io.tune4j.rllib.evaluation.BatchMode.COMPLETE_EPISODES,
                "observation_filter", io.tune4j.rllib.evaluation.FilterName.MEAN_STD_FILTER,
                "log_level", LogLevel.DEBUG));
    org.junit.jupiter.api.Assertions.assertEquals("complete_episodes", merged.get("batch_mode"));
    org.junit.jupiter.api.Assertions.assertEquals("MeanStdFilter", merged.get("observation_filter"));
    org.junit.jupiter.api.Assertions.assertEquals("DEBUG", merged.get("log_level"));
    org.junit.jupiter.api.Assertions.assertEquals(
        io.tune4j.rllib.evaluation.BatchMode.TRUNCATE_EPISODES, io.tune4j.rllib.evaluation.BatchMode.of("truncate_episodes"));
  }

  private static Object parse(String s) {
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e2) {
        return s;
      }
    }
  }
}
