package io.tune4j.schedulers;

/** Runs the scheduler contract over {@link FifoScheduler}. */
class FifoSchedulerContractTest extends TrialSchedulerContractTest {
  @Override
  protected TrialScheduler createScheduler() {
    return new FifoScheduler();
  }
}
