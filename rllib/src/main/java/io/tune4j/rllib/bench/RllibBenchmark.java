package io.tune4j.rllib.bench;

import io.tune4j.rllib.agents.CommonConfig;
import io.tune4j.rllib.agents.ppo.PpoConfig;
import io.tune4j.rllib.agents.ppo.PpoPolicy;
import io.tune4j.rllib.evaluation.RolloutWorker;
import io.tune4j.rllib.evaluation.SamplerBenchmark;
import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.evaluation.WorkerSpec;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/tune4j bench rllib [sampler|mlp|learner|workers|ppo|replay|dqn|apex|offline|baseenv|a3c|impala|es|all]}: prints
 * RLlib figures.
 *
 * <ul>
 *   <li>{@code sampler}: sampler steps/s per worker with a random policy (target 850k/s);
 *   <li>{@code mlp}: sampler steps/s with PPO's policy on a 64x64 DL4J MLP at 1, 8, 64 envs per
 *       worker (target 100k/s at 64);
 *   <li>{@code learner}: PPO learner throughput, samples/s through SGD;
 *   <li>{@code workers}: env steps/s collected by a WorkerSet with 1 and 2 rollout-worker actors;
 *   <li>{@code ppo}: seconds and steps for PPO to reach mean 195 on CartPole-v0.
 * </ul>
 */
public final class RllibBenchmark {
  private RllibBenchmark() {}

