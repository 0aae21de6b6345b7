package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Env;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.env.StepResult;
import java.util.Map;

/**
 * A test env whose observation is the action it last received (so action clipping is visible)
 * and whose reward is {@code 2.5 * action}; episodes last {@value #LENGTH} steps.
 */
final class EchoEnv implements Env {
  static final int LENGTH = 5;
  private static final Box SPACE = new Box(-1, 1, Box.Dtype.FLOAT32, 1);
  private int t;

  @Override
  public Object reset() {
    t = 0;
    return new double[] {0};
  }

  @Override
  public StepResult step(Object action) {
    double a = ((double[]) action)[0];
    t++;
    return new StepResult(new double[] {a}, 2.5 * a, t >= LENGTH, Map.of());
  }

  @Override
  public Space observationSpace() {
    return new Box(-10, 10, Box.Dtype.FLOAT32, 1);
  }

  @Override
  public Space actionSpace() {
    return SPACE;
  }
}
