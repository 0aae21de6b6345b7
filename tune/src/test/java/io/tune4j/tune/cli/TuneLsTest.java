package io.tune4j.tune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import io.tune4j.tune.trainable.TrainableFunction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/tune4j ls} on an experiment directory written by a real {@code Tune.run}. */
@Tag("ray")
class TuneLsTest {
  @TempDir Path dir;

  @Test
  void listsEveryTrialWithStatusIterationsAndReward() throws Exception {
    TrainableFunction fn =
        (config, reporter) -> {
          int i = ((Number) config.get("i")).intValue();
          for (int k = 1; k <= 3; k++) {
            reporter.report("episode_reward_mean", 10.0 * i + k, "timesteps_this_iter", 100);
            if (i == 2 && k == 2) {
              throw new IllegalStateException("trial two fails");
            }
          }
        };
    ExperimentAnalysis a =
        Tune.run(
            RunOptions.of(fn).name("exp").localDir(dir).verbose(0).rayNumCpus(2)
                .raiseOnFailedTrial(false).config(Map.of("i", Tune.gridSearch(0, 1, 2))));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = TuneLs.list(a.experimentDir(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertEquals(0, code);
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(5, lines.length, String.join("\n", lines));
    assertTrue(lines[0].matches("trial\\s+status\\s+iter\\s+total time \\(s\\)\\s+ts\\s+reward"), lines[0]);
    for (TrialResult t : a.trials()) {
      String row = null;
      for (String l : lines) {
        if (l.startsWith(t.logdir().getFileName().toString() + " ")) {
          row = l;
        }
      }
      assertTrue(row != null, "no row for " + t.logdir() + " in\n" + String.join("\n", lines));
      String[] cells = row.trim().split("\\s+");
      if (t.name().equals("func_2_i=2")) {
        assertEquals("ERROR", cells[1], row);
        assertEquals("2", cells[2], row);
      } else {
        assertEquals("TERMINATED", cells[1], row);
        assertEquals("3", cells[2], row);
        assertEquals("300", cells[4], row);
        int i = ((Number) t.config().get("i")).intValue();
        assertEquals(String.format("%.4g", 10.0 * i + 3), cells[5], row);
      }
    }
    assertEquals("3 trials in " + a.experimentDir(), lines[4]);

    // Without the state file (a run still going, or killed) the status is inferred from the files.
    try (var s = Files.list(a.experimentDir())) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("experiment_state-")).toList()) {
        Files.delete(p);
      }
    }
    bytes.reset();
    assertEquals(0, TuneLs.list(a.experimentDir(), new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains(" ERROR ") && text.contains(" UNKNOWN "), text);
  }

  @Test
  void aMissingOrEmptyDirectoryIsExitCodeTwo() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertEquals(2, TuneLs.list(dir.resolve("nope"), out));
    assertEquals(2, TuneLs.list(Files.createDirectory(dir.resolve("empty")), out));
    assertEquals("", bytes.toString(StandardCharsets.UTF_8), "errors go to stderr, not the table");
  }
}
