package io.tune4j.search.variant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentTagsTest {
  @Test
  void floatsFormatLikePythonFormatDotFive() {
    assertEquals("0.001", ExperimentTags.cleanValue(0.001));
    assertEquals("1.0", ExperimentTags.cleanValue(1.0));
    assertEquals("0.21459", ExperimentTags.cleanValue(0.21459234));
    assertEquals("1e-05", ExperimentTags.cleanValue(1e-05));
    assertEquals("1.2346e+05", ExperimentTags.cleanValue(123456.0));
    assertEquals("1.2345e+04", ExperimentTags.cleanValue(12345.0));
    assertEquals("1234.5", ExperimentTags.cleanValue(1234.5));
    assertEquals("1e+04", ExperimentTags.cleanValue(9999.95));
    assertEquals("1e+05", ExperimentTags.cleanValue(99999.5));
    assertEquals("0.0001", ExperimentTags.cleanValue(0.0001));
    assertEquals("-2.5", ExperimentTags.cleanValue(-2.5));
    assertEquals("0.2", ExperimentTags.cleanValue(0.2));
    assertEquals("0.1", ExperimentTags.cleanValue(0.1f));
    assertEquals("0.0", ExperimentTags.cleanValue(0.0));
    assertEquals("nan", ExperimentTags.cleanValue(Double.NaN));
    assertEquals("inf", ExperimentTags.cleanValue(Double.POSITIVE_INFINITY));
    assertEquals("3.1416", ExperimentTags.cleanValue(Math.PI));
    assertEquals("1.2e+10", ExperimentTags.cleanValue(1.2e10));
  }

  @Test
  void otherValuesUsePythonStrWithSlashesReplaced() {
    assertEquals("1", ExperimentTags.cleanValue(1));
    assertEquals("CartPole-v0", ExperimentTags.cleanValue("CartPole-v0"));
    assertEquals("a_b_c", ExperimentTags.cleanValue("a/b/c"));
    assertEquals("True", ExperimentTags.cleanValue(true));
    assertEquals("None", ExperimentTags.cleanValue(null));
    assertEquals("[64, 64]", ExperimentTags.cleanValue(List.of(64, 64)));
    assertEquals("['relu', 0.1, 1e-05]", ExperimentTags.cleanValue(List.of("relu", 0.1, 1e-5)));
    assertEquals("{'a': 1.0}", ExperimentTags.cleanValue(Map.of("a", 1.0)));
  }

  @Test
  void keysKeepLastStringAndAllIndicesAndSkipRunnerKeys() {
    Map<List<Object>, Object> vars = new LinkedHashMap<>();
    vars.put(List.of("config", "layers", 0, "size"), 64);
    vars.put(List.of("config", "layers", 1), 32);
    vars.put(List.of("config", "optim", "lr"), 0.5);
    vars.put(List.of("env", "x"), 1);
    vars.put(List.of("resources_per_trial", "cpu"), 2);
    vars.put(List.of("run"), "PPO");
    assertEquals("0_size=64,layers_1=32,lr=0.5", ExperimentTags.formatVars(vars));
    assertEquals("7", ExperimentTags.tag(7, ""));
    assertEquals("7_lr=0.5", ExperimentTags.tag(7, "lr=0.5"));
  }
}
