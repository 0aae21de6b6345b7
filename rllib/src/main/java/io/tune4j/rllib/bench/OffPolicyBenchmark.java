package io.tune4j.rllib.bench;

import io.tune4j.rllib.agents.Callbacks;
import io.tune4j.rllib.agents.dqn.ApexTrainer;
import io.tune4j.rllib.agents.dqn.DqnPolicy;
import io.tune4j.rllib.agents.dqn.DqnTrainer;
import io.tune4j.rllib.agents.pg.PgPolicy;
import io.tune4j.rllib.agents.pg.PgTrainer;
import io.tune4j.rllib.env.BaseEnv;
import io.tune4j.rllib.env.Env;
import io.tune4j.rllib.env.EnvContext;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.env.MultiAgentEnv;
import io.tune4j.rllib.env.MultiAgentStep;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.env.StepResult;
import io.tune4j.rllib.evaluation.MultiAgentSampler;
import io.tune4j.rllib.evaluation.NoFilter;
import io.tune4j.rllib.evaluation.Sampler;
import io.tune4j.rllib.evaluation.SamplerConfig;
import io.tune4j.rllib.models.Preprocessors;
import io.tune4j.rllib.offline.JsonReader;
import io.tune4j.rllib.offline.JsonWriter;
import io.tune4j.rllib.optimizers.PrioritizedReplayBuffer;
import io.tune4j.rllib.policy.SampleBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Figures of the off-policy and offline parts ({@code bin/tune4j bench rllib replay|dqn|apex|offline|baseenv}):
 * prioritized replay at a million rows, DQN learner updates/s and env steps/s, Ape-X env steps/s,
 * JSON output and input MB/s, and the vector sampler against the BaseEnv path.
 */
final class OffPolicyBenchmark {
  private OffPolicyBenchmark() {}

