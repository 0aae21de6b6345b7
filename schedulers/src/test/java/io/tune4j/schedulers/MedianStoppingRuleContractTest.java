package io.tune4j.schedulers;

/** Runs the scheduler contract over the median stopping rule, pausing instead of stopping. */
class MedianStoppingRuleContractTest extends TrialSchedulerContractTest {
  @Override
  protected TrialScheduler createScheduler() {
    return MedianStoppingRule.builder()
        .metric("episode_reward_mean")
        .mode("max")
        .gracePeriod(2)
        .minSamplesRequired(2)
        .hardStop(false)
        .build();
  }
}
