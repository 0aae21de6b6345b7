package io.tune4j.tune.analysis;

import io.tune4j.search.Mode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import io.tune4j.schedulers.TrialStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModeTest {
  private static TrialResult trial(String name, double acc) {
    return new TrialResult(name, name, "TERMINATED", Map.of("n", name), Map.of("acc", acc), null, null, null, null, -1, -1);
  }

  @Test
  void bestTrialByEnumOrTunesString() {
    ExperimentAnalysis a = new ExperimentAnalysis(Path.of("x"), List.of(trial("a", 0.5), trial("b", 0.9), trial("c", 0.1)));
    assertEquals("b", a.bestTrial("acc", Mode.MAX).name());
    assertEquals("c", a.bestTrial("acc", Mode.MIN).name());
    assertEquals("b", a.bestTrial("acc", "max").name());
    assertEquals(Map.of("n", "c"), a.bestConfig("acc", Mode.MIN));
    assertEquals(TrialStatus.TERMINATED, a.trials().get(0).trialStatus());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mode.of("maximum"));
    assertTrue(e.getMessage().contains("mode must be 'max' or 'min', got 'maximum'"), e.getMessage());
    assertEquals("max", Mode.MAX.toString());
  }
}
