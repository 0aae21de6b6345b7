package io.tune4j.schedulers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tune4j.search.Mode;
import io.tune4j.search.Uniform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulersTest {
  @Test
  void buildsEachScheduler() {
    assertInstanceOf(FifoScheduler.class, Schedulers.create("FIFO", null));
    MedianStoppingRule m =
        assertInstanceOf(
            MedianStoppingRule.class,
            Schedulers.create("MedianStopping", Map.of("metric", "acc", "mode", "max", "grace_period", 5, "hard_stop", false)));
    assertEquals("acc", m.metric());
    HyperBandScheduler hb =
        assertInstanceOf(HyperBandScheduler.class, Schedulers.create("hyperband", Map.of("max_t", 9, "reduction_factor", 3)));
    assertEquals(3, hb.sMax1());
    AsyncHyperBandScheduler asha =
        assertInstanceOf(
            AsyncHyperBandScheduler.class,
            Schedulers.create("ASHA", Map.of("metric", "loss", "mode", "min", "max_t", 100, "grace_period", 10)));
    assertEquals(Mode.MIN, asha.mode());
    assertEquals(List.of(40.0, 10.0), List.of(asha.rungs().get(0)[0], asha.rungs().get(0)[1]));
    assertInstanceOf(AsyncHyperBandScheduler.class, Schedulers.create("async_hyperband", Map.of()));
    PopulationBasedTraining pbt =
        assertInstanceOf(
            PopulationBasedTraining.class,
            Schedulers.create(
                "PBT",
                Map.of(
                    "perturbation_interval", 4,
                    "hyperparam_mutations", Map.of("lr", Map.of("uniform", List.of(0, 1)), "n", List.of(1, 2)))));
    assertInstanceOf(Uniform.class, pbt.hyperparamMutations().get("lr"));
    PB2 pb2 =
        assertInstanceOf(PB2.class, Schedulers.create("PB2", Map.of("hyperparam_bounds", Map.of("lr", List.of(0, 1)))));
    assertEquals(1.0, pb2.hyperparamBounds().get("lr")[1]);
  }

  @Test
  void unknownNameOrKey() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Schedulers.create("Bohb", Map.of()));
    assertEquals(
        "unknown scheduler 'Bohb'; valid schedulers: [FIFO, MedianStopping, HyperBand, AsyncHyperBand, ASHA, PBT, PB2]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Schedulers.create("HyperBand", Map.of("grace_period", 1)));
    assertEquals(
        "unknown key 'grace_period' for scheduler HyperBand; valid keys: [time_attr, metric, mode, max_t, reduction_factor]",
        e.getMessage());
  }

  @Test
  void badValues() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Schedulers.create("ASHA", Map.of("max_t", "ten")));
    assertEquals("key 'max_t' must be a number, got ten (String)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Schedulers.create("ASHA", Map.of("brackets", 1.5)));
    assertEquals("key 'brackets' must be an integer, got 1.5 (Double)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Schedulers.create("ASHA", Map.of("mode", "up")));
    assertEquals("key 'mode' must be \"max\" or \"min\", got up (String)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Schedulers.create("MedianStopping", Map.of("hard_stop", "yes")));
    assertEquals("key 'hard_stop' must be true or false, got yes (String)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Schedulers.create("ASHA", Map.of("max_t", -1)));
    assertEquals("max_t must be > 0, got -1.0", e.getMessage());
    e = assertThrows(
        IllegalArgumentException.class,
        () -> Schedulers.create("PBT", Map.of("hyperparam_mutations", Map.of("lr", 0.1))));
    assertEquals(
        "key 'hyperparam_mutations.lr' must be a list of values, {\"uniform\": [lo, hi]}, {\"loguniform\": [lo, hi]},"
            + " {\"randint\": [lo, hi]} or a map, got 0.1",
        e.getMessage());
  }
}
