package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.policy.ActionOutput;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.Map;

/**
 * A deterministic CartPole controller: push towards the side the pole leans to (by angle, or by
 * angular velocity, which balances for the whole 200 steps), or away from it (falls within a few
 * dozen steps). Emits the pole angle it saw as a {@code vf_preds} extra.
 */
final class CartPoleRulePolicy extends TestPolicyBase {
  enum Rule {
    ANGLE,
    ANGULAR_VELOCITY,
    WRONG_WAY
  }

  private final Rule rule;

  CartPoleRulePolicy(Rule rule) {
    super(new Box(-1e9, 1e9, Box.Dtype.FLOAT32, 4), new Discrete(2), 4, 1);
    this.rule = rule;
  }

  @Override
  public ActionOutput computeActions(float[] obs, int n, boolean explore) {
    double[] a = new double[n];
    float[] angle = new float[n];
    for (int i = 0; i < n; i++) {
      float theta = obs[i * 4 + 2];
      float omega = obs[i * 4 + 3];
      a[i] = switch (rule) {
        case ANGLE -> theta < 0 ? 0 : 1;
        case ANGULAR_VELOCITY -> omega < 0 ? 0 : 1;
        case WRONG_WAY -> theta < 0 ? 1 : 0;
      };
      angle[i] = theta;
    }
    return new ActionOutput(a, Map.of(SampleBatch.VF_PREDS, angle));
  }
}
