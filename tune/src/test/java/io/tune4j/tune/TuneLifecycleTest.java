package io.tune4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tune4j.schedulers.Decision;
import io.tune4j.schedulers.SchedulerContext;
import io.tune4j.schedulers.TrialScheduler;
import io.tune4j.schedulers.TrialStatus;
import io.tune4j.schedulers.TrialView;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import io.tune4j.tune.trainable.Trainable;
import io.tune4j.tune.trainable.TrainableFunction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trial lifecycle end to end: pause and resume, actor reuse, many short trials. */
@Tag("ray")
class TuneLifecycleTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private RunOptions quiet(Object trainable) {
    return RunOptions.of(trainable).localDir(dir).verbose(0).rayNumCpus(2);
  }

  /** Counts steps; checkpoints its count. */
  public static class Counter extends Trainable {
    int n;

    @Override
    protected Map<String, Object> step() {
      n++;
      return Map.of("n", n);
    }

    @Override
    protected Path saveCheckpoint(Path dir) throws Exception {
      return Files.writeString(dir.resolve("n.txt"), Integer.toString(n));
    }

    @Override
    protected void loadCheckpoint(Path p) throws Exception {
      n = Integer.parseInt(Files.readString(p).trim());
    }
  }

  /** Pauses every trial once, at its second result; runs PENDING trials first, then PAUSED ones. */
  static final class PauseOnce implements TrialScheduler {
    final Set<String> paused = new HashSet<>();
    final List<String> resumed = new ArrayList<>();

    @Override
    public Decision onTrialResult(SchedulerContext ctx, TrialView trial, Map<String, Object> result) {
      assertEquals(result, trial.lastResult(), "the view already holds the result");
      if (((Number) result.get("training_iteration")).intValue() == 2 && paused.add(trial.trialId())) {
        return Decision.PAUSE;
      }
      return Decision.CONTINUE;
    }

    @Override
    public String chooseTrialToRun(SchedulerContext ctx) {
      for (TrialStatus wanted : new TrialStatus[] {TrialStatus.PENDING, TrialStatus.PAUSED}) {
        for (TrialView t : ctx.trials()) {
          if (t.status() == wanted && ctx.hasResourcesFor(t.trialId())) {
            if (wanted == TrialStatus.PAUSED) {
              resumed.add(t.trialId());
            }
            return t.trialId();
          }
        }
      }
      return null;
    }

    @Override
    public String debugString() {
      return "Using PauseOnce.";
    }
  }

  @Test
  void aPausedTrialResumesFromItsCheckpointWithItsCountersIntact() throws Exception {
    PauseOnce scheduler = new PauseOnce();
    ExperimentAnalysis a =
        Tune.run(quiet(Counter.class).name("pause").scheduler(scheduler).stop(Map.of("training_iteration", 5)));
    TrialResult t = a.trials().get(0);
    assertEquals("TERMINATED", t.status());
    assertEquals(Set.of(t.trialId()), scheduler.paused);
    assertEquals(List.of(t.trialId()), scheduler.resumed);
    Map<String, Object> last = t.lastResult();
    assertEquals(5, last.get("n"), "the trainable's own state came back from the checkpoint");
    assertEquals(5L, last.get("training_iteration"), "Tune's counters came back too");
    assertEquals(3L, last.get("iterations_since_restore"));
    assertTrue(Files.exists(t.logdir().resolve("checkpoint_2/n.txt")));
    List<String> lines = Files.readAllLines(t.logdir().resolve("result.json"));
    List<Integer> iters = new ArrayList<>();
    for (String line : lines) {
      iters.add(JSON.readTree(line).get("training_iteration").asInt());
    }
    assertEquals(List.of(1, 2, 3, 4, 5), iters, "one result.json line per result, none repeated");
    JsonNode first = JSON.readTree(lines.get(0));
    assertEquals(first.get("experiment_id"), JSON.readTree(lines.get(4)).get("experiment_id"));
  }

  /** Counts setups and resets across every instance. */
  public static class Reusable extends Trainable {
    static final AtomicInteger SETUPS = new AtomicInteger();
    static final AtomicInteger RESETS = new AtomicInteger();

    @Override
    protected void setup(Map<String, Object> config) {
      SETUPS.incrementAndGet();
    }

    @Override
    public boolean resetConfig(Map<String, Object> newConfig) {
      RESETS.incrementAndGet();
      return true;
    }

    @Override
    protected Map<String, Object> step() {
      return Map.of("i", config().get("i"), "done", true);
    }
  }

  @Test
  void aClassTrainableWithResetConfigIsSetUpOnceForSeveralTrials() {
    Reusable.SETUPS.set(0);
    Reusable.RESETS.set(0);
    ExperimentAnalysis a =
        Tune.run(
            quiet(Reusable.class).name("reuse").reuseActors(true).maxConcurrentTrials(1)
                .config(Map.of("i", Tune.gridSearch(10, 11, 12))));
    assertEquals(1, Reusable.SETUPS.get());
    assertEquals(2, Reusable.RESETS.get());
    for (TrialResult t : a.trials()) {
      assertEquals(t.config().get("i"), t.lastResult().get("i"), "each trial ran with its own config");
      assertEquals(1L, t.lastResult().get("training_iteration"), "counters start over per trial");
    }

    Reusable.SETUPS.set(0);
    Tune.run(
        quiet(Reusable.class).name("noreuse").reuseActors(false).maxConcurrentTrials(1)
            .config(Map.of("i", Tune.gridSearch(10, 11, 12))));
    assertEquals(3, Reusable.SETUPS.get(), "without reuse every trial gets a fresh instance");
  }

  @Test
  void hundredsOfOneResultTrialsOnTwoActorsAllTerminate() {
    // Ray 2.39 LOCAL mode can run a call on the wrong actor instance (ActorHosts); this sweep
    // failed a few trials per run before the executor routed calls by host id.
    TrainableFunction fn = (config, reporter) -> reporter.report("score", config.get("i"));
    List<Integer> grid = IntStream.range(0, 400).boxed().toList();
    ExperimentAnalysis a =
        Tune.run(quiet(fn).name("many").loggers(List.of()).config(Map.of("i", Tune.gridSearch(grid))));
    assertEquals(400, a.trials().size());
    for (TrialResult t : a.trials()) {
      assertEquals("TERMINATED", t.status(), t.name() + ": " + t.errorMessage());
      assertEquals(t.config().get("i"), t.lastResult().get("score"));
    }
  }
}
