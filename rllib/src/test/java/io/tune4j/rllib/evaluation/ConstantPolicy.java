package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.policy.ActionOutput;
import java.util.Arrays;
import java.util.Map;

/** Always outputs the same one-element Box action (for {@link EchoEnv}). */
final class ConstantPolicy extends TestPolicyBase {
  private final double action;

  ConstantPolicy(double action) {
    super(new Box(-10, 10, Box.Dtype.FLOAT32, 1), new Box(-1, 1, Box.Dtype.FLOAT32, 1), 1, 1);
    this.action = action;
  }

  @Override
  public ActionOutput computeActions(float[] obs, int n, boolean explore) {
    double[] a = new double[n];
    Arrays.fill(a, action);
    return new ActionOutput(a, Map.of());
  }
}
