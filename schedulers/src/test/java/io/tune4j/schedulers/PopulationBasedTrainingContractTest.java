package io.tune4j.schedulers;

import io.tune4j.search.SearchSpace;
import java.util.List;
import java.util.Map;

/** Runs the scheduler contract over PBT, exploits included. */
class PopulationBasedTrainingContractTest extends TrialSchedulerContractTest {
  @Override
  protected TrialScheduler createScheduler() {
    return PopulationBasedTraining.builder()
        .timeAttr("training_iteration")
        .metric("episode_reward_mean")
        .mode("max")
        .perturbationInterval(3)
        .hyperparamMutations(
            Map.of("lr", SearchSpace.uniform(0, 1), "batch", List.of(16, 32, 64)))
        .seed(3)
        .build();
  }

  @Override
  protected Map<String, Object> config(String trialId) {
    return Map.of("lr", 0.5, "batch", 32);
  }
}
