package io.tune4j.tune.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.search.Mode;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.TuneException;
import io.tune4j.tune.trainable.Trainable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ExperimentAnalysis read from a directory alone, with Tune 2.x's scopes. */
class ExperimentAnalysisTest {
  @TempDir Path dir;
  private ExperimentAnalysis a;

  /** Reports the config's curve, one value per iteration; checkpoints every iteration. */
  public static class Curve extends Trainable {
    @Override
    protected Map<String, Object> step() {
      List<?> curve = (List<?>) config().get("curve");
      return Map.of("score", curve.get((int) iteration()));
    }

    @Override
    protected Path saveCheckpoint(Path d) throws Exception {
      return Files.writeString(d.resolve("it"), Long.toString(iteration()));
    }
  }

  @BeforeEach
  void run() {
    Tune.run(RunOptions.of(Curve.class).name("curves").localDir(dir).verbose(0).rayNumCpus(2).checkpointFreq(1)
        .config(Map.of("curve", Tune.gridSearch(List.of(1, 9, 2), List.of(3, 4, 6), List.of(8, 1, 1))))
        .stop(Map.of("training_iteration", 3)));
    a = ExperimentAnalysis.fromDirectory(dir.resolve("curves"));
  }

  private static Object curve(TrialResult t) {
    return t.config().get("curve");
  }

  @Test
  void readsEveryTrialWithItsConfigResultsAndStatus() {
    assertEquals(3, a.trials().size());
    for (TrialResult t : a.trials()) {
      assertEquals("TERMINATED", t.status());
      assertEquals(3, a.results(t).size(), t.name());
      assertEquals(3L, ((Number) t.lastResult().get("training_iteration")).longValue());
    }
    assertEquals(List.of(1, 9, 2), curve(a.trials().get(0)));
  }

  @Test
  void scopesPickDifferentBestTrials() {
    assertEquals(List.of(3, 4, 6), curve(a.bestTrial("score", Mode.MAX, "last")), "6 is the best last value");
    assertEquals(List.of(1, 9, 2), curve(a.bestTrial("score", Mode.MAX, "all")), "9 is the best value anywhere");
    assertEquals(List.of(3, 4, 6), curve(a.bestTrial("score", Mode.MAX, "avg")), "4.33 beats 4 and 3.33");
    assertEquals(List.of(8, 1, 1), curve(a.bestTrial("score", Mode.MIN, "last-5-avg")), "3.33 is the lowest mean");
    assertEquals(List.of(8, 1, 1), a.bestConfig("score", Mode.MIN, "last").get("curve"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.bestTrial("score", Mode.MAX, "first"));
    assertTrue(e.getMessage().contains("'first'"), e.getMessage());
  }

  @Test
  void theBestCheckpointIsTheOneSavedAtTheBestResult() {
    TrialResult peak = a.trials().get(0);
    assertEquals(3, a.checkpoints(peak).size());
    assertEquals(peak.logdir().resolve("checkpoint_2/it"), a.bestCheckpoint(peak, "score", Mode.MAX));
    assertEquals(peak.logdir().resolve("checkpoint_1/it"), a.bestCheckpoint(peak, "score", Mode.MIN));
  }

  @Test
  void aDirectoryWithoutTrialsIsAnErrorNamingIt() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    TuneException e = assertThrows(TuneException.class, () -> ExperimentAnalysis.fromDirectory(empty));
    assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
  }
}
