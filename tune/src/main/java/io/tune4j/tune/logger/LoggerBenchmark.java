package io.tune4j.tune.logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Measures the driver's cost per logged result (DESIGN.md target: at most 0.1 ms for JSON, CSV and
 * TensorBoard together; Ray Tune spends about 1.3 ms) and per trial's logger setup.
 *
 * <p>Run: {@code java -cp $(bin/tune4j classpath) io.tune4j.tune.logger.LoggerBenchmark [results]}.
 * Writes to a temporary directory that it deletes at the end.
 */
public final class LoggerBenchmark {

  private LoggerBenchmark() {}

  /**
   * Prints microseconds per result for each logger and for all three, then per trial setup.
   *
   * @param args optional number of measured results per logger (default 20000)
   * @throws IOException when the temporary directory cannot be used
   */
  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    Path root = Files.createTempDirectory("tune4j-logger-bench");
    try {
      List<Map<String, Object>> results = sampleResults(1000, new Random(42));
      System.out.printf(
          "result: %d top-level keys, %d flattened (config dropped)%n",
          results.get(0).size(),
          Flatten.flatten(results.get(0), "/", java.util.Set.of("config")).size());
      Map<String, List<ResultLoggerFactory>> cases = new LinkedHashMap<>();
      cases.put("json", List.of(Loggers.json()));
      cases.put("csv", List.of(Loggers.csv()));
      cases.put("tensorboard", List.of(Loggers.tensorBoard()));
      cases.put("all three (unified)", Loggers.defaults());
      for (int round = 0; round < 2; round++) {
        String label = round == 0 ? "warm-up" : "measured";
        for (Map.Entry<String, List<ResultLoggerFactory>> c : cases.entrySet()) {
          double us = perResult(root, c.getKey() + round, c.getValue(), results, n);
          System.out.printf("%-9s %-20s %8.2f us/result%n", label, c.getKey(), us);
        }
      }
      int trials = 2000;
      for (int round = 0; round < 2; round++) {
        String label = round == 0 ? "warm-up" : "measured";
        double fs = fileSystemBaseline(root.resolve("fs" + round), trials);
        double us = perTrial(root.resolve("trials" + round), results.get(0), trials);
        System.out.printf(
            "%-9s %-20s %8.2f us/trial (create 3 loggers, 1 result, close)%n"
                + "%-9s %-20s %8.2f us/trial (mkdir + create 4 small files, no loggers)%n",
            label, "trial setup", us, label, "file-system floor", fs);
      }
    } finally {
      deleteTree(root);
    }
  }

  private static double perResult(
      Path root,
      String name,
      List<ResultLoggerFactory> factories,
      List<Map<String, Object>> results,
      int n) {
    LoggerContext ctx =
        new LoggerContext(root.resolve(name), name, "bench", configOf(results.get(0)));
    try (ResultLogger log = Loggers.unified(ctx, factories)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        log.onResult(results.get(i % results.size()));
      }
      log.flush();
      return (System.nanoTime() - t0) / 1e3 / n;
    }
  }

  private static double perTrial(Path root, Map<String, Object> result, int trials) {
    long t0 = System.nanoTime();
    for (int i = 0; i < trials; i++) {
      LoggerContext ctx =
          new LoggerContext(root.resolve("trial_" + i), "trial_" + i, "t" + i, configOf(result));
      try (ResultLogger log = Loggers.unified(ctx, Loggers.defaults())) {
        log.onResult(result);
      }
    }
    return (System.nanoTime() - t0) / 1e3 / trials;
  }

  /** The cost the file system alone charges for a trial's directory and four files. */
  private static double fileSystemBaseline(Path root, int trials) {
    byte[] small = new byte[64];
    long t0 = System.nanoTime();
    try {
      for (int i = 0; i < trials; i++) {
        Path dir = Files.createDirectories(root.resolve("trial_" + i));
        for (String f : new String[] {"a", "b", "c", "d"}) {
          Files.write(dir.resolve(f), small);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return (System.nanoTime() - t0) / 1e3 / trials;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> configOf(Map<String, Object> result) {
    return (Map<String, Object>) result.get("config");
  }

  /** Builds RLlib-like PPO results: 26 top-level keys, 36 flattened, plus a config. */
  static List<Map<String, Object>> sampleResults(int count, Random rnd) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("env", "CartPole-v0");
    config.put("lr", 5e-5);
    config.put("num_workers", 2);
    config.put("train_batch_size", 4000);
    config.put("sgd_minibatch_size", 128);
    config.put("model", Map.of("fcnet_hiddens", List.of(64, 64), "fcnet_activation", "tanh"));
    List<Map<String, Object>> out = new ArrayList<>(count);
    long timesteps = 0;
    for (int i = 1; i <= count; i++) {
      timesteps += 4000;
      Map<String, Object> learner = new LinkedHashMap<>();
      learner.put("cur_kl_coeff", 0.2);
      learner.put("cur_lr", 5e-5);
      learner.put("total_loss", rnd.nextGaussian());
      learner.put("policy_loss", rnd.nextGaussian() * 0.1);
      learner.put("vf_loss", rnd.nextDouble() * 50);
      learner.put("vf_explained_var", rnd.nextDouble());
      learner.put("kl", rnd.nextDouble() * 0.02);
      learner.put("entropy", 0.69 - rnd.nextDouble() * 0.1);
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("learner", Map.of("default_policy", learner));
      info.put("num_steps_sampled", timesteps);
      info.put("num_steps_trained", timesteps);
      info.put("sample_time_ms", rnd.nextDouble() * 1000);
      info.put("grad_time_ms", rnd.nextDouble() * 1000);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("episode_reward_max", 200.0);
      r.put("episode_reward_min", 9.0 + rnd.nextInt(10));
      r.put("episode_reward_mean", rnd.nextDouble() * 200);
      r.put("episode_len_mean", rnd.nextDouble() * 200);
      r.put("episodes_this_iter", 20 + rnd.nextInt(100));
      r.put("policy_reward_mean", Map.of());
      r.put("custom_metrics", Map.of("pole_angle_mean", rnd.nextDouble()));
      r.put("sampler_perf", Map.of("mean_env_wait_ms", rnd.nextDouble(), "mean_inference_ms", 0.4));
      r.put("off_policy_estimator", Map.of());
      r.put("num_healthy_workers", 2);
      r.put("info", info);
      r.put("timesteps_this_iter", 4000);
      r.put("done", false);
      r.put("timesteps_total", timesteps);
      r.put("episodes_total", i * 40);
      r.put("training_iteration", i);
      r.put("experiment_id", "5f0c8a3e2b9d4e7f8a1b2c3d4e5f6a7b");
      r.put("date", "2019-06-07_12-00-00");
      r.put("timestamp", 1559908800L + i);
      r.put("time_this_iter_s", rnd.nextDouble() * 3);
      r.put("time_total_s", i * 2.5);
      r.put("pid", 12345);
      r.put("hostname", "worker-1");
      r.put("node_ip", "10.0.0.1");
      r.put("config", config);
      r.put("time_since_restore", i * 2.5);
      out.add(r);
    }
    return out;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
