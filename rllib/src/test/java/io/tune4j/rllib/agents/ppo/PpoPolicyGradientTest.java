package io.tune4j.rllib.agents.ppo;

import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.models.PolicyNetworks;
import io.tune4j.rllib.policy.Dl4jPolicy;
import io.tune4j.rllib.policy.PolicyGradientContractTest;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/** PPO's loss gradient: a discrete policy, and a Gaussian one with shared layers and free log σ. */
class PpoPolicyGradientTest extends PolicyGradientContractTest {
  @Override
  protected List<Case> cases() {
    PpoPolicy discrete =
        new PpoPolicy(PpoPolicyTest.OBS, new Discrete(3),
            PpoPolicyTest.config("kl_coeff", 0.7, "entropy_coeff", 0.05, "vf_clip_param", 0.5, "clip_param", 0.2),
            DataType.DOUBLE);
    Map<String, Object> c =
        PpoPolicyTest.config("kl_coeff", 0.3, "entropy_coeff", 0.1, "vf_share_layers", true,
            "model", Map.of("fcnet_hiddens", List.of(4), "free_log_std", true));
    PpoPolicy gaussian = new PpoPolicy(PpoPolicyTest.OBS, new Box(new double[] {-2, -2}, new double[] {2, 2}), c, DataType.DOUBLE);
    // The batches exercise both the clipped surrogate and the clipped value branches.
    return List.of(
        new Case("discrete", discrete, PpoPolicyTest.batch(discrete, 16, 1)),
        new Case("gaussian, shared layers, free log std", gaussian, PpoPolicyTest.batch(gaussian, 12, 2)));
  }

  @Override
  protected PolicyNetworks.Loss loss(Dl4jPolicy policy, SampleBatch batch) {
    return ((PpoPolicy) policy).loss(batch);
  }
}