  static SampleBatch cartPoleRows(int n, long eps) {
    Env env = Envs.make("CartPole-v0");
    env.seed(eps);
    float[] obs = new float[n * 4];
    float[] newObs = new float[n * 4];
    float[] act = new float[n];
    float[] rew = new float[n];
    float[] done = new float[n];
    long[] ids = new long[n];
    long[] t = new long[n];
    double[] o = (double[]) env.reset();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        obs[i * 4 + j] = (float) o[j];
      }
      StepResult r = env.step(i % 2);
      o = (double[]) r.observation();
      for (int j = 0; j < 4; j++) {
        newObs[i * 4 + j] = (float) o[j];
      }
      act[i] = i % 2;
      rew[i] = (float) r.reward();
      done[i] = r.done() ? 1 : 0;
      ids[i] = eps;
      t[i] = i;
      if (r.done()) {
        o = (double[]) env.reset();
      }
    }
    return new SampleBatch().putFloats(SampleBatch.OBS, 4, obs).putFloats(SampleBatch.NEW_OBS, 4, newObs)
        .putFloats(SampleBatch.ACTIONS, 1, act).putFloats(SampleBatch.REWARDS, 1, rew)
        .putFloats(SampleBatch.DONES, 1, done).putLongs(SampleBatch.EPS_ID, ids).putLongs(SampleBatch.T, t);
  }

  static void replay() {
    System.out.println("== Prioritized replay, capacity 1,000,000 rows (CartPole rows) ==");
    PrioritizedReplayBuffer buf = new PrioritizedReplayBuffer(1_000_000, 0.6, 1L);
    SampleBatch rows = cartPoleRows(50, 1);
    long t0 = System.nanoTime();
    for (int i = 0; i < 20_000; i++) {
      buf.add(rows);
    }
    double add = 1_000_000 / ((System.nanoTime() - t0) / 1e9);
    int k = 0;
    t0 = System.nanoTime();
    long sampled = 0;
    float[] p = new float[512];
    java.util.Arrays.fill(p, 0.5f);
    long updated = 0;
    long tUpd = 0;
    while (System.nanoTime() - t0 < 3e9) {
      SampleBatch s = buf.sample(512, 0.4);
      sampled += 512;
      long u0 = System.nanoTime();
      buf.updatePriorities(s.longs(PrioritizedReplayBuffer.BATCH_INDEXES), p);
      tUpd += System.nanoTime() - u0;
      updated += 512;
      k++;
    }
    double total = (System.nanoTime() - t0) / 1e9;
    System.out.printf("add %.0f rows/s; sample %.0f rows/s (batches of 512); update priorities %.0f rows/s%n",
        add, sampled / (total - tUpd / 1e9), updated / (tUpd / 1e9));
  }

  static void dqn() throws Exception {
    System.out.println("== DQN, RLlib's defaults (Q-network [256, 256] + dueling heads [256], train batch 32) ==");
    Map<String, Object> c = new HashMap<>(new DqnTrainer().mergeConfig(Map.of("seed", 1)));
    Env probe = Envs.make("CartPole-v0");
    DqnPolicy p = new DqnPolicy(probe.observationSpace(), probe.actionSpace(), c);
    PrioritizedReplayBuffer buf = new PrioritizedReplayBuffer(50_000, 0.6, 1L);
    buf.add(p.postprocessTrajectory(cartPoleRows(2000, 2), false));
    for (int i = 0; i < 200; i++) {
      p.learnOnBatch(buf.sample(32, 0.4));
    }
    long n = 0;
    long t0 = System.nanoTime();
    while (System.nanoTime() - t0 < 5e9) {
      p.learnOnBatch(buf.sample(32, 0.4));
      n++;
    }
    double ups = n / ((System.nanoTime() - t0) / 1e9);
    System.out.printf("learner: %.0f updates/s (%.2f ms each) -> at most %.0f env steps/s with sample_batch_size 4%n",
        ups, 1000 / ups, 4 * ups);
    try (DqnTrainer t = new DqnTrainer(Map.of("n_step", 3, "gamma", 0.95, "seed", 1), "CartPole-v0")) {
      t.train();
      long steps0 = ((Number) t.train().get("timesteps_total")).longValue();
      long t1 = System.nanoTime();
      Map<String, Object> r = Map.of();
      for (int i = 0; i < 5; i++) {
        r = t.train();
      }
      long steps = ((Number) r.get("timesteps_total")).longValue() - steps0;
      System.out.printf("trainer (cartpole-dqn.yaml settings, after learning starts): %.0f env steps/s%n",
          steps / ((System.nanoTime() - t1) / 1e9));
    }
  }

  static void apex() {
    System.out.println("== Ape-X on CartPole ([64] networks, 2 replay shards): env steps/s ==");
    for (int workers : new int[] {1, 2}) {
      Map<String, Object> c = new HashMap<>();
      c.put("num_workers", workers);
      c.put("per_worker_exploration", workers > 1); // RLlib asserts 2+ workers for per-worker epsilons
      c.put("buffer_size", 50_000);
      c.put("learning_starts", 1000);
      c.put("train_batch_size", 64);
      c.put("sample_batch_size", 20);
      c.put("timesteps_per_iteration", 1000);
      c.put("min_iter_time_s", 1);
      c.put("optimizer", Map.of("num_replay_buffer_shards", 2));
      c.put("model", Map.of("fcnet_hiddens", List.of(64)));
      c.put("hiddens", List.of(64));
      try (ApexTrainer t = new ApexTrainer(c, "CartPole-v0")) {
        t.train();
        long t0 = System.nanoTime();
        long s0 = ((Number) t.train().get("timesteps_total")).longValue();
        Map<String, Object> r = Map.of();
        for (int i = 0; i < 5; i++) {
          r = t.train();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> info = (Map<String, Object>) r.get("info");
        System.out.printf("%d worker(s): %.0f env steps/s sampled, %s rows trained/s%n", workers,
            (((Number) r.get("timesteps_total")).longValue() - s0) / ((System.nanoTime() - t0) / 1e9),
            String.format("%.0f", ((Number) info.get("train_throughput")).doubleValue()));
      }
    }
  }

  static void offline() throws Exception {
    System.out.println("== Offline JSON: write and read MB/s (CartPole batches of 200 rows) ==");
    Path dir = Files.createTempDirectory("tune4j-offline-bench");
    SampleBatch b = cartPoleRows(200, 3);
    for (Set<String> compress : List.of(Set.<String>of(), Set.of("obs", "new_obs"))) {
      Path d = Files.createDirectories(dir.resolve("c" + compress.size()));
      long t0 = System.nanoTime();
      int lines = 0;
      try (JsonWriter w = new JsonWriter(d, 0, 64L << 20, compress)) {
        while (System.nanoTime() - t0 < 2e9) {
          w.write(b);
          lines++;
        }
      }
      double ws = (System.nanoTime() - t0) / 1e9;
      long bytes = 0;
      try (var s = Files.list(d)) {
        for (Path f : s.toList()) {
          bytes += Files.size(f);
        }
      }
      JsonReader r = new JsonReader(d.toString(), 1L);
      long t1 = System.nanoTime();
      for (int i = 0; i < lines; i++) {
        r.next();
      }
      double rs = (System.nanoTime() - t1) / 1e9;
      System.out.printf("compress %-17s write %.1f MB/s (%.0f rows/s), read %.1f MB/s (%.0f rows/s), %.0f bytes/row%n",
          compress.isEmpty() ? "[]" : compress.toString(), bytes / 1e6 / ws, lines * 200 / ws, bytes / 1e6 / rs,
          lines * 200 / rs, bytes / (lines * 200.0));
    }
  }

  /** CartPole as a one-agent multi-agent env. */
  static final class OneAgent implements MultiAgentEnv {
    final Env e = Envs.make("CartPole-v0");

    @Override
    public Map<String, Object> reset() {
      return Map.of("a", e.reset());
    }

    @Override
    public MultiAgentStep step(Map<String, Object> a) {
      StepResult r = e.step(a.get("a"));
      return new MultiAgentStep(Map.of("a", r.observation()), Map.of("a", r.reward()),
          Map.of("a", r.done(), "__all__", r.done()), Map.of());
    }

    @Override
    public Space observationSpace() {
      return e.observationSpace();
    }

    @Override
    public Space actionSpace() {
      return e.actionSpace();
    }
  }

  static void baseEnv() {
    System.out.println("== Single-agent CartPole: vector Sampler vs the BaseEnv (multi-agent) path, PG 64x64 ==");
    Map<String, Object> c = new HashMap<>(new PgTrainer().mergeConfig(Map.of("seed", 1,
        "model", Map.of("fcnet_hiddens", List.of(64, 64)))));
    for (int n : new int[] {1, 8, 64}) {
      Env probe = Envs.make("CartPole-v0");
      PgPolicy p = new PgPolicy(probe.observationSpace(), probe.actionSpace(), c);
      SamplerConfig sc = SamplerConfig.defaults().withSampleBatchSize(200);
      Sampler vec = new Sampler(Envs.makeVector("CartPole-v0", new EnvContext(Map.of(), 0, 0), n), p,
          Preprocessors.get(probe.observationSpace()), new NoFilter(), Callbacks.NONE, sc);
      List<MultiAgentEnv> envs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        envs.add(new OneAgent());
      }
      MultiAgentSampler ma = new MultiAgentSampler(BaseEnv.fromMultiAgentEnvs(envs), Map.of("default_policy", p),
          Map.of("default_policy", Preprocessors.get(probe.observationSpace())), a -> "default_policy",
          Callbacks.NONE, sc);
      rate(() -> vec.sample().count());
      rate(() -> (int) ma.sample().envSteps());
      double v = rate(() -> vec.sample().count());
      double m = rate(() -> (int) ma.sample().envSteps());
      System.out.printf("%3d envs: vector %.0f steps/s, BaseEnv %.0f steps/s (vector %.2fx)%n", n, v, m, v / m);
    }
  }

  private static double rate(java.util.function.IntSupplier s) {
    long steps = 0;
    long t0 = System.nanoTime();
    while (System.nanoTime() - t0 < 2_000_000_000L) {
      steps += s.getAsInt();
    }
    return steps / ((System.nanoTime() - t0) / 1e9);
  }
}
