package io.tune4j.schedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.search.SearchSpace;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class PopulationBasedTrainingTest {
  private final InMemorySchedulerContext ctx = new InMemorySchedulerContext(8);

  /** A RandomGenerator that replays scripted draws, so explore's branches can be pinned. */
  static final class Scripted implements RandomGenerator {
    final Deque<Double> doubles = new ArrayDeque<>();
    final Deque<Integer> ints = new ArrayDeque<>();

    Scripted d(double... values) {
      for (double v : values) {
        doubles.add(v);
      }
      return this;
    }

    Scripted i(int... values) {
      for (int v : values) {
        ints.add(v);
      }
      return this;
    }

    @Override
    public double nextDouble() {
      return doubles.remove();
    }

    @Override
    public int nextInt(int bound) {
      return ints.remove();
    }

    @Override
    public long nextLong() {
      throw new UnsupportedOperationException();
    }
  }

  private static Map<String, Object> explore(Map<String, Object> config, Map<String, ?> mutations, RandomGenerator r) {
    return PbtCore.explore(config, mutations, 0.25, null, r);
  }

  @Test
  void listValuesShiftByOneAndClamp() {
    List<Integer> values = List.of(1, 10, 100, 1000);
    Map<String, ?> m = Map.of("f", values);
    assertEquals(1, explore(Map.of("f", 10), m, new Scripted().d(0.9, 0.7)).get("f"), "> 0.5: index - 1");
    assertEquals(100, explore(Map.of("f", 10), m, new Scripted().d(0.9, 0.3)).get("f"), "<= 0.5: index + 1");
    assertEquals(1000, explore(Map.of("f", 1000), m, new Scripted().d(0.9, 0.3)).get("f"), "clamped");
    assertEquals(1, explore(Map.of("f", 1), m, new Scripted().d(0.9, 0.9)).get("f"), "clamped");
    assertEquals(100, explore(Map.of("f", 10), m, new Scripted().d(0.1).i(2)).get("f"), "resampled");
    assertEquals(1000, explore(Map.of("f", 7), m, new Scripted().d(0.9).i(3)).get("f"), "not in list");
    assertEquals(100, explore(Map.of("f", 10.0), m, new Scripted().d(0.9, 0.3)).get("f"), "10.0 == 10");
  }

  @Test
  void numbersScaleBy1Point2Or0Point8AndIntsStayInts() {
    Map<String, ?> m = Map.of("x", SearchSpace.uniform(0, 1));
    assertEquals(0.12, (double) explore(Map.of("x", 0.1), m, new Scripted().d(0.9, 0.7)).get("x"), 1e-12);
    assertEquals(0.08, (double) explore(Map.of("x", 0.1), m, new Scripted().d(0.9, 0.2)).get("x"), 1e-12);
    assertEquals(12, explore(Map.of("x", 10), m, new Scripted().d(0.9, 0.7)).get("x"));
    assertEquals(2, explore(Map.of("x", 3), m, new Scripted().d(0.9, 0.2)).get("x"), "int(2.4) = 2");
    Object resampled = explore(Map.of("x", 5.0), m, new Scripted().d(0.1, 0.5)).get("x");
    assertEquals(0.5, (double) resampled, 1e-12, "resampled from uniform(0, 1) with u = 0.5");
    Map<String, ?> supplier = Map.of("x", (java.util.function.Supplier<Object>) () -> 7.9);
    assertEquals(7, explore(Map.of("x", 3), supplier, new Scripted().d(0.1)).get("x"), "int(7.9)");
  }

  @Test
  void nestedMapsRecurseAndCustomFunctionRunsLast() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("model", new LinkedHashMap<>(Map.of("lr", 1.0, "depth", 2)));
    config.put("other", "kept");
    Map<String, ?> m = Map.of("model", Map.of("lr", SearchSpace.uniform(0, 2)));
    Map<String, Object> out =
        PbtCore.explore(
            config,
            m,
            0.25,
            c -> {
              c.put("touched", true);
              return c;
            },
            new Scripted().d(0.9, 0.7));
    assertEquals(Map.of("lr", 1.2, "depth", 2), out.get("model"));
    assertEquals("kept", out.get("other"));
    assertEquals(true, out.get("touched"));
    assertEquals(1.0, ((Map<?, ?>) config.get("model")).get("lr"), "input not modified");
  }

  private PopulationBasedTraining pbt(double quantile) {
    return PopulationBasedTraining.builder()
        .timeAttr("training_iteration")
        .metric("acc")
        .mode("max")
        .perturbationInterval(5)
        .quantileFraction(quantile)
        .hyperparamMutations(Map.of("lr", List.of(0.001, 0.01, 0.1), "iters", SearchSpace.uniform(1, 50)))
        .seed(4)
        .build();
  }

  private Decision report(PopulationBasedTraining s, String id, int it, double acc) {
    Map<String, Object> r = Map.of("training_iteration", it, "acc", acc);
    return s.onTrialResult(ctx, ctx.report(id, r), r);
  }

  private void addRunning(PopulationBasedTraining s, int n) {
    for (int i = 0; i < n; i++) {
      s.onTrialAdd(ctx, ctx.add("t" + i, 1, Map.of("lr", 0.01, "iters", 20)));
      ctx.setStatus("t" + i, TrialStatus.RUNNING);
    }
  }

  @Test
  void quantileSizesAreCeilCappedAtHalf() {
    int[][] cases = {{4, 25, 1}, {10, 25, 3}, {3, 50, 1}, {2, 50, 1}, {1, 50, 0}, {8, 0, 0}};
    for (int[] c : cases) {
      InMemorySchedulerContext local = new InMemorySchedulerContext(100);
      PopulationBasedTraining s = pbt(c[1] / 100.0);
      for (int i = 0; i < c[0]; i++) {
        s.onTrialAdd(local, local.add("t" + i, 1, Map.of("lr", 0.01, "iters", 20)));
        local.setStatus("t" + i, TrialStatus.RUNNING);
        Map<String, Object> r = Map.of("training_iteration", 5, "acc", (double) i);
        s.onTrialResult(local, local.report("t" + i, r), r);
      }
      List<List<String>> q = s.quantiles(local);
      assertEquals(c[2], q.get(0).size(), "N=" + c[0] + " q=" + c[1]);
      if (c[2] > 0) {
        assertEquals("t0", q.get(0).get(0));
        assertEquals("t" + (c[0] - 1), q.get(1).get(c[2] - 1));
      }
    }
  }

  @Test
  void upperCheckpointsLowerExploitsACheckpointedUpperTrial() {
    PopulationBasedTraining s = pbt(0.25);
    addRunning(s, 4);
    assertEquals(Decision.CONTINUE, report(s, "t0", 4, 1), "before the interval");
    assertEquals(Decision.CONTINUE, report(s, "t0", 5, 1), "alone: no quantiles yet");
    assertEquals(Decision.continueAndCheckpoint(), report(s, "t3", 5, 9), "upper of 2");
    assertEquals(Decision.CONTINUE, report(s, "t1", 5, 5), "middle of 3: k = 1");
    // t2 at 0 is lowest of 4; its exploit source is the upper trial t3, but t3 has no checkpoint yet
    assertEquals(Decision.CONTINUE, report(s, "t2", 5, 0));
    ctx.setCheckpoint("t3", 5);
    Decision d = report(s, "t2", 10, 0);
    Decision.Exploit e = assertInstanceOf(Decision.Exploit.class, d);
    assertEquals("t3", e.sourceTrialId());
    assertTrue(e.note().matches("iters=[0-9.e+-]+,lr=0\\.[0-9]+"), e.note());
    assertEquals(1, s.exploits().size());
    PbtExploit x = s.exploits().get(0);
    assertEquals("t2", x.targetTrialId());
    assertEquals(10, x.targetIteration());
    assertEquals(5, x.sourceIteration());
    assertEquals(e.newConfig(), x.newConfig());
    assertEquals(5.0, s.lastPerturbationTime("t2"), "took the source's last perturbation time");
    assertTrue(s.debugString().startsWith("PopulationBasedTraining: 1 checkpoints, 1 perturbs\nlast exploit: t2 <- t3"));
  }

  @Test
  void timeMultiplexesAndChoosesTheLeastPerturbedTrial() {
    PopulationBasedTraining s = pbt(0.25);
    addRunning(s, 2);
    s.onTrialAdd(ctx, ctx.add("w", 1, Map.of("lr", 0.1, "iters", 3)));
    assertEquals(Decision.PAUSE, report(s, "t0", 5, 1), "w waits");
    ctx.setStatus("t0", TrialStatus.PAUSED);
    assertEquals("w", s.chooseTrialToRun(ctx), "w last perturbed at 0 < 5");
    ctx.setStatus("w", TrialStatus.RUNNING);
    assertEquals("t0", s.chooseTrialToRun(ctx));
  }

  @Test
  void missingMutationKeyNamesIt() {
    PopulationBasedTraining s = pbt(0.25);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.onTrialAdd(ctx, ctx.add("a", 1, Map.of("lr", 0.1))));
    assertEquals(
        "hyperparam_mutations key 'iters' is missing from the config of trial a (keys there: [lr])",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PopulationBasedTraining.builder().build());
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> PopulationBasedTraining.builder().quantileFraction(0.6).hyperparamMutations(Map.of("a", List.of(1))).build())
            .getMessage().startsWith("quantile_fraction"));
  }

  @Test
  void noteFormatsLikeTunesFormatVars() {
    assertEquals("0.012", PbtCore.format(0.012));
    assertEquals("20.0", PbtCore.format(20.0));
    assertEquals("1.2346", PbtCore.format(1.23456789));
    assertEquals("1e-05", PbtCore.format(0.00001));
    assertEquals("1.2346e+05", PbtCore.format(123456.0));
    assertEquals("20", PbtCore.format(20));
  }
}
