package io.tune4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.CommonConfig;
import io.tune4j.rllib.agents.ppo.PpoConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/rllib.md stays in step with the config defaults and the examples. */
class DocsTest {
  private static final Path DOC = Path.of("..", "docs", "rllib.md");

  private static String doc() throws Exception {
    return Files.readString(DOC);
  }

  /** Renders a default the way the doc's tables do. */
  private static String render(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "\"" + s + "\"";
    }
    if (v instanceof Map<?, ?> m && m.isEmpty()) {
      return "{}";
    }
    return String.valueOf(v);
  }

  @Test
  void everyCommonPpoAndDqnKeyIsDocumentedWithItsDefault() throws Exception {
    String doc = doc();
    List<String> missing = new ArrayList<>();
    for (Map<String, Object> defaults : List.of(CommonConfig.DEFAULTS, PpoConfig.DEFAULTS,
        io.tune4j.rllib.agents.dqn.DqnConfig.DEFAULTS, io.tune4j.rllib.agents.ddpg.DdpgConfig.DEFAULTS)) {
      for (Map.Entry<String, Object> e : defaults.entrySet()) {
        String k = e.getKey();
        Object v = e.getValue();
        boolean simple =
            v == null
                || v instanceof String
                || v instanceof Number
                || v instanceof Boolean
                || (v instanceof Map<?, ?> m && m.isEmpty());
        String row = simple ? "`" + k + "` | `" + render(v) + "` |" : "`" + k + "` |";
        if (!doc.contains("| " + row) && !doc.contains(", `" + k + "` | `" + render(v) + "` |")) {
          missing.add(row);
        }
      }
    }
    assertTrue(missing.isEmpty(), "rows missing from docs/rllib.md: " + missing);
  }

  @Test
  void everyExampleIsDocumented() throws Exception {
    String doc = doc() + java.nio.file.Files.readString(DocsCompileTest.ROOT.resolve("docs/tune.md"));
    for (String name : Examples.EXAMPLES.keySet()) {
      assertTrue(doc.contains("| `" + name + "` |"), name + " missing from the tables of docs/rllib.md and docs/tune.md");
    }
  }
}
