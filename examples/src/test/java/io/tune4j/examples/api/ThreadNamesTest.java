package io.tune4j.examples.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.pg.PgTrainer;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Threads Tune4j runs code on are named after their trial or worker, so a thread dump reads. */
@Tag("ray")
class ThreadNamesTest {
  static final List<String> SEEN = new CopyOnWriteArrayList<>();
  @TempDir Path dir;

  @Test
  void functionTrialsAndRolloutWorkersRunOnNamedThreads() {
    SEEN.clear();
    Tune.run(
        RunOptions.of((config, reporter) -> {
              SEEN.add(Thread.currentThread().getName());
              reporter.report("x", 1);
            })
            .name("names")
            .localDir(dir)
            .verbose(0)
            .stop(Map.of("training_iteration", 1)));
    assertEquals(List.of("trial func_0 function"), SEEN);

    try (PgTrainer t = new PgTrainer(Map.of("num_workers", 2, "train_batch_size", 200), "CartPole-v0")) {
      List<String> names = t.workers().foreachWorker(w -> Thread.currentThread().getName());
      assertEquals(Thread.currentThread().getName(), names.get(0), "the local worker runs on the caller's thread");
      assertEquals(List.of("rollout-worker 1", "rollout-worker 2"), names.subList(1, 3));
      assertTrue(t.train().containsKey("episode_reward_mean"));
    }
  }
}
