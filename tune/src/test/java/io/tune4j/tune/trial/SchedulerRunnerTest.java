package io.tune4j.tune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.schedulers.AsyncHyperBandScheduler;
import io.tune4j.schedulers.HyperBandScheduler;
import io.tune4j.search.Mode;
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

/** Early-stopping schedulers through the real runner: bad trials stop early, none hangs. */
class SchedulerRunnerTest {
  @TempDir Path dir;

  /** Scores {@code quality * iteration}; checkpoints nothing but its counters (enough to pause). */
  public static class Linear extends Trainable {
    @Override
    protected Map<String, Object> step() {
      return Map.of("score", ((Number) config().get("quality")).doubleValue() * (iteration() + 1));
    }

    @Override
    protected Path saveCheckpoint(Path d) throws Exception {
      return Files.writeString(d.resolve("it"), Long.toString(iteration()));
    }

    @Override
    protected void loadCheckpoint(Path p) {}
  }

  private static List<Object> qualities(int n) {
    List<Object> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(i / 10.0);
    }
    return out;
  }

  /** The qualities best first: ASHA judges a trial against those that reached a rung before it. */
  private static List<Object> best(int n) {
    List<Object> out = qualities(n);
    java.util.Collections.reverse(out);
    return out;
  }

  private static long iterations(TrialResult t) {
    return ((Number) t.lastResult().get("training_iteration")).longValue();
  }

  @Test
  void ashaStopsTheWorseTrialsAtItsRungsAndLetsTheBestRunToMaxT() {
    AsyncHyperBandScheduler asha = AsyncHyperBandScheduler.builder().timeAttr("training_iteration")
        .maxT(27).gracePeriod(1).reductionFactor(3).seed(0).build();
    ExperimentAnalysis a = Tune.run(RunOptions.of(Linear.class).name("asha").localDir(dir).verbose(0).rayNumCpus(2)
        .scheduler(asha).metric("score").mode(Mode.MAX).config(Map.of("quality", Tune.gridSearch(best(12))))
        .stop(Map.of("training_iteration", 100)));
    int early = 0;
    for (TrialResult t : a.trials()) {
      assertEquals("TERMINATED", t.status(), t.name());
      if (iterations(t) < 27) {
        early++;
      }
    }
    assertEquals(27, iterations(a.bestTrial("score", Mode.MAX)), "the best quality reached max_t");
    assertTrue(early >= 6, early + " of 12 trials stopped before max_t");
  }

  @Test
  void hyperBandPausesAndHalvesWithoutLeavingTrialsBehind() {
    HyperBandScheduler hb = HyperBandScheduler.builder().timeAttr("training_iteration").maxT(9).reductionFactor(3)
        .metric("score").mode(Mode.MAX).build();
    ExperimentAnalysis a = Tune.run(RunOptions.of(Linear.class).name("hb").localDir(dir).verbose(0).rayNumCpus(2)
        .scheduler(hb).config(Map.of("quality", Tune.gridSearch(qualities(10)))).stop(Map.of("training_iteration", 100)));
    int early = 0;
    long most = 0;
    for (TrialResult t : a.trials()) {
      assertEquals("TERMINATED", t.status(), t.name());
      most = Math.max(most, iterations(t));
      if (iterations(t) < 9) {
        early++;
      }
    }
    assertEquals(9, most, "some trial ran to max_t");
    assertTrue(early >= 3, early + " of 10 trials stopped before max_t");
    assertTrue(hb.debugString().startsWith("Using HyperBand"), hb.debugString());
  }
}
