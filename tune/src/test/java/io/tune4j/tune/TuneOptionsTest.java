package io.tune4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import io.tune4j.tune.stopper.Stopper;
import io.tune4j.tune.trainable.Trainable;
import io.tune4j.tune.trainable.TrainableFunction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RunOptions end to end: verbose output, seeds, resources, concurrency limits and stoppers. */
@Tag("ray")
class TuneOptionsTest {
  @TempDir Path dir;

  private RunOptions quiet(Object trainable) {
    return RunOptions.of(trainable).localDir(dir).verbose(0).rayNumCpus(2);
  }

  /** Sleeps 150 ms per step and stops after one step. */
  public static class Nap extends Trainable {
    @Override
    protected Map<String, Object> step() throws Exception {
      Thread.sleep(150);
      return Map.of("done", true);
    }
  }

  private static List<TrialResult> byStart(ExperimentAnalysis a) {
    return a.trials().stream().sorted(Comparator.comparingLong(TrialResult::startMillis)).toList();
  }

  private static void assertOneAtATime(List<TrialResult> ts) {
    for (int i = 1; i < ts.size(); i++) {
      assertTrue(
          ts.get(i).startMillis() >= ts.get(i - 1).endMillis(),
          "trial " + ts.get(i).name() + " started before " + ts.get(i - 1).name() + " ended: " + ts);
    }
  }

