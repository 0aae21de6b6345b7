package io.tune4j.schedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PB2Test {
  /**
   * Eight trials whose reward grows by {@code x} per iteration; PB2 exploits every 4 iterations.
   * The values it suggests must stay inside [0, 1] and move toward 1.
   */
  @Test
  void suggestionsStayInBoundsAndMoveTowardTheBetterEnd() {
    PB2 pb2 =
        PB2.builder()
            .timeAttr("training_iteration").metric("reward").mode("max")
            .perturbationInterval(4)
            .hyperparamBounds(Map.of("x", new double[] {0, 1}))
            .seed(11)
            .build();
    InMemorySchedulerContext ctx = new InMemorySchedulerContext(8);
    SplittableRandom random = new SplittableRandom(3);
    Map<String, Double> reward = new LinkedHashMap<>();
    Map<String, Integer> iteration = new LinkedHashMap<>();
    for (int i = 0; i < 8; i++) {
      String id = "t" + i;
      pb2.onTrialAdd(ctx, ctx.add(id, 1, Map.of("x", 0.05 + 0.05 * i, "other", "kept")));
      ctx.setStatus(id, TrialStatus.RUNNING);
      reward.put(id, 0.0);
      iteration.put(id, 0);
    }
    List<Double> suggested = new ArrayList<>();
    for (int round = 0; round < 60; round++) {
      for (int i = 0; i < 8; i++) {
        String id = "t" + i;
        double x = ((Number) ctx.trial(id).config().get("x")).doubleValue();
        int it = iteration.merge(id, 1, Integer::sum);
        double r = reward.merge(id, x + 0.01 * random.nextGaussian(), Double::sum);
        Map<String, Object> result = Map.of("training_iteration", it, "reward", r);
        Decision d = pb2.onTrialResult(ctx, ctx.report(id, result), result);
        if (d instanceof Decision.Continue c && c.checkpoint()) {
          ctx.setCheckpoint(id, it);
        } else if (d instanceof Decision.Exploit e) {
          double nx = (Double) e.newConfig().get("x");
          assertTrue(nx >= 0 && nx <= 1, "outside the bounds: " + nx);
          assertEquals("kept", e.newConfig().get("other"));
          suggested.add(nx);
          ctx.setConfig(id, e.newConfig());
          reward.put(id, reward.get(e.sourceTrialId()));
          iteration.put(id, iteration.get(e.sourceTrialId()));
        }
      }
    }
    assertTrue(suggested.size() >= 10, "exploits: " + suggested.size());
    int half = suggested.size() / 2;
    double late = suggested.subList(half, suggested.size()).stream().mapToDouble(v -> v).average().orElse(0);
    assertTrue(late > 0.6, "late suggestions average " + late + ": " + suggested);
  }

  @Test
  void validatesBoundsAndConfig() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> PB2.builder().build()).getMessage().contains("hyperparam_bounds"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> PB2.builder().hyperparamBounds(Map.of("x", new double[] {1, 0})).build())
            .getMessage().startsWith("hyperparam_bounds['x']"));
    PB2 pb2 = PB2.builder().metric("m").mode("max").hyperparamBounds(Map.of("x", new double[] {0, 1})).build();
    InMemorySchedulerContext ctx = new InMemorySchedulerContext(1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> pb2.onTrialAdd(ctx, ctx.add("a", 1, Map.of("y", 1))));
    assertTrue(e.getMessage().startsWith("hyperparam_bounds key 'x' must be a number in the config of trial a"));
    assertTrue(pb2.debugString().startsWith("PB2: 0 checkpoints, 0 perturbs"));
  }
}
