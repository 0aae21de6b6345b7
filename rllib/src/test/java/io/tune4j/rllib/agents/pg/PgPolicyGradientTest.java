package io.tune4j.rllib.agents.pg;

import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.models.PolicyNetworks;
import io.tune4j.rllib.policy.Dl4jPolicy;
import io.tune4j.rllib.policy.PolicyGradientContractTest;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/** PG's loss gradient (−mean log π(a|s) · advantage). */
class PgPolicyGradientTest extends PolicyGradientContractTest {
  @Override
  protected List<Case> cases() {
    PgPolicy p = new PgPolicy(PgPolicyTest.OBS, new Discrete(3), PgPolicyTest.config(), DataType.DOUBLE);
    return List.of(new Case("discrete", p, PgPolicyTest.batch(p, 20)));
  }

  @Override
  protected PolicyNetworks.Loss loss(Dl4jPolicy policy, SampleBatch batch) {
    return ((PgPolicy) policy).loss(batch);
  }
}
