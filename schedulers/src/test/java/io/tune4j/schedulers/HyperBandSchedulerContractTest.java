package io.tune4j.schedulers;

/** Runs the scheduler contract over synchronous HyperBand. */
class HyperBandSchedulerContractTest extends TrialSchedulerContractTest {
  @Override
  protected TrialScheduler createScheduler() {
    return HyperBandScheduler.builder().metric("episode_reward_mean").mode("max").maxT(27).build();
  }
}
