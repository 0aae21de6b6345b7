package io.tune4j.rllib.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/rllib/config-reference.md is what the code generates: defaults and descriptions agree. */
class ConfigReferenceTest {
  static final Path DOC = Path.of("..", "docs", "rllib", "config-reference.md");

  @Test
  void theDocsPageIsWhatTheCodeGenerates() throws Exception {
    String want = ConfigReference.markdown();
    String have = Files.exists(DOC) ? Files.readString(DOC) : "";
    if (!want.equals(have) && Boolean.getBoolean("tune4j.regenerate")) {
      Files.createDirectories(DOC.getParent());
      Files.writeString(DOC, want);
      return;
    }
    if (!want.equals(have)) {
      List<String> w = want.lines().toList();
      List<String> h = have.lines().toList();
      int i = 0;
      while (i < w.size() && i < h.size() && w.get(i).equals(h.get(i))) {
        i++;
      }
      throw new AssertionError("docs/rllib/config-reference.md disagrees with the code at line " + (i + 1)
          + ":\n  docs: " + (i < h.size() ? h.get(i) : "(end of file)")
          + "\n  code: " + (i < w.size() ? w.get(i) : "(end of file)")
          + "\nregenerate it: mvn -pl rllib -am test -Dtest=ConfigReferenceTest -Dtune4j.regenerate=true"
          + " -Dsurefire.failIfNoSpecifiedTests=false");
    }
  }

  @Test
  void everyKeyHasAMeaning() {
    assertEquals(List.of(), ConfigReference.undescribed());
  }

  @Test
  void theReferenceCoversEveryAlgorithmAndKey() {
    String md = ConfigReference.markdown();
    for (String a : Algorithms.names()) {
      assertTrue(md.contains("\n## " + a + "\n"), a);
    }
    for (String k : CommonConfig.DEFAULTS.keySet()) {
      assertTrue(md.contains("| `" + k + "` |"), k);
    }
    assertTrue(md.contains("| `sgd_minibatch_size` | `128` | (new) |"), "PPO's own key with its default");
    assertTrue(md.contains("| `lr` | `5.0E-5` | `1.0E-4` |"), "PPO's changed lr against the common one");
  }
}
