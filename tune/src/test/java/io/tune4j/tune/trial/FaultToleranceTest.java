package io.tune4j.tune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import io.tune4j.tune.trainable.Trainable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code max_failures}: a failed trial restarts from its latest checkpoint, or from scratch. */
class FaultToleranceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /**
   * Counts steps and checkpoints the count. Throws at iteration {@code fail_at} as many times as
   * {@code failures} says, counting failures in a file of its trial directory (the instance that
   * restarts is a new one).
   */
  public static class Flaky extends Trainable {
    int n;

    @Override
    protected Map<String, Object> step() throws Exception {
      int failAt = ((Number) config().get("fail_at")).intValue();
      int failures = ((Number) config().get("failures")).intValue();
      if (iteration() + 1 == failAt) {
        Path marker = Path.of(context().logdir(), "failures.txt");
        int done = Files.exists(marker) ? Files.readAllLines(marker).size() : 0;
        if (done < failures) {
          Files.writeString(marker, "x\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
          throw new IllegalStateException("injected failure " + (done + 1) + " at iteration " + failAt);
        }
      }
      n++;
      return Map.of("n", n);
    }

    @Override
    protected Path saveCheckpoint(Path d) throws Exception {
      return Files.writeString(d.resolve("n.txt"), Integer.toString(n));
    }

    @Override
    protected void loadCheckpoint(Path p) throws Exception {
      n = Integer.parseInt(Files.readString(p).trim());
    }
  }

  private ExperimentAnalysis run(String name, int failures, int maxFailures, int checkpointFreq) {
    return Tune.run(RunOptions.of(Flaky.class).name(name).localDir(dir).verbose(0).rayNumCpus(1)
        .config(Map.of("fail_at", 3, "failures", failures)).stop(Map.of("training_iteration", 6))
        .checkpointFreq(checkpointFreq).maxFailures(maxFailures).raiseOnFailedTrial(false));
  }

  private static List<Integer> iterations(TrialResult t) throws Exception {
    List<Integer> out = new ArrayList<>();
    for (String line : Files.readAllLines(t.logdir().resolve("result.json"))) {
      out.add(JSON.readTree(line).get("training_iteration").asInt());
    }
    return out;
  }

  @Test
  void aTrialThatThrowsOnIteration3ResumesFromItsCheckpoint() throws Exception {
    TrialResult t = run("from_checkpoint", 1, 2, 2).trials().get(0);
    assertEquals("TERMINATED", t.status());
    assertEquals(6, t.lastResult().get("n"), "the count came back from the checkpoint of iteration 2");
    assertEquals(4L, t.lastResult().get("iterations_since_restore"), "restored at iteration 2");
    assertEquals(List.of(1, 2, 3, 4, 5, 6), iterations(t), "each iteration logged once");
    assertTrue(Files.readString(t.logdir().resolve("error.txt")).contains("injected failure 1 at iteration 3"));
    List<String> csv = Files.readAllLines(t.logdir().resolve("progress.csv"));
    assertEquals(7, csv.size(), "header and six rows: " + csv);
  }

  @Test
  void aTrialWithoutCheckpointsRestartsFromScratchAndItsFilesStartOver() throws Exception {
    TrialResult t = run("from_scratch", 1, 1, 0).trials().get(0);
    assertEquals("TERMINATED", t.status());
    assertEquals(6, t.lastResult().get("n"));
    assertEquals(6L, t.lastResult().get("iterations_since_restore"), "started over");
    assertEquals(List.of(1, 2, 3, 4, 5, 6), iterations(t));
  }

  @Test
  void aTrialThatKeepsFailingEndsInErrorAfterMaxFailuresRestarts() throws Exception {
    TrialResult t = run("gives_up", 5, 2, 1).trials().get(0);
    assertEquals("ERROR", t.status());
    String errors = Files.readString(t.logdir().resolve("error.txt"));
    for (int i = 1; i <= 3; i++) {
      assertTrue(errors.contains("injected failure " + i + " "), "failure " + i + " recorded: " + errors);
    }
    assertTrue(!errors.contains("injected failure 4"), "no fourth attempt with max_failures 2");
    assertEquals(List.of(1, 2), iterations(t), "nothing past the checkpoint");
  }

  @Test
  void withoutMaxFailuresTheFirstFailureIsFinal() throws Exception {
    TrialResult t = run("no_retry", 1, 0, 1).trials().get(0);
    assertEquals("ERROR", t.status());
    assertTrue(t.errorMessage().contains("injected failure 1"), t.errorMessage());
  }
}
