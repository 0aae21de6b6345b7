package io.tune4j.rllib.agents.ppo;

import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.models.Model;
import io.tune4j.rllib.policy.ActionOutput;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Prints the numbers behind the PPO stack's performance (not a test): model forward pass in plain
 * Java vs DL4J per batch size, PPO learner throughput through SGD with RLlib's defaults, and the
 * {@link SampleBatch} codec's speed. Run with {@code OMP_NUM_THREADS=1}.
 *
 * <pre>
 * java -cp "$(bin/tune4j classpath)" io.tune4j.rllib.agents.ppo.PpoBenchmark
 * </pre>
 */
public final class PpoBenchmark {
  private PpoBenchmark() {}

  /** Runs all measurements. */
  public static void main(String[] args) {
    Box cartObs = new Box(new double[] {-1, -1, -1, -1}, new double[] {1, 1, 1, 1});
    for (List<Integer> hiddens : List.of(List.of(64, 64), List.of(256, 256))) {
      PpoPolicy p = new PpoPolicy(cartObs, new Discrete(2), config(hiddens));
      Model m = p.networks().policyModel();
      for (int n : new int[] {1, 8, 64, 200}) {
        float[] x = random(n * 4, n);
        float[] out = new float[n * 2];
        double java = time(() -> m.forwardJava(x, n, out), 200_000 / (n * hiddens.get(0) / 64 + 1));
        double dl4j = time(() -> m.forwardDl4j(x, n), 2000);
        System.out.printf(
            "forward 4-%s-2 batch %3d: plain Java %8.1f us, DL4J %8.1f us (%.1fx)%n",
            hiddens, n, java, dl4j, dl4j / java);
      }
      float[] x = random(64 * 4, 1);
      double act = time(() -> p.computeActions(x, 64, true), 2000);
      System.out.printf(
          "computeActions (policy + value nets, sample, logp) %s batch 64: "
              + "%.1f us = %.0f actions/s%n",
          hiddens, act, 64 / act * 1e6);
    }

    Map<String, Object> cfg = config(List.of(256, 256));
    PpoPolicy p = new PpoPolicy(cartObs, new Discrete(2), cfg);
    SampleBatch batch = trainBatch(p, 4000);
    p.learnOnBatch(batch); // warm-up
    long t0 = System.nanoTime();
    int reps = 2;
    for (int i = 0; i < reps; i++) {
      p.learnOnBatch(batch);
    }
    double s = (System.nanoTime() - t0) / 1e9 / reps;
    int sgdRows = (4000 / 128) * 128 * 30;
    System.out.printf(
        "PPO learnOnBatch (4000 rows, minibatch 128, 30 epochs, [256,256] x2 nets): %.2f s ="
            + " %.0f train-batch samples/s, %.0f samples/s through SGD, %.2f ms per SGD step%n",
        s, 4000 / s, sgdRows / s, 1000 * s / (sgdRows / 128));

    byte[][] holder = new byte[1][];
    double enc = time(() -> holder[0] = batch.encode(), 200);
    double dec = time(() -> SampleBatch.decode(holder[0]), 200);
    double mb = holder[0].length / 1e6;
    System.out.printf(
        "SampleBatch codec (%d rows, %.2f MB): encode %.0f us (%.0f MB/s), decode %.0f us (%.0f"
            + " MB/s)%n",
        batch.count(), mb, enc, mb / enc * 1e6, dec, mb / dec * 1e6);
  }

  private static Map<String, Object> config(List<Integer> hiddens) {
    Map<String, Object> c = new HashMap<>(PpoConfig.DEFAULTS);
    c.put("gamma", 0.99);
    c.put("seed", 1L);
    c.put("model", Map.of("fcnet_hiddens", hiddens));
    return c;
  }

  /** A CartPole-shaped postprocessed batch sampled from the policy on random observations. */
  static SampleBatch trainBatch(PpoPolicy p, int n) {
    float[] obs = random(n * 4, 3);
    ActionOutput out = p.computeActions(obs, n, true);
    float[] actions = new float[n];
    float[] rewards = new float[n];
    float[] dones = new float[n];
    long[] eps = new long[n];
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      actions[i] = (float) out.actions()[i];
      rewards[i] = 1f;
      dones[i] = i % 50 == 49 ? 1f : 0f;
      eps[i] = i / 50;
      t[i] = i % 50;
    }
    SampleBatch b =
        new SampleBatch()
            .putFloats(SampleBatch.OBS, 4, obs)
            .putFloats(SampleBatch.NEW_OBS, 4, obs.clone())
            .putFloats(SampleBatch.ACTIONS, 1, actions)
            .putFloats(SampleBatch.REWARDS, 1, rewards)
            .putFloats(SampleBatch.DONES, 1, dones)
            .putLongs(SampleBatch.EPS_ID, eps)
            .putLongs(SampleBatch.T, t);
    out.extras().forEach((k, v) -> b.putFloats(k, v.length / n, v));
    return SampleBatch.concat(
        b.splitByEpisode().stream().map(e -> p.postprocessTrajectory(e, true)).toList());
  }

  private static float[] random(int size, long seed) {
    Random r = new Random(seed);
    float[] x = new float[size];
    for (int i = 0; i < size; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  /** Mean microseconds per call after a warm-up. */
  private static double time(Runnable r, int iters) {
    iters = Math.max(iters, 10);
    for (int i = 0; i < iters / 5 + 5; i++) {
      r.run();
    }
    long t0 = System.nanoTime();
    for (int i = 0; i < iters; i++) {
      r.run();
    }
    return (System.nanoTime() - t0) / 1e3 / iters;
  }
}
