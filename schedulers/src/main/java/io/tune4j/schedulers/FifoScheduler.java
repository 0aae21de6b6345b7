package io.tune4j.schedulers;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs trials in the order they were added and never stops them early (Tune's {@code
 * FIFOScheduler}): {@link #onTrialResult} always says CONTINUE; {@link #chooseTrialToRun} picks the
 * first PENDING trial that fits, else the first PAUSED one that fits, else none.
 *
 * <p><b>Cost.</b> Scanning every trial per call, as Tune does, is quadratic over a sweep of 10,000
 * trials. Instead this scheduler keeps the live trial ids (added and not yet seen finished) in add
 * order and checks each candidate's current status through {@link SchedulerContext#trial(String)},
 * so it stays correct when the runner changes statuses without telling it. Finished trials are
 * dropped as they are met (and come back through {@link #onTrialAdd} if re-queued, keeping their
 * original place). A scan stops early once every resource shape ({@link
 * SchedulerContext#resourceKey}) among live trials is known not to fit. If the context holds trials
 * this scheduler was never told about, it rebuilds its index from {@link
 * SchedulerContext#trials()}. A call thus costs the running and paused trials ahead of the first
 * fit, not the whole sweep.
 *
 * <pre>{@code
 * TrialScheduler fifo = new FifoScheduler();
 * }</pre>
 */
public final class FifoScheduler implements TrialScheduler {
  private final Map<String, Long> order = new HashMap<>();
  private final TreeMap<Long, String> live = new TreeMap<>();
  private final Map<String, Object> shapeOf = new HashMap<>();
  private final Map<Object, Integer> liveShapes = new HashMap<>();
  private long nextOrder;

  /** Creates the scheduler. */
  public FifoScheduler() {}

  @Override
  public void onTrialAdd(SchedulerContext ctx, TrialView trial) {
    track(ctx, trial.trialId());
  }

  @Override
  public Decision onTrialResult(SchedulerContext ctx, TrialView trial, Map<String, Object> result) {
    return Decision.CONTINUE;
  }

  @Override
  public void onTrialComplete(SchedulerContext ctx, TrialView trial, Map<String, Object> result) {
    untrack(trial.trialId());
  }

  @Override
  public void onTrialRemove(SchedulerContext ctx, TrialView trial) {
    untrack(trial.trialId());
  }

  @Override
  public String chooseTrialToRun(SchedulerContext ctx) {
    if (ctx.numTrials() != order.size()) {
      rebuild(ctx);
    }
    String firstPaused = null;
    Set<Object> full = new HashSet<>();
    for (Iterator<Map.Entry<Long, String>> it = live.entrySet().iterator(); it.hasNext(); ) {
      if (full.size() == liveShapes.size()) {
        break;
      }
      String id = it.next().getValue();
      TrialView view = ctx.trial(id);
      TrialStatus status = view == null ? TrialStatus.TERMINATED : view.status();
      if (status.isFinished()) {
        it.remove();
        dropShape(id);
        continue;
      }
      if (status == TrialStatus.RUNNING || (status == TrialStatus.PAUSED && firstPaused != null)) {
        continue;
      }
      Object shape = shapeOf.get(id);
      if (full.contains(shape)) {
        continue;
      }
      if (!ctx.hasResourcesFor(id)) {
        full.add(shape);
      } else if (status == TrialStatus.PENDING) {
        return id;
      } else {
        firstPaused = id;
      }
    }
    return firstPaused;
  }

  @Override
  public String debugString() {
    return "Using FIFO scheduling algorithm.";
  }

  private void track(SchedulerContext ctx, String id) {
    Long position = order.get(id);
    if (position == null) {
      position = nextOrder++;
      order.put(id, position);
    }
    if (live.putIfAbsent(position, id) == null) {
      Object shape = ctx.resourceKey(id);
      shapeOf.put(id, shape);
      liveShapes.merge(shape, 1, Integer::sum);
    }
  }

  private void untrack(String id) {
    Long position = order.get(id);
    if (position != null && live.remove(position) != null) {
      dropShape(id);
    }
  }

  private void dropShape(String id) {
    Object shape = shapeOf.remove(id);
    liveShapes.computeIfPresent(shape, (k, n) -> n == 1 ? null : n - 1);
  }

  /** Re-indexes from the context's own list, in its order. */
  private void rebuild(SchedulerContext ctx) {
    order.clear();
    live.clear();
    shapeOf.clear();
    liveShapes.clear();
    nextOrder = 0;
    for (TrialView view : ctx.trials()) {
      order.put(view.trialId(), nextOrder++);
      if (!view.status().isFinished()) {
        track(ctx, view.trialId());
      }
    }
  }
}
