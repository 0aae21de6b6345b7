package io.tune4j.rllib.agents.pg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.models.PolicyNetworks;
import io.tune4j.rllib.policy.ActionOutput;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class PgPolicyTest {
  static final Space OBS = new Box(new double[] {-1, -1}, new double[] {1, 1});

  static Map<String, Object> config(Object... overrides) {
    Map<String, Object> c = new HashMap<>(PgConfig.DEFAULTS);
    c.put("gamma", 0.99);
    c.put("seed", 3L);
    c.put("model", Map.of("fcnet_hiddens", List.of(6)));
    for (int i = 0; i < overrides.length; i += 2) {
      c.put((String) overrides[i], overrides[i + 1]);
    }
    return c;
  }

  static SampleBatch batch(PgPolicy p, int n) {
    Random rng = new Random(11);
    float[] obs = new float[n * 2];
    for (int i = 0; i < obs.length; i++) {
      obs[i] = (float) rng.nextGaussian();
    }
    ActionOutput out = p.computeActions(obs, n, true);
    float[] actions = new float[n];
    float[] adv = new float[n];
    for (int i = 0; i < n; i++) {
      actions[i] = (float) out.actions()[i];
      adv[i] = (float) rng.nextGaussian();
    }
    return new SampleBatch()
        .putFloats(SampleBatch.OBS, 2, obs)
        .putFloats(SampleBatch.ACTIONS, 1, actions)
        .putFloats(SampleBatch.ADVANTAGES, 1, adv);
  }

  /** PG's loss at the current parameters, forward pass in plain Java. */
  static double loss(PgPolicy p, SampleBatch b) {
    PolicyNetworks nets = p.networks();
    int n = b.count();
    float[] in = new float[n * nets.dist().inputSize()];
    nets.forward(b.floats(SampleBatch.OBS), n, in, null);
    return p.loss(b).policyLoss(in, n, new double[in.length]);
  }

  // The loss gradient is checked against finite differences by PgPolicyGradientTest.

  @Test
  void lossIsMinusMeanLogpTimesAdvantage() {
    PgPolicy p = new PgPolicy(OBS, new Discrete(2), config());
    SampleBatch b =
        new SampleBatch()
            .putFloats(SampleBatch.ACTIONS, 1, new float[] {0, 1})
            .putFloats(SampleBatch.ADVANTAGES, 1, new float[] {2, -1});
    // logits [0, ln 3] for both rows: p = [1/4, 3/4]
    float ln3 = (float) Math.log(3);
    double l = p.loss(b).policyLoss(new float[] {0, ln3, 0, ln3}, 2, new double[4]);
    // −(2·ln(1/4) + (−1)·ln(3/4)) / 2
    assertEquals(-(2 * Math.log(0.25) - Math.log(0.75)) / 2, l, 1e-6);
  }

  @Test
  void postprocessingUsesUnbootstrappedDiscountedReturns() {
    PgPolicy p = new PgPolicy(OBS, new Discrete(2), config("gamma", 0.5));
    SampleBatch frag = new SampleBatch().putFloats(SampleBatch.REWARDS, 1, new float[] {1, 1, 1});
    // cut or not, last_r = 0: [1 + .5 (1 + .5), 1 + .5, 1]
    float[] adv = p.postprocessTrajectory(frag, false).floats(SampleBatch.ADVANTAGES);
    assertArrayEquals(new float[] {1.75f, 1.5f, 1f}, adv);
    ActionOutput out = p.computeActions(new float[] {0, 0}, 1, true);
    assertFalse(out.extras().containsKey(SampleBatch.VF_PREDS));
    assertFalse(p.networks().hasValueFunction(), "PG has no value function");
  }

  @Test
  void learnOnBatchTakesOneAdamStep() {
    PgPolicy p = new PgPolicy(OBS, new Discrete(2), config("lr", 0.05));
    SampleBatch b = batch(p, 40);
    double before = loss(p, b);
    Map<String, Object> stats = p.learnOnBatch(b);
    assertEquals(before, (Double) stats.get("policy_loss"), 1e-5);
    assertEquals(0.05, (Double) stats.get("cur_lr"), 1e-12);
    assertTrue(loss(p, b) < before);
  }

  @Test
  void validateRejectsPytorch() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> PgConfig.validate(config("use_pytorch", true)));
    assertTrue(e.getMessage().contains("use_pytorch"), e.getMessage());
    PgConfig.validate(config());
    assertEquals(4e-4, (Double) PgConfig.DEFAULTS.get("lr"), 0);
  }
}
