package io.tune4j.search.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.search.Mode;
import io.tune4j.search.SearchSpace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSearcherTest {
  private static final Map<String, Object> SPACE =
      Map.of("model", Map.of("lr", SearchSpace.loguniform(1e-4, 1e-1)), "epochs", 5);

  @Test
  void adoptsMetricModeAndSpaceAndReportsWhatIsMissing() {
    TpeSearcher tpe = TpeSearcher.builder().build();
    assertFalse(tpe.setSearchProperties(null, null, SPACE), "metric and mode missing");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> tpe.suggest("t"));
    assertTrue(e.getMessage().contains("metric, mode"), e.getMessage());
    assertTrue(tpe.setSearchProperties("loss", Mode.MIN, null));
    assertEquals(List.of("model.lr"), tpe.dimensionNames());
    Map<String, Object> config = tpe.suggest("t");
    assertEquals(5, config.get("epochs"));
    assertTrue(((Map<?, ?>) config.get("model")).get("lr") instanceof Double);
    assertTrue(RandomSearcher.builder().build().setSearchProperties(null, null, SPACE));
    assertFalse(RandomSearcher.builder().build().setSearchProperties("loss", Mode.MIN, null));
  }

  @Test
  void conflictingSettingsAreNamed() {
    BayesOptSearcher bo = BayesOptSearcher.builder().metric("loss").mode(Mode.MIN).build();
    IllegalArgumentException metric =
        assertThrows(
            IllegalArgumentException.class, () -> bo.setSearchProperties("acc", null, SPACE));
    assertTrue(metric.getMessage().startsWith("metric:"), metric.getMessage());
    IllegalArgumentException mode =
        assertThrows(
            IllegalArgumentException.class, () -> bo.setSearchProperties("loss", Mode.MAX, SPACE));
    assertTrue(mode.getMessage().startsWith("mode:"), mode.getMessage());
    assertTrue(bo.setSearchProperties("loss", Mode.MIN, SPACE), "same values are fine");
  }

  @Test
  void ownSpaceRejectsConfigDomainsButTakesItsConstants() {
    TpeSearcher tpe = TpeSearcher.builder().space(SPACE).metric("m").mode(Mode.MAX).build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> tpe.setSearchProperties(null, null, Map.of("x", SearchSpace.uniform(0, 1))));
    assertTrue(e.getMessage().startsWith("config:") && e.getMessage().contains("[x]"));
    assertTrue(tpe.setSearchProperties(null, null, Map.of("env", "CartPole", "epochs", 1)));
    Map<String, Object> config = tpe.suggest("t");
    assertEquals("CartPole", config.get("env"));
    assertEquals(5, config.get("epochs"), "the searcher's own space wins");
  }

  @Test
  void gridAndSampleFromAreRejectedNamingThePath() {
    for (Object domain :
        List.of(
            SearchSpace.gridSearch(1, 2),
            Map.of("grid_search", List.of(1, 2)),
            SearchSpace.sampleFrom(spec -> 1))) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  BayesOptSearcher.builder()
                      .space(Map.of("model", Map.of("layers", List.of(domain))))
                      .build());
      assertTrue(e.getMessage().contains("'model.layers.0'"), e.getMessage());
      assertTrue(e.getMessage().contains("BasicVariantSearcher"), e.getMessage());
    }
  }

  @Test
  void scoresComeFromTheLastResultAndNestedMetrics() {
    RandomSearcher s = RandomSearcher.builder().seed(1L).build();
    s.setSearchProperties("custom_metrics/x", Mode.MIN, SPACE);
    s.suggest("a");
    s.onTrialResult("a", Map.of("custom_metrics", Map.of("x", 1.0)));
    s.onTrialResult("a", Map.of("custom_metrics", Map.of("x", 2.0)));
    s.onTrialComplete("a", Map.of("done", true), false);
    s.suggest("b");
    s.onTrialComplete("b", null, true); // errored before any result: ignored
    s.suggest("c");
    s.onTrialComplete("c", Map.of("custom_metrics/x", 3.0), false);
    assertEquals(2, s.numObservations());
    List<?> observations = (List<?>) s.saveState().get("observations");
    assertEquals(2.0, ((Map<?, ?>) observations.get(0)).get("score"));
    assertEquals(3.0, ((Map<?, ?>) observations.get(1)).get("score"));
  }

  @Test
  void evaluatedPointsAreObservationsBeforeTheFirstSuggestion() {
    TpeSearcher tpe =
        TpeSearcher.builder()
            .nStartupTrials(2)
            .evaluatedPoints(
                List.of(Map.of("model", Map.of("lr", 0.001)), Map.of("model.lr", 0.05)),
                List.of(1.0, 2.0))
            .build();
    tpe.setSearchProperties("loss", Mode.MIN, SPACE);
    assertEquals(0, tpe.numObservations());
    tpe.suggest("t");
    assertEquals(2, tpe.numObservations());
    assertThrows(
        IllegalArgumentException.class,
        () -> TpeSearcher.builder().evaluatedPoints(List.of(Map.of()), List.of()));
    IllegalArgumentException incomplete =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                TpeSearcher.builder()
                    .space(SPACE)
                    .evaluatedPoints(List.of(Map.of("epochs", 1)), List.of(1.0))
                    .build());
    assertTrue(incomplete.getMessage().contains("'model.lr'"), incomplete.getMessage());
  }

  @Test
  void invalidPointsToEvaluateAreRejectedNamingThePath() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                RandomSearcher.builder()
                    .space(SPACE)
                    .pointsToEvaluate(List.of(Map.of("model", Map.of("lr", 5.0))))
                    .build());
    assertTrue(e.getMessage().contains("'model.lr'=5.0"), e.getMessage());
  }

  @Test
  void dimensionOrderDoesNotDependOnMapOrder() {
    TpeSearcher tpe = TpeSearcher.builder().build();
    tpe.setSearchProperties(
        "m",
        Mode.MIN,
        Map.of("b", SearchSpace.uniform(0, 1), "a", SearchSpace.randint(0, 3), "c", 1));
    assertEquals(List.of("a", "b"), tpe.dimensionNames());
  }

  @Test
  void restoringAnotherSearchersStateFails() {
    RandomSearcher random = RandomSearcher.builder().space(SPACE).build();
    TpeSearcher tpe = TpeSearcher.builder().space(SPACE).build();
    assertThrows(IllegalArgumentException.class, () -> tpe.restoreState(random.saveState()));
  }
}
