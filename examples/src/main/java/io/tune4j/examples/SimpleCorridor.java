package io.tune4j.examples;

import io.tune4j.rllib.env.Actions;
import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.env.Env;
import io.tune4j.rllib.env.EnvContext;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.env.StepResult;
import java.util.Map;

/**
 * RLlib's custom-env example ({@code custom_env.py}): walk right along a corridor to its end. The
 * observation is the position ({@code Box(0, length, (1,))}), actions are 0 (left) and 1 (right),
 * every step costs 0.1 and reaching the end pays 1.
 *
 * <pre>{@code
 * Envs.register("corridor", ctx -> new SimpleCorridor(ctx.getInt("corridor_length", 5)), 100);
 * PpoTrainer trainer = new PpoTrainer(Map.of("env_config", Map.of("corridor_length", 8)), "corridor");
 * }</pre>
 */
public final class SimpleCorridor implements Env {
  private final int length;
  private int pos;

  /** A corridor of {@code length} cells. */
  public SimpleCorridor(int length) {
    if (length < 1) {
      throw new IllegalArgumentException("corridor_length must be >= 1, got " + length);
    }
    this.length = length;
  }

  /** A corridor of {@code env_config["corridor_length"]} cells (default 5). */
  public SimpleCorridor(EnvContext ctx) {
    this(ctx.getInt("corridor_length", 5));
  }

  @Override
  public Object reset() {
    pos = 0;
    return new double[] {pos};
  }

  @Override
  public StepResult step(Object action) {
    int a = Actions.discrete(action, 2, "SimpleCorridor");
    pos = a == 1 ? pos + 1 : Math.max(0, pos - 1);
    boolean done = pos >= length;
    return new StepResult(new double[] {pos}, done ? 1.0 : -0.1, done, Map.of());
  }

  @Override
  public Space observationSpace() {
    return new Box(new double[] {0}, new double[] {length});
  }

  @Override
  public Space actionSpace() {
    return new Discrete(2);
  }
}
