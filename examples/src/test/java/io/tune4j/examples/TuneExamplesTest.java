package io.tune4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import io.tune4j.tune.runtime.ActorRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples that run under Tune, each for one or two tiny iterations. */
@Tag("ray")
class TuneExamplesTest {
  @TempDir Path dir;

  @BeforeAll
  static void startRay() {
    ActorRuntime.get();
  }

  private static void assertAllTerminated(ExperimentAnalysis a) {
    for (TrialResult t : a.trials()) {
      assertEquals("TERMINATED", t.status(), t.name() + ": " + t.errorMessage());
    }
  }

  @Test
  void sweepRunsThreeTrialsOnePerLearningRate() {
    ExperimentAnalysis a = TunePpoSweepExample.sweep(1, SmallConfig.ppo(1), dir.toString(), 0);
    assertEquals(3, a.trials().size());
    assertAllTerminated(a);
    Set<Double> lrs = new TreeSet<>();
    for (TrialResult t : a.trials()) {
      lrs.add(((Number) t.config().get("lr")).doubleValue());
      assertEquals(1L, ((Number) t.lastResult().get("training_iteration")).longValue());
      assertTrue(Files.exists(t.logdir().resolve("result.json")), t.logdir().toString());
    }
    assertEquals(Set.of(0.0001, 0.001, 0.01), lrs);
  }

  @Test
  @SuppressWarnings("unchecked")
  void customMetricsReportThePoleAngle() {
    ExperimentAnalysis a =
        CustomMetricsExample.run(2, Map.of("train_batch_size", 400), dir.toString(), 0);
    assertAllTerminated(a);
    Map<String, Object> last = a.trials().get(0).lastResult();
    Map<String, Object> cm = (Map<String, Object>) last.get("custom_metrics");
    double mean = ((Number) cm.get("pole_angle_mean")).doubleValue();
    assertTrue(mean > 0 && mean < 0.21, "CartPole fails past 0.21 rad: " + cm);
    assertTrue(((Number) cm.get("pole_angle_max")).doubleValue() >= mean, cm.toString());
    assertEquals(Boolean.TRUE, last.get("callback_ok"), "onTrainResult ran on the driver");
    assertEquals(2L, ((Number) last.get("training_iteration")).longValue());
  }

  @Test
  void curriculumTrainerMovesTheWorkersToTheEarnedPhase() {
    // thresholds (-1, 1000): any mean reward earns phase 1 after the first iteration
    ExperimentAnalysis a =
        CurriculumTrainerExample.run(2, 1, -1, 1000, SmallConfig.ppo(1), dir.toString(), 0);
    assertAllTerminated(a);
    Map<String, Object> last = a.trials().get(0).lastResult();
    assertEquals(2L, ((Number) last.get("training_iteration")).longValue());
    assertEquals(1, ((Number) last.get("curriculum_phase")).intValue(), last.toString());
  }

  @Test
  void curriculumCallbacksMoveTheWorkersToTheEarnedPhase() {
    ExperimentAnalysis a =
        CurriculumCallbacksExample.run(1, 1, -1, 1000, SmallConfig.ppo(1), dir.toString(), 0);
    assertAllTerminated(a);
    Map<String, Object> last = a.trials().get(0).lastResult();
    assertEquals(1, ((Number) last.get("curriculum_phase")).intValue(), last.toString());
    ExperimentAnalysis low =
        CurriculumCallbacksExample.run(1, 1, 1000, 2000, SmallConfig.ppo(1), dir.toString(), 0);
    assertEquals(0, ((Number) low.trials().get(0).lastResult().get("curriculum_phase")).intValue());
  }

  @Test
  void customTrainFnContinuesPhaseTwoFromPhaseOnesCheckpoint() {
    ExperimentAnalysis a = CustomTrainFnExample.run(1, SmallConfig.ppo(0), dir.toString(), 0);
    assertAllTerminated(a);
    Map<String, Object> last = a.trials().get(0).lastResult();
    assertEquals(2, ((Number) last.get("phase")).intValue());
    assertEquals(800L, ((Number) last.get("timesteps_total")).longValue(), "restored 400 + 400");
    Map<?, ?> learner = (Map<?, ?>) ((Map<?, ?>) last.get("info")).get("learner");
    Map<?, ?> stats = (Map<?, ?>) learner.get("default_policy");
    assertEquals(0.0001, ((Number) stats.get("cur_lr")).doubleValue(), "phase 2's low lr");
  }

