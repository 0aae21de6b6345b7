package io.tune4j.schedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * saveState gives JSON-compatible maps, and a scheduler restored from them (after a JSON-like
 * number conversion, trials re-added) decides exactly as the original from then on.
 */
class SchedulerStateTest {

  /** Fails unless the value holds only Map/List/String/Number/Boolean/null. */
  static void assertJsonCompatible(Object value, String path) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
      if (value instanceof Double d && !Double.isFinite(d)) {
        fail(path + " is " + d + ", not valid JSON");
      }
      return;
    }
    if (value instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> {
            assertTrue(k instanceof String, path + " key " + k);
            assertJsonCompatible(v, path + "." + k);
          });
    } else if (value instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        assertJsonCompatible(l.get(i), path + "[" + i + "]");
      }
    } else {
      fail(path + " is a " + value.getClass().getName());
    }
  }

  /** What a JSON round trip does to numbers: integral ones come back as Long, others as Double. */
  static Object viaJson(Object value) {
    if (value instanceof Number n) {
      double d = n.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e15 && !(value instanceof Double) ? (Object) n.longValue() : (Object) d;
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put((String) k, viaJson(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(viaJson(v)));
      return out;
    }
    return value;
  }

  private static final class Harness extends TrialSchedulerContractTest {
    private final Supplier<TrialScheduler> factory;
    private final Map<String, Object> config;

    Harness(Supplier<TrialScheduler> factory, Map<String, Object> config) {
      this.factory = factory;
      this.config = config;
    }

    @Override
    protected TrialScheduler createScheduler() {
      return factory.get();
    }

    @Override
    protected Map<String, Object> config(String trialId) {
      return config;
    }
  }

  @SuppressWarnings("unchecked")
  private static void roundTrip(Supplier<TrialScheduler> factory, Map<String, Object> config) {
    for (long seed = 0; seed < 4; seed++) {
      for (long switchAt : new long[] {30, 150}) {
        Harness h = new Harness(factory, config);
        List<String> plain =
            h.simulate(factory.get(), new InMemorySchedulerContext(2), 12, new SplittableRandom(seed), Long.MAX_VALUE, null);
        InMemorySchedulerContext ctx = new InMemorySchedulerContext(2);
        List<String> resumed =
            h.simulate(
                factory.get(),
                ctx,
                12,
                new SplittableRandom(seed),
                switchAt,
                old -> {
                  Map<String, Object> state = old.saveState();
                  assertJsonCompatible(state, "state");
                  TrialScheduler fresh = factory.get();
                  fresh.restoreState((Map<String, Object>) viaJson(state));
                  for (TrialView t : ctx.trials()) {
                    if (!t.status().isFinished()) {
                      fresh.onTrialAdd(ctx, t); // the resumed runner re-adds its trials
                    }
                  }
                  assertEquals(viaJson(state), viaJson(fresh.saveState()), "re-adding duplicated state");
                  return fresh;
                });
        assertEquals(plain, resumed, factory.get().getClass().getSimpleName() + " seed " + seed);
      }
    }
  }

  @Test
  void asha() {
    roundTrip(
        () -> AsyncHyperBandScheduler.builder().metric("episode_reward_mean").mode("max").maxT(30).reductionFactor(3).brackets(2).seed(2).build(),
        Map.of());
  }

  @Test
  void hyperBand() {
    roundTrip(() -> HyperBandScheduler.builder().metric("episode_reward_mean").mode("max").maxT(27).build(), Map.of());
  }

  @Test
  void medianStopping() {
    roundTrip(
        () -> MedianStoppingRule.builder().metric("episode_reward_mean").mode("max").gracePeriod(3).minSamplesRequired(1).build(),
        Map.of());
  }

  @Test
  void pbt() {
    roundTrip(
        () ->
            PopulationBasedTraining.builder()
                .timeAttr("training_iteration").metric("episode_reward_mean").mode("max")
                .perturbationInterval(4)
                .hyperparamMutations(Map.of("lr", io.tune4j.search.SearchSpace.uniform(0, 1), "b", List.of(1, 2, 3)))
                .seed(8).build(),
        Map.of("lr", 0.5, "b", 2));
  }

  @Test
  void pb2() {
    roundTrip(
        () ->
            PB2.builder()
                .timeAttr("training_iteration").metric("episode_reward_mean").mode("max")
                .perturbationInterval(4)
                .hyperparamBounds(Map.of("lr", new double[] {0, 1}))
                .seed(8).build(),
        Map.of("lr", 0.5));
  }
}
