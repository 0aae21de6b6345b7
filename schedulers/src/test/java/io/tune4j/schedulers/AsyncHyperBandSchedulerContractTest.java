package io.tune4j.schedulers;

/** Runs the scheduler contract over ASHA with three brackets. */
class AsyncHyperBandSchedulerContractTest extends TrialSchedulerContractTest {
  @Override
  protected TrialScheduler createScheduler() {
    return AsyncHyperBandScheduler.builder()
        .metric("episode_reward_mean")
        .mode("max")
        .maxT(30)
        .gracePeriod(1)
        .reductionFactor(3)
        .brackets(3)
        .seed(1)
        .build();
  }
}
