package io.tune4j.examples;

import io.ray.api.ActorHandle;
import io.tune4j.rllib.agents.ppo.PpoTrainer;
import io.tune4j.rllib.env.Env;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.env.StepResult;
import io.tune4j.rllib.env.classic.CartPole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Global coordination through a named actor ({@code bin/tune4j example global-counter}): every env
 * step in every rollout worker increments a {@link Counter} actor named {@value #COUNTER}, and the
 * driver reads the count after each {@code train()}; it equals the env steps sampled ({@code
 * timesteps_total}).
 *
 * <p>Arguments: {@code --iterations N} (default 3), {@code --workers N} (default 2), {@code
 * --config JSON}.
 */
public final class GlobalCounterExample {
  /** The counter's actor name. */
  public static final String COUNTER = "global_counter";

  /** The env id of {@link CountingCartPole}. */
  public static final String ENV = "CountingCartPole-v0";

  private GlobalCounterExample() {}

  /** CartPole that increments the global counter on every step (asynchronously). */
  static final class CountingCartPole implements Env {
    private final CartPole cartPole = new CartPole();
    private final ActorHandle<Counter> counter = Counter.lookup(COUNTER);

    @Override
    public Object reset() {
      return cartPole.reset();
    }

    @Override
    public StepResult step(Object action) {
      counter.task(Counter::inc, 1L).remote(); // async call to increment the global count
      return cartPole.step(action);
    }

    @Override
    public Space observationSpace() {
      return cartPole.observationSpace();
    }

    @Override
    public Space actionSpace() {
      return cartPole.actionSpace();
    }

    @Override
    public void seed(long seed) {
      cartPole.seed(seed);
    }
  }

  /** One line of the example's output: the counter's increase against the steps sampled. */
  record Reading(long counted, long timestepsTotal) {}

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    ExampleArgs a =
        ExampleArgs.parse(
            "global-counter", args, Map.of("iterations", "3", "workers", "2", "config", "{}"));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("num_workers", a.getInt("workers"));
    config.putAll(a.getConfig("config"));
    for (Reading r : run(config, a.getInt("iterations"))) {
      System.out.printf("global count %d, timesteps_total %d%n", r.counted(), r.timestepsTotal());
    }
  }

  /**
   * Trains PPO on {@value #ENV} and reads the counter after every iteration.
   *
   * @param config PPO config overrides
   * @return per iteration, the counter's increase since the start and {@code timesteps_total}
   */
  static List<Reading> run(Map<String, Object> config, int iterations) throws Exception {
    ActorHandle<Counter> counter = Counter.getOrCreate(COUNTER); // on the driver
    Envs.register(ENV, ctx -> new CountingCartPole(), 200);
    long start = counter.task(Counter::get).remote().get();
    PpoTrainer trainer = new PpoTrainer(config, ENV);
    List<Reading> readings = new ArrayList<>();
    try {
      for (int i = 0; i < iterations; i++) {
        Map<String, Object> result = trainer.train();
        long count = counter.task(Counter::get).remote().get(); // get the latest count
        readings.add(
            new Reading(count - start, ((Number) result.get("timesteps_total")).longValue()));
      }
    } finally {
      trainer.shutdown();
    }
    return readings;
  }
}
