package io.tune4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import io.tune4j.tune.trainable.Trainable;
import io.tune4j.tune.trainable.TrainableFunction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tune.run end to end: real Ray LOCAL-mode actors, real files in a temp dir. */
@Tag("ray")
class TuneRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private RunOptions quiet(Object trainable) {
    return RunOptions.of(trainable).localDir(dir).verbose(0).rayNumCpus(2);
  }

  @Test
  void gridSweepWritesTuneFilesForEveryTrial() throws Exception {
    TrainableFunction fn =
        (config, reporter) -> {
          double lr = ((Number) config.get("lr")).doubleValue();
          for (int i = 0; i < 5; i++) {
            reporter.report("mean_loss", lr * (5 - i), "timesteps_this_iter", 10, "info", Map.of("x", i));
          }
        };
    ExperimentAnalysis a =
        Tune.run(quiet(fn).name("grid").config(Map.of("lr", Tune.gridSearch(0.1, 0.2, 0.3))));
    assertEquals(3, a.trials().size());
    for (TrialResult t : a.trials()) {
      assertEquals("TERMINATED", t.status());
      Path d = t.logdir();
      assertTrue(d.getFileName().toString().startsWith("func_"), d.toString());
      JsonNode params = JSON.readTree(d.resolve("params.json").toFile());
      assertEquals(t.config().get("lr"), params.get("lr").asDouble());
      List<String> lines = Files.readAllLines(d.resolve("result.json"));
      assertEquals(5, lines.size(), "one line per reported result, the final done copy not logged twice");
      for (int i = 0; i < lines.size(); i++) {
        JsonNode r = JSON.readTree(lines.get(i));
        assertEquals(i + 1, r.get("training_iteration").asInt());
        assertEquals(10L * (i + 1), r.get("timesteps_total").asLong());
        assertEquals(t.trialId(), r.get("trial_id").asText());
        assertTrue(r.has("time_total_s") && r.has("date") && r.has("experiment_id") && r.has("pid"));
      }
      List<String> csv = Files.readAllLines(d.resolve("progress.csv"));
      assertEquals(6, csv.size());
      assertTrue(csv.get(0).contains("info/x"), csv.get(0));
      assertTrue(csv.get(0).contains("mean_loss"), csv.get(0));
      try (Stream<Path> s = Files.list(d)) {
        assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("events.out.tfevents.")));
      }
      assertEquals(Boolean.TRUE, t.lastResult().get("done"));
    }
    List<String> names = a.trials().stream().map(TrialResult::name).toList();
    assertEquals(List.of("func_0_lr=0.1", "func_1_lr=0.2", "func_2_lr=0.3"), names);
    assertEquals(0.1, a.bestConfig("mean_loss", "min").get("lr"));
  }

  /** Sleeps, recording when it ran; used to check real parallelism. */
  public static class Sleeper extends Trainable {
    @Override
    protected Map<String, Object> step() throws Exception {
      Thread.sleep(400);
      return Map.of("done", true);
    }
  }

  @Test
  void twoOneCpuTrialsOverlapUnderTwoCpusAndTheThirdWaits() {
    ExperimentAnalysis a =
        Tune.run(quiet(Sleeper.class).name("par").config(Map.of("i", Tune.gridSearch(0, 1, 2))));
    List<TrialResult> ts = a.trials().stream().sorted(Comparator.comparingLong(TrialResult::startMillis)).toList();
    TrialResult first = ts.get(0);
    TrialResult second = ts.get(1);
    TrialResult third = ts.get(2);
    assertTrue(second.startMillis() < first.endMillis(), "first two trials overlap in time");
    long firstEnd = Math.min(first.endMillis(), second.endMillis());
    assertTrue(third.startMillis() >= firstEnd, "the third waits until a CPU frees: " + ts);
  }

  @Test
  void stopCriteriaStopTrialsAndAMissingKeyFailsOnlyThatTrial() throws Exception {
    TrainableFunction fn =
        (config, reporter) -> {
          for (int i = 0; i < 1000; i++) {
            reporter.report("score", (double) i);
          }
        };
    ExperimentAnalysis a = Tune.run(quiet(fn).name("stop").stop(Map.of("score", 3)));
    TrialResult t = a.trials().get(0);
    assertEquals(4L, t.lastResult().get("training_iteration"));
    assertEquals(3.0, t.lastResult().get("score"));

    TrialsFailedException e =
        assertThrows(
            TrialsFailedException.class,
            () -> Tune.run(quiet(fn).name("stop2").stop(Map.of("no_such_metric", 1))));
    TrialResult failed = e.analysis().trials().get(0);
    assertEquals("ERROR", failed.status());
    assertTrue(failed.errorMessage().contains("no_such_metric"), failed.errorMessage());
    assertTrue(failed.errorMessage().contains("func_0"), failed.errorMessage());
  }

  @Test
  void aThrowingTrialIsErrorWithItsStackTraceAndTheOthersRunOn() throws Exception {
    TrainableFunction fn =
        (config, reporter) -> {
          int i = ((Number) config.get("i")).intValue();
          reporter.report("x", 1);
          if (i == 1) {
            throw new IllegalStateException("boom in trial one");
          }
          reporter.report("x", 2);
        };
    TrialsFailedException e =
        assertThrows(
            TrialsFailedException.class,
            () -> Tune.run(quiet(fn).name("err").config(Map.of("i", Tune.gridSearch(0, 1, 2)))));
    ExperimentAnalysis a = e.analysis();
    assertEquals(List.of("TERMINATED", "ERROR", "TERMINATED"), a.trials().stream().map(TrialResult::status).toList());
    TrialResult bad = a.trials().get(1);
    String text = Files.readString(Path.of(bad.errorFile()));
    assertTrue(text.contains("boom in trial one") && text.contains("IllegalStateException"), text);
    assertEquals(1, Files.readAllLines(bad.logdir().resolve("result.json")).size(), "result before the error kept");
    assertTrue(e.getMessage().contains("func_1_i=1"), e.getMessage());
  }

  /** Fails in setup. */
  public static class BadSetup extends Trainable {
    @Override
    protected void setup(Map<String, Object> config) {
      throw new IllegalArgumentException("bad setup value " + config.get("v"));
    }

    @Override
    protected Map<String, Object> step() {
      return Map.of();
    }
  }

  @Test
  void setupFailureNamesTheTrial() {
    TrialsFailedException e =
        assertThrows(
            TrialsFailedException.class,
            () -> Tune.run(quiet(BadSetup.class).name("setup").config(Map.of("v", 7))));
    TrialResult t = e.analysis().trials().get(0);
    assertTrue(t.errorMessage().contains("BadSetup_0_v=7") || t.errorMessage().contains("BadSetup_0"), t.errorMessage());
    assertTrue(t.errorMessage().contains("setup"), t.errorMessage());
  }

  @Test
  void badResourcesAndUnsendableConfigAreErrorsNamingTrialAndKey() {
    TrainableFunction fn = (config, reporter) -> reporter.report("x", 1);
    TrialsFailedException e1 =
        assertThrows(
            TrialsFailedException.class,
            () -> Tune.run(quiet(fn).name("res").resourcesPerTrial(Map.of("cpus", 1))));
    String m1 = e1.analysis().trials().get(0).errorMessage();
    assertTrue(m1.contains("resources_per_trial.cpus") && m1.contains("trial 0"), m1);

    TrialsFailedException e2 =
        assertThrows(
            TrialsFailedException.class,
            () -> Tune.run(quiet(fn).name("big").resourcesPerTrial(Map.of("cpu", 1, "gpu", 2))));
    String m2 = e2.analysis().trials().get(0).errorMessage();
    assertTrue(m2.contains("Insufficient cluster resources") && m2.contains("0 GPUs") && m2.contains("func_0"), m2);
    assertTrue(m2.contains("lower num_workers") && m2.contains("--ray-num-cpus"), m2);

    // More CPUs than the embedded budget: actors are threads, so the trial runs (alone) with a notice.
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    var big =
        Tune.run(
            quiet(fn).name("bigcpu").resourcesPerTrial(Map.of("cpu", 8)).numSamples(2).verbose(1)
                .out(new java.io.PrintStream(buf, true)).rayNumCpus(2));
    assertEquals(2, big.trials().stream().filter(t -> t.status().equals("TERMINATED")).count());
    String notice = buf.toString();
    assertTrue(notice.contains("Notice: trial func_0 asks for 8 CPUs but Tune has 2 (--ray-num-cpus)"), notice);

    TrialsFailedException e3 =
        assertThrows(
            TrialsFailedException.class,
            () -> Tune.run(quiet(fn).name("neg").resourcesPerTrial(Map.of("gpu", -1))));
    assertTrue(e3.analysis().trials().get(0).errorMessage().contains("resources_per_trial.gpu must be >= 0"));

    Map<String, Object> cfg = new HashMap<>();
    cfg.put("thing", new Object());
    TrialsFailedException e4 =
        assertThrows(TrialsFailedException.class, () -> Tune.run(quiet(fn).name("ser").config(cfg)));
    String m4 = e4.analysis().trials().get(0).errorMessage();
    assertTrue(m4.contains("config key 'thing'") && m4.contains("java.lang.Object"), m4);
  }

  @Test
  void unwritableLocalDirIsAnErrorNamingThePath() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    TuneException e =
        assertThrows(
            TuneException.class,
            () -> Tune.run(RunOptions.of((TrainableFunction) (c, r) -> {}).localDir(file).verbose(0)));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void unknownOptionKeyNamesTheClosestValidKey() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("run", "PPO");
    spec.put("num_sample", 2);
    TuneException e = assertThrows(TuneException.class, () -> RunOptions.fromMap("exp", spec));
    assertTrue(e.getMessage().contains("'num_sample'") && e.getMessage().contains("did you mean 'num_samples'"), e.getMessage());
  }

  /** A counter trainable with checkpoints. */
  public static class Counter extends Trainable {
    int n;

    @Override
    protected Map<String, Object> step() {
      n++;
      return Map.of("n", n);
    }

    @Override
    protected Path saveCheckpoint(Path dir) throws Exception {
      return Files.writeString(dir.resolve("state.txt"), Integer.toString(n));
    }

    @Override
    protected void loadCheckpoint(Path p) throws Exception {
      n = Integer.parseInt(Files.readString(p).trim());
    }
  }

  @Test
  void checkpointsAreWrittenAndRestoreResumesCounters() throws Exception {
    ExperimentAnalysis a =
        Tune.run(quiet(Counter.class).name("ckpt").checkpointFreq(2).checkpointAtEnd(true)
            .stop(Map.of("training_iteration", 5)));
    TrialResult t = a.trials().get(0);
    assertTrue(Files.exists(t.logdir().resolve("checkpoint_2/state.txt")));
    assertTrue(Files.exists(t.logdir().resolve("checkpoint_4/state.txt")));
    assertTrue(Files.exists(t.logdir().resolve("checkpoint_5/state.txt")));
    assertTrue(t.checkpoint().endsWith("checkpoint_5/state.txt"), t.checkpoint());

    ExperimentAnalysis b =
        Tune.run(quiet(Counter.class).name("ckpt2").restore(t.checkpoint()).stop(Map.of("training_iteration", 7)));
    Map<String, Object> last = b.trials().get(0).lastResult();
    assertEquals(7, last.get("n"));
    assertEquals(7L, last.get("training_iteration"));
    assertEquals(2L, last.get("iterations_since_restore"));
  }

  @Test
  void aLongSweepReusesActorsInsteadOfLeakingOnePerTrial() {
    TrainableFunction fn = (config, reporter) -> reporter.report("x", config.get("i"));
    int before = Thread.activeCount();
    ExperimentAnalysis a =
        Tune.run(quiet(fn).name("many").config(Map.of("i", Tune.gridSearch(java.util.stream.IntStream.range(0, 60).boxed().toList()))));
    assertEquals(60, a.trials().size());
    assertTrue(a.trials().stream().allMatch(t -> t.status().equals("TERMINATED")));
    int grown = Thread.activeCount() - before;
    assertTrue(grown < 20, "threads grew by " + grown + " for 60 trials");
  }

  @Test
  void statusTableShowsTuneFormat() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TrainableFunction fn =
        (config, reporter) -> reporter.report("episode_reward_mean", 54.66, "timesteps_this_iter", 4013);
    Tune.run(quiet(fn).name("status").verbose(1).out(new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .config(Map.of("lr", Tune.gridSearch(0.01, 0.001))));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("== Status ==\nUsing FIFO scheduling algorithm.\nResources requested: 0/2 CPUs, 0/0 GPUs\n"), out);
    assertTrue(out.contains("Result logdir: " + dir.resolve("status").toAbsolutePath()), out);
    assertTrue(out.contains("Number of trials: 2 ({'TERMINATED': 2})"), out);
    assertTrue(out.contains("TERMINATED trials:\n - func_0_lr=0.01:\tTERMINATED, [1 CPUs, 0 GPUs], [pid="), out);
    assertTrue(out.contains(" s, 1 iter, 4013 ts, 54.7 rew\n"), out);
  }

  @Test
  void timeBudgetStopsTheExperiment() {
    TrainableFunction fn =
        (config, reporter) -> {
          while (true) {
            Thread.sleep(20);
            reporter.report("x", 1);
          }
        };
    long t0 = System.nanoTime();
    ExperimentAnalysis a = Tune.run(quiet(fn).name("budget").timeBudgetS(1.0));
    double s = (System.nanoTime() - t0) / 1e9;
    assertTrue(s < 10, "took " + s);
    assertEquals("TERMINATED", a.trials().get(0).status());
    assertNotNull(a.trials().get(0).lastResult().get("x"));
    assertFalse(a.trials().get(0).lastResult().isEmpty());
  }
}
