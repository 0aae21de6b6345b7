package io.tune4j.tune.trial;

import io.tune4j.schedulers.SchedulerContext;
import io.tune4j.schedulers.TrialView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runner's trials in the order they were added, by id, and what schedulers may ask about
 * them ({@link SchedulerContext}): frozen views and whether a trial fits the free resources.
 *
 * <pre>{@code
 * TrialTable table = new TrialTable(ledger);
 * table.add(trial);
 * String chosen = scheduler.chooseTrialToRun(table);
 * }</pre>
 */
final class TrialTable implements SchedulerContext {
  private final List<Trial> trials = new ArrayList<>();
  private final Map<String, Trial> byId = new HashMap<>();
  private final ResourceLedger ledger;

  TrialTable(ResourceLedger ledger) {
    this.ledger = ledger;
  }

  void add(Trial t) {
    trials.add(t);
    byId.put(t.trialId(), t);
  }

  /** The trial with this id, or null. */
  Trial get(String trialId) {
    return byId.get(trialId);
  }

  /** Every trial, in the order added (the runner's own list; do not modify). */
  List<Trial> list() {
    return trials;
  }

  @Override
  public List<TrialView> trials() {
    List<TrialView> views = new ArrayList<>(trials.size());
    for (Trial t : trials) {
      views.add(t.view());
    }
    return views;
  }

  @Override
  public Object resourceKey(String trialId) {
    Trial t = byId.get(trialId);
    return t == null ? trialId : t.resources();
  }

  @Override
  public int numTrials() {
    return trials.size();
  }

  @Override
  public TrialView trial(String trialId) {
    Trial t = byId.get(trialId);
    return t == null ? null : t.view();
  }

  @Override
  public boolean hasResourcesFor(String trialId) {
    Trial t = byId.get(trialId);
    return t != null && ledger.fits(t);
  }
}
