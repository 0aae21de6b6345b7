package io.tune4j.rllib.bench;

import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.agents.a3c.A3cTrainer;
import io.tune4j.rllib.agents.es.EsTrainer;
import io.tune4j.rllib.agents.impala.ImpalaTrainer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The asynchronous and evolutionary algorithms' figures ({@code bench rllib a3c|impala|es}): env
 * steps/s with 1 and 2 workers, IMPALA's learner throughput and queue wait, ES episodes/s, and
 * steps and seconds to CartPole's bars.
 */
final class AsyncBenchmark {
  private AsyncBenchmark() {}

  /** Env steps/s of a trainer over 5 iterations after a warm-up one. */
  private static Map<String, Object> rate(Trainer t, int iterations) {
    t.train();
    long s0 = ((Number) t.train().get("timesteps_total")).longValue();
    long t0 = System.nanoTime();
    Map<String, Object> r = Map.of();
    for (int i = 0; i < iterations; i++) {
      r = t.train();
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    Map<String, Object> out = new LinkedHashMap<>(r);
    out.put("steps_per_s", (((Number) r.get("timesteps_total")).longValue() - s0) / secs);
    out.put("seconds", secs);
    return out;
  }

  /** Trains until {@code bars} are passed (or {@code cap} steps), printing steps and seconds to each. */
  private static void toBars(Function<Map<String, Object>, Trainer> make, Map<String, Object> config, double[] bars,
      long cap, String what) {
    long t0 = System.nanoTime();
    try (Trainer t = make.apply(config)) {
      int next = 0;
      long steps = 0;
      while (next < bars.length && steps < cap) {
        Map<String, Object> r = t.train();
        steps = ((Number) r.get("timesteps_total")).longValue();
        double reward = ((Number) r.get("episode_reward_mean")).doubleValue();
        while (next < bars.length && reward >= bars[next]) {
          System.out.printf("%s: mean reward %.0f reached at %d steps, %.1f s (reward %.1f)%n", what, bars[next], steps,
              (System.nanoTime() - t0) / 1e9, reward);
          next++;
        }
      }
      for (; next < bars.length; next++) {
        System.out.printf("%s: mean reward %.0f NOT reached within %d steps (%.1f s)%n", what, bars[next], steps,
            (System.nanoTime() - t0) / 1e9);
      }
    }
  }

  static void a3c() {
    System.out.println("== A3C on CartPole-v0 (RLlib's defaults, gamma 0.95 as cartpole-a3c.yaml) ==");
    for (int workers : new int[] {1, 2}) {
      Map<String, Object> c = Map.of("num_workers", workers, "gamma", 0.95, "seed", 1, "min_iter_time_s", 1);
      try (A3cTrainer t = new A3cTrainer(c, "CartPole-v0")) {
        Map<String, Object> r = rate(t, 5);
        System.out.printf("%d worker(s): %.0f env steps/s%n", workers, (double) r.get("steps_per_s"));
      }
    }
    for (int workers : new int[] {1, 2}) {
      Map<String, Object> c = Map.of("num_workers", workers, "gamma", 0.95, "seed", 1, "min_iter_time_s", 0,
          "timesteps_per_iteration", 2000);
      toBars(m -> new A3cTrainer(m, "CartPole-v0"), c, new double[] {100, 150, 195}, 300_000,
          "A3C " + workers + " worker(s)");
    }
  }

  @SuppressWarnings("unchecked")
  static void impala() {
    System.out.println("== IMPALA on CartPole-v0 (RLlib's defaults, 5 envs per worker) ==");
    for (int workers : new int[] {1, 2}) {
      Map<String, Object> c = Map.of("num_workers", workers, "num_envs_per_worker", 5, "seed", 1, "min_iter_time_s", 2);
      try (ImpalaTrainer t = new ImpalaTrainer(c, "CartPole-v0")) {
        Map<String, Object> r = rate(t, 3);
        Map<String, Object> info = (Map<String, Object>) r.get("info");
        Map<String, Object> timing = (Map<String, Object>) info.get("timing_breakdown");
        Map<String, Object> queue = (Map<String, Object>) info.get("learner_queue");
        double grad = ((Number) timing.get("learner_grad_time_ms")).doubleValue();
        System.out.printf("%d worker(s): %.0f env steps/s; learner %.0f samples/s (%.2f ms per 500-row batch),"
                + " dequeue wait %.2f ms, queue size mean %.2f%n", workers, (double) r.get("steps_per_s"),
            500 / grad * 1000, grad, ((Number) timing.get("learner_dequeue_time_ms")).doubleValue(),
            ((Number) queue.get("size_mean")).doubleValue());
      }
    }
    Map<String, Object> c = Map.of("num_workers", 2, "num_envs_per_worker", 5, "seed", 1, "min_iter_time_s", 0,
        "timesteps_per_iteration", 2000);
    toBars(m -> new ImpalaTrainer(m, "CartPole-v0"), c, new double[] {100, 150, 195}, 1_000_000, "IMPALA 2 workers");
  }

  @SuppressWarnings("unchecked")
  static void es() {
    System.out.println("== ES on CartPole-v0 (cartpole-es.yaml: 2 workers, 25M noise, 50 episodes per batch) ==");
    Map<String, Object> c = Map.of("num_workers", 2, "noise_size", 25_000_000, "episodes_per_batch", 50, "seed", 1);
    long t0 = System.nanoTime();
    try (EsTrainer t = new EsTrainer(c, "CartPole-v0")) {
      System.out.printf("setup (noise table in the object store, 2 workers): %.1f s%n", (System.nanoTime() - t0) / 1e9);
      Map<String, Object> r = rate(t, 5);
      Map<String, Object> info = (Map<String, Object>) r.get("info");
      System.out.printf("%.0f env steps/s, %.0f episodes/s%n", (double) r.get("steps_per_s"),
          ((Number) info.get("episodes_this_iter")).doubleValue() * 5 / (double) r.get("seconds"));
    }
    toBars(m -> new EsTrainer(m, "CartPole-v0"), c, new double[] {75, 150, 195}, 2_000_000, "ES 2 workers");
  }
}
