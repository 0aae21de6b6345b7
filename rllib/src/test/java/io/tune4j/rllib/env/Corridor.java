package io.tune4j.rllib.env;

import java.util.Map;

/** A test env in the style of RLlib's custom_env example: walk right to the end of a corridor. */
final class Corridor implements Env {
  private final int length;
  private int pos;

  Corridor(EnvContext ctx) {
    this.length = ctx.getInt("corridor_length", 5);
  }

  @Override
  public Object reset() {
    pos = 0;
    return pos;
  }

  @Override
  public StepResult step(Object action) {
    int a = Actions.discrete(action, 2, "Corridor");
    pos = a == 1 ? pos + 1 : Math.max(0, pos - 1);
    boolean done = pos >= length;
    return new StepResult(pos, done ? 1.0 : -0.1, done, Map.of("pos", pos));
  }

  @Override
  public Space observationSpace() {
    return new Discrete(length + 1);
  }

  @Override
  public Space actionSpace() {
    return new Discrete(2);
  }

  int length() {
    return length;
  }
}
