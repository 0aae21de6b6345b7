package io.tune4j.examples.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.pg.PgTrainer;
import io.tune4j.search.Mode;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.runtime.ActorRuntime;
import io.tune4j.tune.trainable.Trainable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tune.run's overloads take a lambda, a class and a name with {@code Map.of} maps of any types. */
@Tag("ray")
class EntryPointsTest {
  @TempDir Path dir;

  /** A class trainable that echoes its config's types. */
  public static final class Echo extends Trainable {
    @Override
    protected Map<String, Object> step() {
      return Map.of("mean_loss", ((Number) config().get("a")).doubleValue(), "b_size", config().get("b") instanceof List<?> l ? l.size() : -1, "c", config().get("c"));
    }
  }

  @Test
  void lambdaClassAndNameWithMixedValueMaps() {
    ExperimentAnalysis byLambda =
        Tune.run(RunOptions.of((config, reporter) -> reporter.report("mean_loss", (double) config.get("x")))
            .localDir(dir).verbose(0).stop(Map.of("training_iteration", 1)).config(Map.of("x", Tune.gridSearch(1.0, 2.0))));
    assertEquals(2, byLambda.trials().size());
    assertEquals(Map.of("x", 1.0), byLambda.bestConfig("mean_loss", Mode.MIN));

    ExperimentAnalysis byClass =
        Tune.run(RunOptions.of(Echo.class).localDir(dir).verbose(0)
            .stop(Map.of("training_iteration", 2))                       // Map<String, Integer>
            .config(Map.of("a", 3, "b", List.of(1, 2), "c", "text")));    // mixed value types
    assertEquals(2L, ((Number) byClass.trials().get(0).lastResult().get("training_iteration")).longValue());
    assertEquals(2, ((Number) byClass.trials().get(0).lastResult().get("b_size")).intValue());
    assertEquals("text", byClass.trials().get(0).lastResult().get("c"));

    Tune.registerTrainable("entry_points_fn", (config, reporter) -> reporter.report("v", 7));
    ExperimentAnalysis byName =
        Tune.run(RunOptions.of("entry_points_fn").localDir(dir).verbose(0).stop(Map.of("training_iteration", 1)));
    assertEquals(7, ((Number) byName.trials().get(0).lastResult().get("v")).intValue());
  }

  @Test
  void closingATrainerReturnsItsWorkersAndLeaksNone() {
    ActorRuntime rt = ActorRuntime.get();
    try (PgTrainer t = new PgTrainer(Map.of("num_workers", 2, "train_batch_size", 200), "CartPole-v0")) {
      t.train();
    }
    int idleAfterFirst = rt.idleActors();
    int threadsAfterFirst = Thread.activeCount();
    for (int i = 0; i < 3; i++) {
      try (PgTrainer t = new PgTrainer(Map.of("num_workers", 2, "train_batch_size", 200), "CartPole-v0")) {
        assertTrue(rt.idleActors() <= idleAfterFirst - 2, "the workers were taken from the pool");
        t.train();
      }
      assertEquals(idleAfterFirst, rt.idleActors(), "close() gave both workers back");
    }
    assertTrue(Thread.activeCount() <= threadsAfterFirst + 2, Thread.activeCount() + " threads vs " + threadsAfterFirst);
  }
}
