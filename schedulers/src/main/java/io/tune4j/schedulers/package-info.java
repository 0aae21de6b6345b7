/**
 * Trial schedulers: pure deciders that tell the trial runner which trial to start next and whether
 * a running trial should continue, pause or stop (Ray Tune's {@code schedulers}).
 *
 * <p>Schedulers never touch Ray, files or checkpoints; they see frozen {@link
 * io.tune4j.schedulers.TrialView} snapshots through a {@link io.tune4j.schedulers.SchedulerContext}
 * and answer with a {@link io.tune4j.schedulers.Decision}. The runner acts on the answer.
 *
 * <pre>{@code
 * TrialScheduler scheduler = new FifoScheduler();
 * String next = scheduler.chooseTrialToRun(context);
 * }</pre>
 */
package io.tune4j.schedulers;