  static int[] WORKER_COUNTS = {1, 2};

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    List<String> s = args.length == 0 ? List.of("all") : List.of(args);
    boolean all = s.contains("all");
    if (all || s.contains("sampler")) {
      System.out.println("== Sampler, random policy, CartPole-v0, one worker ==");
      SamplerBenchmark.main(new String[0]);
    }
    if (all || s.contains("mlp")) {
      mlp();
    }
    if (all || s.contains("learner")) {
      learner();
    }
    if (all || s.contains("workers")) {
      workers();
    }
    if (all || s.contains("ppo")) {
      ppo();
    }
    if (all || s.contains("replay")) {
      OffPolicyBenchmark.replay();
    }
    if (all || s.contains("dqn")) {
      OffPolicyBenchmark.dqn();
    }
    if (all || s.contains("apex")) {
      OffPolicyBenchmark.apex();
    }
    if (all || s.contains("offline")) {
      OffPolicyBenchmark.offline();
    }
    if (all || s.contains("baseenv")) {
      OffPolicyBenchmark.baseEnv();
    }
    if (all || s.contains("a3c")) {
      AsyncBenchmark.a3c();
    }
    if (all || s.contains("impala")) {
      AsyncBenchmark.impala();
    }
    if (all || s.contains("es")) {
      AsyncBenchmark.es();
    }
    System.exit(0);
  }

  /** A merged PPO config for CartPole with a 64x64 MLP. */
  static Map<String, Object> ppoConfig(int envs, int sampleBatch) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("env", "CartPole-v0");
    user.put("num_envs_per_worker", envs);
    user.put("sample_batch_size", sampleBatch);
    user.put("model", Map.of("fcnet_hiddens", List.of(64, 64)));
    user.put("seed", 0);
    return CommonConfig.merge("PPO", PpoConfig.DEFAULTS, user);
  }

  static void mlp() {
    System.out.println("== Sampler, PPO policy on a 64x64 DL4J MLP (plain-Java inference), CartPole-v0, one worker ==");
    System.out.printf("%-16s %14s%n", "envs per worker", "steps/s");
    for (int envs : new int[] {1, 8, 64}) {
      int per = Math.max(1, 8192 / envs);
      RolloutWorker w = RolloutWorker.local(new WorkerSpec("PPO", PpoPolicy::new, ppoConfig(envs, per), 1));
      w.sampleBatch();
      long steps = 0;
      long t0 = System.nanoTime();
      while (System.nanoTime() - t0 < 3e9) {
        steps += w.sampleBatch().count();
      }
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("%-16d %14.0f%n", envs, steps / s);
      w.shutdown();
    }
  }

  static void learner() {
    System.out.println("== PPO learner: one train batch of 4000 through num_sgd_iter epochs of minibatch 128 ==");
    System.out.printf("%-14s %10s %18s %22s%n", "model", "seconds", "batch samples/s", "SGD sample-passes/s");
    for (List<Integer> hidden : List.of(List.of(256, 256), List.of(64, 64))) {
      Map<String, Object> cfg = ppoConfig(8, 500);
      cfg.put("model", io.tune4j.rllib.models.ModelCatalog.resolve(Map.of("fcnet_hiddens", hidden)));
      RolloutWorker w = RolloutWorker.local(new WorkerSpec("PPO", PpoPolicy::new, cfg, 1));
      SampleBatch batch = w.sampleBatch();
      w.getPolicy().learnOnBatch(batch);
      long t0 = System.nanoTime();
      int reps = 2;
      for (int i = 0; i < reps; i++) {
        w.getPolicy().learnOnBatch(batch);
      }
      double s = (System.nanoTime() - t0) / 1e9 / reps;
      int epochs = ((Number) cfg.get("num_sgd_iter")).intValue();
      System.out.printf("%-14s %10.2f %18.0f %22.0f%n", hidden, s, batch.count() / s, batch.count() * epochs / s);
      w.shutdown();
    }
  }

  static void workers() {
    System.out.println("== Env steps/s collected by a WorkerSet (PPO policy, 64x64, 8 envs per worker) ==");
    System.out.printf("%-10s %14s%n", "workers", "steps/s");
    for (int n : WORKER_COUNTS) {
      WorkerSet set = new WorkerSet(new WorkerSpec("PPO", PpoPolicy::new, ppoConfig(8, 500), 0), n);
      set.sampleRemote();
      long steps = 0;
      long t0 = System.nanoTime();
      while (System.nanoTime() - t0 < 3e9) {
        for (SampleBatch b : set.sampleRemote()) {
          steps += b.count();
        }
      }
      System.out.printf("%-10d %14.0f%n", n, steps / ((System.nanoTime() - t0) / 1e9));
      set.stop();
    }
  }

  /** RLlib's cartpole-ppo.yaml config (regression_tests, 9e328fbe6). */
  public static Map<String, Object> rllibRegressionPpo() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("num_workers", 1);
    c.put("batch_mode", "complete_episodes");
    c.put("observation_filter", "MeanStdFilter");
    return c;
  }

  /**
   * Tune4j's fast CartPole PPO config (the README's main job): a 64x64 net, 2000-step batches,
   * 8 epochs of 500-sample minibatches, lr 3e-3, GAE lambda 0.95.
   */
  public static Map<String, Object> fastPpo() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("num_workers", 1);
    c.put("num_envs_per_worker", 8);
    c.put("sample_batch_size", 250);
    c.put("train_batch_size", 2000);
    c.put("sgd_minibatch_size", 500);
    c.put("num_sgd_iter", 8);
    c.put("lr", 0.003);
    c.put("lambda", 0.95);
    c.put("vf_clip_param", 100.0);
    c.put("model", Map.of("fcnet_hiddens", List.of(64, 64)));
    return c;
  }

  static void ppo() throws Exception {
    System.out.println("== PPO CartPole-v0 to mean reward 195 (last 100 episodes), Trainer API, 1 rollout worker ==");
    System.out.printf("%-26s %5s %8s %10s %9s%n", "config", "seed", "reached", "steps", "seconds");
    List<Double> secs = new java.util.ArrayList<>();
    List<Long> steps = new java.util.ArrayList<>();
    for (int seed = 1; seed <= 5; seed++) {
      Map<String, Object> c = fastPpo();
      c.put("seed", seed);
      LearningRun r = LearningRun.train("PPO", "CartPole-v0", c, 195, 300_000, false);
      System.out.printf("%-26s %5d %8s %10d %9.1f%n", "tune4j fast (README)", seed, r.reachedBar(), r.steps(), r.seconds());
      if (r.reachedBar()) {
        secs.add(r.seconds());
        steps.add(r.steps());
      }
    }
    java.util.Collections.sort(secs);
    java.util.Collections.sort(steps);
    if (!secs.isEmpty()) {
      System.out.printf("fast config: %d/5 reached 195; median %.1f s, median %d steps"
          + " (CleanRL PPO on this machine: 15 s, 135k steps)%n",
          secs.size(), secs.get(secs.size() / 2), steps.get(steps.size() / 2));
    }
    Map<String, Object> rllib = rllibRegressionPpo();
    rllib.put("seed", 1);
    LearningRun r = LearningRun.train("PPO", "CartPole-v0", rllib, 195, 400_000, false);
    System.out.printf("%-26s %5d %8s %10d %9.1f%n", "RLlib cartpole-ppo.yaml", 1, r.reachedBar(), r.steps(), r.seconds());
  }
}
