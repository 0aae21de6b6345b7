package io.tune4j.rllib.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {

  @Test
  void roundTripsThroughBytes() {
    WorkerMetrics m =
        new WorkerMetrics(
            List.of(
                new EpisodeMetrics(12, 12.0),
                new EpisodeMetrics(7, -3.5, Map.of("angle", 0.25, "nan", Double.NaN),
                    Map.of("pol1", 1.5))),
            new SamplerPerf(40, 0.5, 0.25, 0.125));
    WorkerMetrics back = WorkerMetrics.decode(m.encode());
    assertEquals(m.perf(), back.perf());
    assertEquals(2, back.episodes().size());
    assertEquals(m.episodes().get(0), back.episodes().get(0));
    EpisodeMetrics e = back.episodes().get(1);
    assertEquals(7, e.length());
    assertEquals(-3.5, e.totalReward());
    assertEquals(0.25, e.customMetrics().get("angle"));
    assertTrue(Double.isNaN(e.customMetrics().get("nan")));
    assertEquals(Map.of("pol1", 1.5), e.agentRewards());
  }

  @Test
  void corruptBytesAreRejected() {
    byte[] wire = new WorkerMetrics(List.of(new EpisodeMetrics(1, 1)), null).encode();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> WorkerMetrics.decode(Arrays.copyOf(wire, wire.length - 3)));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> WorkerMetrics.decode(new byte[8]));
    assertTrue(e.getMessage().contains("magic"), e.getMessage());
  }

  @Test
  void nullCustomMetricValueIsNamed() {
    Map<String, Double> m = new java.util.HashMap<>();
    m.put("bad", null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EpisodeMetrics(1, 1, m, Map.of()));
    assertTrue(e.getMessage().contains("'bad'"), e.getMessage());
  }
}