  @Test
  void customWorkflowLearnsFromEveryWorkersSamples() {
    ExperimentAnalysis a = CustomWorkflowExample.run(2, 1, dir.toString(), 0);
    assertAllTerminated(a);
    Map<String, Object> last = a.trials().get(0).lastResult();
    assertEquals(2L, ((Number) last.get("training_iteration")).longValue());
    // PG's sample_batch_size 200 from the one remote worker, twice
    assertEquals(400L, ((Number) last.get("timesteps_total")).longValue());
    Map<?, ?> learner = (Map<?, ?>) last.get("learner");
    assertTrue(learner.containsKey("policy_loss"), learner.toString());
    double reward = ((Number) last.get("episode_reward_mean")).doubleValue();
    assertTrue(reward >= 8 && reward <= 200, "CartPole episode returns: " + reward);
  }

  @Test
  void ashaStopsMostTrialsEarlyAndKeepsTheBestRunning() {
    ExperimentAnalysis a = AshaExample.run(16, dir.toString(), 0);
    assertAllTerminated(a);
    int early = 0;
    for (TrialResult t : a.trials()) {
      early += ((Number) t.lastResult().get("training_iteration")).intValue() < 50 ? 1 : 0;
    }
    assertTrue(early >= 8, early + " of 16 stopped early");
    TrialResult best = a.bestTrial("mean_loss", io.tune4j.search.Mode.MIN);
    assertEquals(50, ((Number) best.lastResult().get("training_iteration")).intValue(), best.name());
  }

  @Test
  void pbtOnPpoExploitsAndLogsIt() throws Exception {
    Map<String, Object> small = new java.util.HashMap<>(SmallConfig.ppo(0));
    small.remove("num_sgd_iter");
    ExperimentAnalysis a = PbtPpoExample.run(6, 2, small, dir.toString(), 0);
    assertAllTerminated(a);
    assertEquals(4, a.trials().size());
    java.util.List<String> log = Files.readAllLines(a.experimentDir().resolve("pbt_global.txt"));
    assertTrue(!log.isEmpty(), "PBT exploited at least once");
    boolean renamed = false;
    for (TrialResult t : a.trials()) {
      renamed |= t.name().contains("@perturbed[");
    }
    assertTrue(renamed, "an exploited trial shows its new config in its name");
  }

  @Test
  void bayesOptConcentratesOnLowBraninValuesWhereRandomSearchDoesNot() {
    ExperimentAnalysis random = BayesOptExample.run("random",
        io.tune4j.search.algorithms.RandomSearcher.builder().seed(1).build(), 30, dir.toString());
    // One trial at a time: the GP then sees every result before its next suggestion, so the run is
    // the same every time (with two at once, which result lands first depends on timing).
    ExperimentAnalysis bayes = BayesOptExample.run("bayesopt", new io.tune4j.search.algorithms.ConcurrencyLimiter(
        io.tune4j.search.algorithms.BayesOptSearcher.builder().seed(1).build(), 1), 30, dir.toString());
    assertEquals(30, bayes.trials().size());
    assertAllTerminated(bayes);
    // After its 10 random steps BayesOpt suggests near the minima; random search keeps drawing
    // from the whole square, where Branin averages about 50.
    double lateBayes = meanOfLast(bayes, 10);
    double lateRandom = meanOfLast(random, 10);
    System.out.printf("BRANIN last-10 mean: BayesOpt %.2f, random %.2f%n", lateBayes, lateRandom);
    assertTrue(lateBayes < lateRandom / 2, "mean loss of the last 10 trials: BayesOpt " + lateBayes
        + ", random " + lateRandom);
    assertTrue(BayesOptExample.best(bayes) < 2.0, "best " + BayesOptExample.best(bayes));
  }

  private static double meanOfLast(ExperimentAnalysis a, int n) {
    java.util.List<TrialResult> trials = a.trials();
    double sum = 0;
    for (TrialResult t : trials.subList(trials.size() - n, trials.size())) {
      sum += ((Number) t.lastResult().get("loss")).doubleValue();
    }
    return sum / n;
  }
}
