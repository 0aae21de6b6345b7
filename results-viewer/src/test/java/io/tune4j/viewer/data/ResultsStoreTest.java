package io.tune4j.viewer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.search.Mode;
import io.tune4j.viewer.Sweeps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsStoreTest {
  @TempDir Path dir;

  @Test
  void readsARealSweepWithStatusesVariedParamsCheckpointsAndErrors() {
    Sweeps.quadratic(dir, "quad");
    ResultsStore store = new ResultsStore(dir);
    assertTrue(store.refresh());
    assertEquals(List.of("quad"), store.experiments().stream().map(ExperimentData::name).toList());
    ExperimentData e = store.experiment("quad");
    assertEquals(3, e.trials().size());
    assertEquals(Map.of("TERMINATED", 2, "ERROR", 1), e.statusCounts());
    assertEquals(List.of("lr"), e.variedParams(), "momentum and model are the same everywhere");
    assertEquals("mean_loss", e.defaultMetric());
    assertEquals(Mode.MIN, ExperimentData.defaultMode("mean_loss"));
    TrialData best = e.best("mean_loss", Mode.MIN);
    assertEquals(1.0, best.config().get("lr"), "0.048 after 2 iterations; an errored trial's last result counts");
    assertEquals(0.01, e.best("mean_loss", Mode.MAX).config().get("lr"));
    for (TrialData t : e.trials()) {
      double lr = ((Number) t.config().get("lr")).doubleValue();
      if (lr == 1.0) {
        assertEquals("ERROR", t.status());
        assertEquals(2, t.rows());
        assertTrue(t.errorText().contains("diverged at lr=1.0"), t.errorText());
      } else {
        assertEquals("TERMINATED", t.status());
        assertEquals(5, t.rows());
        assertEquals(1.0 / (1 + 10 * lr * 5), t.last("mean_loss"), 1e-12);
        assertEquals(lr * 5, t.last("info/learner/grad_norm"), 1e-12);
        assertTrue(!t.checkpoints().isEmpty(), "checkpointFreq 1 kept checkpoints");
      }
    }
    assertNotNull(e.startTime());
    assertTrue(!store.refresh(), "nothing changed on disk");
  }

  @Test
  void followsAnExperimentWhileItIsWritten() throws Exception {
    int iterations = 40;
    CompletableFuture<Path> run = CompletableFuture.supplyAsync(() -> Sweeps.slow(dir, "live", iterations, 15));
    ResultsStore store = new ResultsStore(dir);
    Map<String, Integer> lastRows = new HashMap<>();
    int polls = 0;
    boolean sawPartial = false;
    while (!run.isDone() || polls == 0) {
      store.refresh();
      ExperimentData e = store.experiment("live");
      if (e != null) {
        for (TrialData t : e.trials()) {
          int rows = t.rows();
          assertTrue(rows >= lastRows.getOrDefault(t.name(), 0), "rows never go back: " + t.name());
          lastRows.put(t.name(), rows);
          double[] steps = t.values("step");
          for (int i = 0; i < rows; i++) {
            assertEquals(i + 1, steps[i], "every row read whole and in order, " + t.name());
          }
          sawPartial |= rows > 0 && rows < iterations;
        }
      }
      polls++;
      Thread.sleep(5);
    }
    run.join();
    store.refresh();
    ExperimentData e = store.experiment("live");
    assertEquals(2, e.trials().size());
    for (TrialData t : e.trials()) {
      assertEquals(iterations, t.rows(), t.name());
      assertEquals("TERMINATED", t.status());
    }
    assertTrue(sawPartial, "the store saw trials part-way (" + polls + " polls)");
  }

  @Test
  void aLogdirThatIsOneExperimentIsShownAsThatExperiment() {
    Path exp = Sweeps.quadratic(dir, "solo");
    ResultsStore store = new ResultsStore(exp);
    store.refresh();
    assertEquals(List.of("solo"), store.experiments().stream().map(ExperimentData::name).toList());
    assertEquals(3, store.experiment("solo").trials().size());
  }

  @Test
  void namesThatReachOutsideTheLogdirAreRefused() throws Exception {
    Files.createDirectories(dir.resolve("exp/t1"));
    Files.writeString(dir.resolve("exp/t1/params.json"), "{}");
    ResultsStore store = new ResultsStore(dir);
    store.refresh();
    for (String bad : List.of("..", ".", "../exp", "exp/../exp", "/etc", "a\\b", "C:\\x", "")) {
      assertThrows(UnsafePathException.class, () -> store.experiment(bad), bad);
    }
    assertNull(store.experiment("nope"));
    assertThrows(UnsafePathException.class, () -> store.experiment("exp").trial("../exp"));
    assertNotNull(store.experiment("exp").trial("t1"));
  }

  @Test
  void aMissingLogdirHasNoExperimentsUntilOneAppears() throws Exception {
    ResultsStore store = new ResultsStore(dir.resolve("later"));
    store.refresh();
    assertTrue(store.experiments().isEmpty());
    Files.createDirectories(dir.resolve("later/exp/t"));
    Files.writeString(dir.resolve("later/exp/t/params.json"), "{\"a\": 1}");
    assertTrue(store.refresh());
    assertEquals(1, store.experiments().size());
  }
}
