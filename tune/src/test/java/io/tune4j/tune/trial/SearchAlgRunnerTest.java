package io.tune4j.tune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.search.Mode;
import io.tune4j.search.Searcher;
import io.tune4j.search.algorithms.BayesOptSearcher;
import io.tune4j.search.algorithms.ConcurrencyLimiter;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.TuneException;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model-based search algorithm driven by the real runner: asked only when a trial can start. */
class SearchAlgRunnerTest {
  @TempDir Path dir;

  /** Counts suggestions made while the limit's trials were all live (there must be none). */
  static final class Counting implements Searcher {
    final Searcher inner;
    final AtomicInteger suggested = new AtomicInteger();

    Counting(Searcher inner) {
      this.inner = inner;
    }

    @Override
    public boolean setSearchProperties(String metric, Mode mode, Map<String, Object> config) {
      return inner.setSearchProperties(metric, mode, config);
    }

    @Override
    public Map<String, Object> suggest(String trialId) {
      Map<String, Object> c = inner.suggest(trialId);
      if (c != null) {
        suggested.incrementAndGet();
      }
      return c;
    }

    @Override
    public void onTrialResult(String trialId, Map<String, Object> result) {
      inner.onTrialResult(trialId, result);
    }

    @Override
    public void onTrialComplete(String trialId, Map<String, Object> result, boolean error) {
      inner.onTrialComplete(trialId, result, error);
    }
  }

  @Test
  void bayesOptUnderAConcurrencyLimitRunsNumSamplesTrialsTaggedWithTheirValues() {
    Counting searcher = new Counting(new ConcurrencyLimiter(BayesOptSearcher.builder().seed(1).build(), 2));
    ExperimentAnalysis a = Tune.run(RunOptions.of((config, reporter) -> {
          double x = ((Number) config.get("x")).doubleValue();
          reporter.report("loss", (x - 1) * (x - 1));
        }).name("bo").localDir(dir).verbose(0).rayNumCpus(2).searchAlg(searcher).metric("loss").mode(Mode.MIN)
        .numSamples(14).config(Map.of("x", Tune.uniform(-5, 5), "fixed", 7)));
    assertEquals(14, a.trials().size());
    assertEquals(14, searcher.suggested.get());
    for (TrialResult t : a.trials()) {
      double x = ((Number) t.config().get("x")).doubleValue();
      assertTrue(x >= -5 && x <= 5, t.name());
      assertEquals(7, t.config().get("fixed"), "constants are copied into every suggestion");
      assertTrue(t.name().matches("func_\\d+_x=.*"), t.name());
    }
    double best = ((Number) a.bestTrial("loss", Mode.MIN).lastResult().get("loss")).doubleValue();
    assertTrue(best < 1.0, "best loss " + best);
  }

  @Test
  void aSearcherWithoutMetricOrModeIsRejectedBeforeAnyTrialRuns() {
    TuneException e = assertThrows(TuneException.class, () -> Tune.run(RunOptions.of((config, reporter) -> { })
        .name("nometric").localDir(dir).verbose(0).searchAlg(BayesOptSearcher.builder().build())
        .config(Map.of("x", Tune.uniform(0, 1)))));
    assertTrue(e.getMessage().contains("metric"), e.getMessage());
  }
}
