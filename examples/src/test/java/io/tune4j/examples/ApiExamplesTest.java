package io.tune4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.ppo.PpoTrainer;
import io.tune4j.tune.runtime.ActorRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java-API examples (no Tune) on real CartPole with rollout-worker actors. */
@Tag("ray")
class ApiExamplesTest {
  @TempDir Path dir;

  @BeforeAll
  static void startRay() {
    ActorRuntime.get();
  }

  @Test
  void ppoApiTrainsPrintsSavesAndRestores() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    PpoApiExample.Outcome first = PpoApiExample.train(SmallConfig.ppo(1), 2, 1, "", dir, out);
    assertEquals(2, first.iterations());
    assertEquals(800L, first.lastResult().get("timesteps_total"));
    Path ckpt = first.lastCheckpoint();
    assertTrue(Files.isRegularFile(ckpt) && ckpt.startsWith(dir), String.valueOf(ckpt));
    assertEquals("checkpoint-2", ckpt.getFileName().toString());
    String printed = buf.toString(StandardCharsets.UTF_8);
    assertTrue(
        printed.contains("episode_reward_mean: ") && printed.contains("training_iteration: 2"),
        printed);
    assertTrue(printed.contains("checkpoint saved at " + dir.resolve("checkpoint_1")), printed);

    PpoApiExample.Outcome resumed =
        PpoApiExample.train(SmallConfig.ppo(1), 1, 0, ckpt.toString(), dir, out);
    assertEquals(
        3L, resumed.lastResult().get("training_iteration"), "continues from the checkpoint");
    assertEquals(1200L, resumed.lastResult().get("timesteps_total"));
    assertTrue(
        buf.toString(StandardCharsets.UTF_8).contains("restored " + ckpt + " at iteration 2"));
  }

  @Test
  void policyStateRemoteCopiesLagUntilSyncThenAllAgree() throws Exception {
    PpoTrainer trainer = new PpoTrainer(SmallConfig.ppo(2), "CartPole-v0");
    try {
      trainer.train();
      PolicyStateExample.Snapshot before = PolicyStateExample.read(trainer);
      assertEquals(3, before.perWorker().size(), "local + 2 remote workers");
      assertEquals(3, before.perWorkerIndexed().size());
      assertArrayEquals(before.local(), before.viaPolicyMap());
      assertArrayEquals(before.local(), before.perWorker().get(0));
      assertFalse(before.allEqual(), "remote workers sampled with the weights before the update");
      assertArrayEquals(before.perWorker().get(1), before.perWorker().get(2));
      trainer.workers().syncWeights();
      PolicyStateExample.Snapshot after = PolicyStateExample.read(trainer);
      assertTrue(after.allEqual());
      assertTrue(
          after.local().length > 1000, "a 16x16 policy + value net: " + after.local().length);
    } finally {
      trainer.shutdown();
    }
  }

  @Test
  void policyStateRunsFromTheDispatcher() throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertEquals(
          0,
          Examples.run(
              new String[] {"policy-state", "--workers", "1", "--config", SmallConfig.ppoJson()}));
    } finally {
      System.setOut(old);
    }
    String printed = buf.toString(StandardCharsets.UTF_8);
    assertTrue(
        printed.contains("after train():\n") && printed.contains("worker 1 (remote)"), printed);
    assertTrue(printed.endsWith("every copy equals the local policy: true\n"), printed);
  }

  @Test
  void globalCounterEqualsTheEnvStepsSampled() throws Exception {
    List<GlobalCounterExample.Reading> readings = GlobalCounterExample.run(SmallConfig.ppo(2), 2);
    assertEquals(2, readings.size());
    assertEquals(400L, readings.get(0).timestepsTotal());
    for (GlobalCounterExample.Reading r : readings) {
      assertEquals(r.timestepsTotal(), r.counted(), r.toString());
    }
  }

  @Test
  void curriculumPhaseReachesEveryEnvOfEveryWorkerAndSurvivesSampling() throws Exception {
    CurriculumCartPole.register();
    PpoTrainer trainer = new PpoTrainer(SmallConfig.ppo(2), CurriculumCartPole.ID);
    try {
      assertEquals(List.of(0, 0, 0), CurriculumCartPole.phases(trainer.workers()));
      assertEquals(List.of(2, 2, 2), CurriculumCartPole.setPhase(trainer.workers(), 2));
      trainer.train();
      assertEquals(List.of(2, 2, 2), CurriculumCartPole.phases(trainer.workers()));
      List<Double> spreads =
          trainer
              .workers()
              .foreachWorker(
                  w -> {
                    double[] s = {0};
                    w.foreachEnv(e -> s[0] = ((CurriculumCartPole) e.unwrapped()).initialSpread());
                    return s[0];
                  });
      assertEquals(3, spreads.size());
      spreads.forEach(s -> assertEquals(0.15, s, 1e-12, "phase 2 spread " + spreads));
    } finally {
      trainer.shutdown();
    }
  }

  @Test
  void theLossInspectorSeesPposRatioStartAtOneAndMove() {
    java.util.List<io.tune4j.rllib.policy.LossInspector.LossValues> seen =
        LossInspectionExample.run(java.util.Map.of("train_batch_size", 400, "sgd_minibatch_size", 100, "num_sgd_iter", 3));
    assertEquals(12, seen.size(), "4 minibatches x 3 epochs");
    float[] first = seen.get(0).tensors().get("ratio");
    assertEquals(100, first.length);
    assertEquals(100, seen.get(0).tensors().get("advantages").length);
    for (float r : first) {
      assertEquals(1.0, r, 1e-3, "the policy has not moved before its first step");
    }
    double moved = 0;
    for (float r : seen.get(seen.size() - 1).tensors().get("ratio")) {
      moved = Math.max(moved, Math.abs(r - 1));
    }
    assertTrue(moved > 1e-3, "the last minibatch's ratio moved: " + moved);
    assertTrue(seen.get(0).stats().containsKey("policy_loss"), seen.get(0).stats().toString());
    assertTrue(seen.get(0).tensors().containsKey("vf_loss"), seen.get(0).tensors().keySet().toString());
  }
}
