package io.tune4j.schedulers;

import java.util.List;

/**
 * What a {@link TrialScheduler} may ask the trial runner: the trials and whether one of them fits
 * the free resources. Read-only; the runner implements it.
 *
 * <pre>{@code
 * for (TrialView t : context.trials()) {
 *   if (t.status() == TrialStatus.PENDING && context.hasResourcesFor(t.trialId())) { ... }
 * }
 * }</pre>
 */
public interface SchedulerContext {
  /**
   * Returns snapshots of all trials, in the order they were added; trials are never removed.
   *
   * @return the trials
   */
  List<TrialView> trials();

  /**
   * Tells whether the trial's resource request fits what is currently free.
   *
   * @param trialId a trial of this context
   * @return true if starting (or resuming) it now would not exceed the available resources
   */
  boolean hasResourcesFor(String trialId);

  /**
   * Returns one trial's current snapshot. The default scans {@link #trials()}; runners should
   * answer from a map, because schedulers call this on hot paths.
   *
   * @param trialId a trial id
   * @return the trial, or null if unknown
   */
  default TrialView trial(String trialId) {
    for (TrialView view : trials()) {
      if (view.trialId().equals(trialId)) {
        return view;
      }
    }
    return null;
  }

  /**
   * Returns how many trials were added; the default counts {@link #trials()}.
   *
   * @return the number of trials
   */
  default int numTrials() {
    return trials().size();
  }

  /**
   * Returns a key for the trial's resource request: two trials with equal keys must both fit or
   * both not fit. Schedulers use it to stop scanning once every request shape is known not to fit.
   * The default, the trial id, is always correct but shares nothing; runners should return the
   * trial's resources value object.
   *
   * @param trialId a trial of this context
   * @return a key with value-based {@code equals}
   */
  default Object resourceKey(String trialId) {
    return trialId;
  }
}