  @Test
  void verboseTwoPrintsResultForEachTrialAtTheEndWithSortedKeysAndNoConfig() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TrainableFunction fn =
        (config, reporter) -> {
          for (int i = 1; i <= 3; i++) {
            reporter.report("mean_loss", 1.0 / i, "info", Map.of("kl", 0.5));
          }
        };
    Tune.run(
        quiet(fn).name("v2").verbose(2).out(new PrintStream(bytes, true, StandardCharsets.UTF_8))
            .config(Map.of("lr", Tune.gridSearch(0.1, 0.2))));
    String out = bytes.toString(StandardCharsets.UTF_8);
    int first = out.indexOf("Result for func_0_lr=0.1:\n");
    assertTrue(first >= 0, out);
    assertTrue(out.contains("Result for func_1_lr=0.2:\n"), out);
    assertEquals(2, out.split("Result for ", -1).length - 1, "one block per trial at verbose 2: " + out);
    String block = out.substring(first, out.indexOf("\n\n", first));
    assertTrue(block.contains("\n  training_iteration: 3\n"), block);
    assertTrue(block.contains("\n  done: true\n"), block);
    assertTrue(block.contains("\n  info:\n    kl: 0.5\n"), block);
    assertTrue(block.indexOf("  date: ") < block.indexOf("  done: "), "keys sorted: " + block);
    assertTrue(block.indexOf("  mean_loss: ") < block.indexOf("  training_iteration: "), block);
    assertFalse(block.contains("\n  config:"), "config is left out: " + block);
    assertFalse(out.contains("__duplicate__"), out);
    assertTrue(out.contains("== Status =="), "verbose 2 includes the status: " + out);
  }

  private List<String> paramsInTrialOrder(ExperimentAnalysis a) throws Exception {
    List<String> out = new ArrayList<>();
    for (TrialResult t : a.trials()) {
      out.add(Files.readString(t.logdir().resolve("params.json")));
    }
    return out;
  }

  @Test
  void theSameSeedGivesTheSameConfigsInTheSameOrder() throws Exception {
    TrainableFunction fn = (config, reporter) -> reporter.report("x", 1);
    Map<String, Object> space =
        Map.of(
            "lr", Tune.loguniform(1e-4, 1e-1),
            "momentum", Tune.uniform(0, 1),
            "layers", Tune.gridSearch(1, 2),
            "act", Tune.choice("relu", "tanh", "elu"));
    ExperimentAnalysis a = Tune.run(quiet(fn).name("s1").config(space).numSamples(3).seed(123));
    ExperimentAnalysis b = Tune.run(quiet(fn).name("s2").config(space).numSamples(3).seed(123));
    ExperimentAnalysis c = Tune.run(quiet(fn).name("s3").config(space).numSamples(3).seed(124));
    List<String> pa = paramsInTrialOrder(a);
    assertEquals(6, pa.size());
    assertEquals(pa, paramsInTrialOrder(b));
    assertEquals(
        a.trials().stream().map(TrialResult::name).toList(),
        b.trials().stream().map(TrialResult::name).toList());
    assertNotEquals(pa, paramsInTrialOrder(c), "another seed draws other values");
    assertTrue(pa.get(0).contains("\"momentum\""), pa.get(0));
  }

  @Test
  void resourcesPerTrialFromSampleFromResolvePerTrialAndAreAccounted() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ExperimentAnalysis a =
        Tune.run(
            quiet(Nap.class).name("res").verbose(1)
                .out(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .config(Map.of("num_workers", Tune.gridSearch(1, 1, 0)))
                .resourcesPerTrial(
                    Map.of("cpu", 1, "extra_cpu", Tune.sampleFrom(spec -> spec.config("num_workers")))));
    List<String> names = a.trials().stream().map(TrialResult::name).toList();
    assertEquals(List.of("Nap_0_num_workers=1", "Nap_1_num_workers=1", "Nap_2_num_workers=0"), names);
    // Trials 0 and 1 ask 1+1 CPUs each: under a 2-CPU budget they cannot overlap.
    TrialResult t0 = a.trials().get(0);
    TrialResult t1 = a.trials().get(1);
    assertTrue(t1.startMillis() >= t0.endMillis() || t0.startMillis() >= t1.endMillis(), byStart(a).toString());
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains(" - Nap_0_num_workers=1:\tTERMINATED, [2 CPUs, 0 GPUs]"), out);
    assertTrue(out.contains(" - Nap_2_num_workers=0:\tTERMINATED, [1 CPUs, 0 GPUs]"), out);
  }

  @Test
  void maxConcurrentTrialsLimitsRunningTrialsBelowTheResourceLimit() {
    ExperimentAnalysis a =
        Tune.run(
            quiet(Nap.class).name("conc").rayNumCpus(4).maxConcurrentTrials(1)
                .config(Map.of("i", Tune.gridSearch(0, 1, 2))));
    assertEquals(3, a.trials().size());
    assertOneAtATime(byStart(a));
  }

  @Test
  void aCustomStopperStopsTrialsAndCanStopTheWholeExperiment() throws Exception {
    TrainableFunction counting =
        (config, reporter) -> {
          for (int i = 0; i < 100_000; i++) {
            reporter.report("score", (double) i);
          }
        };
    Stopper atFour = (id, r) -> ((Number) r.get("score")).doubleValue() >= 4;
    ExperimentAnalysis a = Tune.run(quiet(counting).name("stopper").stopper(atFour));
    assertEquals(4.0, a.trials().get(0).lastResult().get("score"));
    assertEquals(5L, a.trials().get(0).lastResult().get("training_iteration"));

    AtomicInteger seen = new AtomicInteger();
    Stopper all =
        new Stopper() {
          @Override
          public boolean shouldStopTrial(String trialId, Map<String, Object> result) {
            seen.incrementAndGet();
            return false;
          }

          @Override
          public boolean shouldStopAll() {
            return seen.get() >= 10;
          }
        };
    ExperimentAnalysis b =
        Tune.run(quiet(counting).name("stopall").stopper(all).config(Map.of("i", Tune.gridSearch(0, 1, 2, 3))));
    for (TrialResult t : b.trials()) {
      assertEquals("TERMINATED", t.status(), t.name());
      if (t.logdir() != null && Files.exists(t.logdir().resolve("result.json"))) {
        assertTrue(Files.readAllLines(t.logdir().resolve("result.json")).size() <= 10, t.name());
      }
    }
    assertTrue(seen.get() >= 10 && seen.get() < 20, "stopped soon after 10 results: " + seen.get());
  }
}
