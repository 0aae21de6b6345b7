package io.tune4j.viewer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.tune.logger.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialDataTest {
  @TempDir Path dir;
  Path trial;

  @BeforeEach
  void params() throws Exception {
    trial = Files.createDirectories(dir.resolve("PPO_CartPole-v0_0_lr=0.01_2026-12-05_01-02-03ab12cd"));
    Files.writeString(trial.resolve("params.json"), "{\"lr\": 0.01, \"model\": {\"fcnet_hiddens\": [64, 64]}}");
  }

  private void append(String text) throws Exception {
    Files.writeString(trial.resolve("result.json"), text, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void aTrialWithoutResultsHasItsConfigAndNoRows() {
    TrialData t = new TrialData(trial);
    assertTrue(t.refresh());
    assertEquals(0, t.rows());
    assertEquals(0.01, t.config().get("lr"));
    assertEquals(List.of(64, 64), t.config().get("model/fcnet_hiddens"));
    assertEquals("PPO_CartPole-v0_0_lr=0.01", t.label());
    assertEquals("UNKNOWN", t.status());
    assertTrue(t.lastResult().isEmpty());
    assertTrue(Double.isNaN(t.last("mean_loss")));
    assertNull(t.values("mean_loss"));
  }

  @Test
  void aHalfWrittenLastLineWaitsUntilItIsComplete() throws Exception {
    TrialData t = new TrialData(trial);
    append("{\"training_iteration\": 1, \"mean_loss\": 0.5, \"info\": {\"learner\": {\"kl\": 0.02}}, \"config\": {\"lr\": 0.01}}\n"
        + "{\"training_iteration\": 2, \"mean_lo");
    t.refresh();
    assertEquals(1, t.rows(), "the torn second line is not a result yet");
    assertEquals(0.02, t.last("info/learner/kl"), "nested results are flattened with /");
    assertTrue(t.metrics().stream().noneMatch(m -> m.startsWith("config")), "the config copy is left out: " + t.metrics());
    assertEquals(0, t.badLines());
    assertTrue(!t.refresh(), "nothing new");
    append("ss\": 0.25, \"done\": true}\n");
    assertTrue(t.refresh());
    assertEquals(2, t.rows());
    assertArrayEquals(new double[] {0.5, 0.25}, t.values("mean_loss"));
    assertArrayEquals(new double[] {0.02, Double.NaN}, t.values("info/learner/kl"), "absent in row 2");
    assertEquals(0.02, t.last("info/learner/kl"), "the newest result that has it");
    assertEquals("TERMINATED", t.status(), "the last result says done");
  }

  @Test
  void aRewrittenResultFileIsReadAgainFromItsStart() throws Exception {
    TrialData t = new TrialData(trial);
    append("{\"training_iteration\": 1, \"mean_loss\": 3}\n{\"training_iteration\": 2, \"mean_loss\": 2}\n"
        + "{\"training_iteration\": 3, \"mean_loss\": 1}\n");
    t.refresh();
    assertEquals(3, t.rows());
    // A trial restored from its iteration-1 checkpoint: the file is cut back atomically, then grows again.
    AtomicFiles.write(trial.resolve("result.json"),
        "{\"training_iteration\": 1, \"mean_loss\": 3}\n{\"training_iteration\": 2, \"mean_loss\": 2.5}\n"
            .concat("{\"training_iteration\": 3, \"mean_loss\": 1.5}\n{\"training_iteration\": 4, \"mean_loss\": 0.5}\n")
            .getBytes(StandardCharsets.UTF_8));
    assertTrue(t.refresh());
    assertArrayEquals(new double[] {3, 2.5, 1.5, 0.5}, t.values("mean_loss"));
  }

  @Test
  void largeFilesAreStreamedAcrossChunkBoundaries() throws Exception {
    StringBuilder sb = new StringBuilder();
    int n = 20_000; // about 1.6 MB: many 64 KiB chunks, lines split across them
    for (int i = 1; i <= n; i++) {
      sb.append("{\"training_iteration\": ").append(i).append(", \"mean_loss\": ").append(1.0 / i)
          .append(", \"note\": \"").append("x".repeat(i % 50)).append("\"}\n");
    }
    append(sb.toString());
    TrialData t = new TrialData(trial);
    t.refresh();
    assertEquals(n, t.rows());
    double[] it = t.values("training_iteration");
    for (int i = 0; i < n; i++) {
      assertEquals(i + 1, it[i], "row " + i);
    }
    assertEquals(1.0 / n, t.last("mean_loss"));
    assertEquals("x".repeat(n % 50), t.lastResult().get("note"), "strings stay in the last result");
  }

  @Test
  void aLineThatIsNotJsonIsSkippedAndCounted() throws Exception {
    append("{\"mean_loss\": 1}\nnot json at all\n{\"mean_loss\": 0.5}\n");
    TrialData t = new TrialData(trial);
    t.refresh();
    assertEquals(2, t.rows());
    assertEquals(1, t.badLines());
  }

  @Test
  void progressCsvIsReadWhenThereIsNoJsonLog() throws Exception {
    Files.writeString(trial.resolve("progress.csv"),
        "mean_loss,training_iteration,done,hostname,config/lr\n0.5,1,False,vm,0.01\n0.25,2,True,\"v,m\",0.01\n0.1,3");
    TrialData t = new TrialData(trial);
    t.refresh();
    assertEquals(2, t.rows(), "the unfinished third line waits");
    assertArrayEquals(new double[] {0.5, 0.25}, t.values("mean_loss"));
    assertEquals("v,m", t.lastResult().get("hostname"), "quoted cells keep their commas");
    assertEquals("TERMINATED", t.status(), "done=True");
    assertTrue(!t.metrics().contains("config/lr"), "config columns are left out");
    Files.writeString(trial.resolve("progress.csv"), ",False,vm,0.01\n", StandardOpenOption.APPEND);
    t.refresh();
    assertEquals(3, t.rows());
    assertEquals(0.1, t.last("mean_loss"));
  }

  @Test
  void checkpointsAndTheErrorFileAreFound() throws Exception {
    Files.createDirectories(trial.resolve("checkpoint_2"));
    Files.writeString(trial.resolve("checkpoint_2/model"), "12345");
    Files.createDirectories(trial.resolve("checkpoint_10"));
    TrialData t = new TrialData(trial);
    t.refresh();
    assertEquals(List.of("checkpoint_2", "checkpoint_10"), t.checkpoints().stream().map(CheckpointInfo::name).toList(),
        "in natural order");
    assertEquals(2, t.checkpoints().get(0).iteration());
    assertEquals(5, t.checkpoints().get(0).bytes());
    assertNull(t.errorText());
    Files.writeString(trial.resolve("error.txt"), "Traceback: diverged");
    assertTrue(t.refresh());
    assertEquals("Traceback: diverged", t.errorText());
    assertEquals("ERROR", t.status());
  }
}
