package io.tune4j.tune.trial;

import io.tune4j.search.BasicVariantSearcher;
import io.tune4j.search.Searcher;
import io.tune4j.search.variant.Variant;
import io.tune4j.tune.TuneException;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Turns the search algorithm's proposals into trials, when the runner may create one. Grid and
 * random search ({@link BasicVariantSearcher}) keep a small queue of PENDING trials: their configs
 * do not depend on results, and schedulers such as HyperBand and PBT need the population. Any
 * other searcher is asked only when no trial is waiting and one more would fit now, so it always
 * suggests from every result reported so far, and at most {@code num_samples} times.
 *
 * <pre>{@code
 * for (TrialSource.Made m; (m = source.next(pending, inFlight, belowLimit)) != null; ) { ... }
 * }</pre>
 */
final class TrialSource {
  private static final Logger LOG = Logger.getLogger(TrialSource.class.getName());

  /**
   * A trial to add, or (with {@code error}) one that could not be made from its proposal.
   *
   * @param trial the trial
   * @param error why it could not be made, or null
   */
  record Made(Trial trial, RuntimeException error) {}

  private final ExperimentPlan plan;
  private final ResourceLedger ledger;
  private final Searcher searcher;
  private final BasicVariantSearcher basic;
  private int created;
  private boolean exhausted;
  private Resources lastShape;

  TrialSource(ExperimentPlan plan, ResourceLedger ledger) {
    this.plan = plan;
    this.ledger = ledger;
    this.searcher = plan.searcher();
    this.basic = searcher instanceof BasicVariantSearcher b ? b : null;
  }

  /** How many proposals became trials (or failed ones). */
  int created() {
    return created;
  }

  /** Counts the trials of a resumed experiment as created. */
  void resumedUpTo(int index) {
    created = Math.max(created, index + 1);
  }

  /** Whether the searcher will propose nothing more. */
  boolean finished() {
    return exhausted
        || (basic != null ? basic.isFinished() : created >= plan.numSamples() || searcher.isFinished());
  }

  /**
   * The next trial to add, or null when none should be created now.
   *
   * @param pending trials waiting to start
   * @param busy whether any trial has a request in flight
   * @param belowLimit whether another trial may run under {@code max_concurrent_trials}
   */
  Made next(int pending, boolean busy, boolean belowLimit) {
    if (finished()) {
      return null;
    }
    if (basic != null) {
      if (pending >= Math.max(16, 2 * Math.max(1, (int) Math.ceil(ledger.total().cpu())))) {
        return null;
      }
      Variant v = basic.suggestVariant(null);
      if (v == null) {
        return null;
      }
      created++;
      try {
        return new Made(plan.newTrial(v), null);
      } catch (RuntimeException e) {
        return new Made(plan.failedTrial(v), e);
      }
    }
    if (pending > 0 || !belowLimit || (ledger.running() > 0 && lastShape != null && !ledger.fits(lastShape))) {
      return null;
    }
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Map<String, Object> config;
    try {
      config = searcher.suggest(id);
    } catch (RuntimeException e) {
      throw new TuneException("search algorithm " + searcher.getClass().getSimpleName() + " failed to suggest: " + e, e);
    }
    if (config == null) {
      if (ledger.running() == 0 && !busy) {
        LOG.warning("search algorithm " + searcher.getClass().getSimpleName()
            + " suggested nothing while no trial runs; ending the search after " + created + " trials");
        exhausted = true;
      }
      return null;
    }
    int index = created++;
    try {
      Trial t = plan.newTrial(id, index, config);
      lastShape = t.resources();
      return new Made(t, null);
    } catch (RuntimeException e) {
      searcher.onTrialComplete(id, null, true);
      return new Made(plan.failedTrial(new Variant(index, Integer.toString(index), Map.of("config", config), Map.of())), e);
    }
  }
}
