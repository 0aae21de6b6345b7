package io.tune4j.schedulers;

import java.util.Map;

/** Runs the scheduler contract over PB2. */
class PB2ContractTest extends TrialSchedulerContractTest {
  @Override
  protected TrialScheduler createScheduler() {
    return PB2.builder()
        .timeAttr("training_iteration")
        .metric("episode_reward_mean")
        .mode("max")
        .perturbationInterval(3)
        .hyperparamBounds(Map.of("lr", new double[] {0, 1}))
        .seed(5)
        .build();
  }

  @Override
  protected Map<String, Object> config(String trialId) {
    return Map.of("lr", 0.5);
  }
}
