package io.tune4j.tune.checkpoint;

import io.tune4j.tune.stopper.CriteriaStopper;
import java.util.ArrayList;
import java.util.List;

/**
 * One trial's checkpoints and their retention (Tune's {@code keep_checkpoints_num} and {@code
 * checkpoint_score_attr}). It keeps the best {@code keep} on-disk checkpoints by score, plus the
 * newest one whatever its score (a trial restarts from its newest), and deletes the others as
 * soon as nothing else references them. Retention follows the score: a new checkpoint that beats
 * a kept one evicts the worst (Tune issue #10738). The newest in-memory checkpoint is kept
 * beside them.
 *
 * <pre>{@code
 * CheckpointManager m = new CheckpointManager(2, "min-mean_loss");
 * m.add(Checkpoint.onDisk(path, 5, 5, result)); // may delete a worse checkpoint's directory
 * Checkpoint restoreFrom = m.latest();
 * }</pre>
 */
public final class CheckpointManager {
  private final int keep;
  private final String attr;
  private final boolean minimize;
  private final List<Checkpoint> onDisk = new ArrayList<>();
  private Checkpoint newestOnDisk;
  private Checkpoint memory;

  /**
   * Creates the manager.
   *
   * @param keep how many on-disk checkpoints to keep by score; 0 keeps all
   * @param scoreAttr the result key ranking them ({@code "/"} paths allowed), higher is better
   *     unless prefixed with {@code min-}; null ranks by {@code training_iteration}
   */
  public CheckpointManager(int keep, String scoreAttr) {
    if (keep < 0) {
      throw new IllegalArgumentException("keep_checkpoints_num must be >= 0, got " + keep);
    }
    this.keep = keep;
    String a = scoreAttr == null || scoreAttr.isBlank() ? "training_iteration" : scoreAttr;
    this.minimize = a.startsWith("min-");
    this.attr = minimize ? a.substring(4) : a;
  }

  /**
   * A manager with these settings that takes over the checkpoints {@code found} holds (a resumed
   * trial's, read from its directory), applying retention to them, and drops {@code found}'s
   * references.
   *
   * @param keep as in the constructor
   * @param scoreAttr as in the constructor
   * @param found the finder's manager, or null
   * @return the new manager
   */
  public static CheckpointManager adopting(int keep, String scoreAttr, CheckpointManager found) {
    CheckpointManager m = new CheckpointManager(keep, scoreAttr);
    if (found != null) {
      for (Checkpoint c : found.kept()) {
        m.add(c);
        c.release(); // the finder's reference
      }
    }
    return m;
  }

  /**
   * Takes a new checkpoint (retaining it) and applies retention.
   *
   * @param c the checkpoint; it becomes the newest
   */
  public void add(Checkpoint c) {
    c.retain();
    if (c.inMemory()) {
      if (memory != null) {
        memory.release();
      }
      memory = c;
      return;
    }
    onDisk.add(c);
    newestOnDisk = c;
    if (keep == 0) {
      return;
    }
    // Keep the best `keep` by score (newer first among equals) and the newest.
    List<Checkpoint> ranked = new ArrayList<>(onDisk);
    java.util.Collections.reverse(ranked);
    ranked.sort((x, y) -> Double.compare(score(y), score(x)));
    java.util.Set<Checkpoint> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    kept.addAll(ranked.subList(0, Math.min(keep, ranked.size())));
    kept.add(newestOnDisk);
    for (Checkpoint old : new ArrayList<>(onDisk)) {
      if (!kept.contains(old)) {
        onDisk.remove(old);
        old.release();
      }
    }
  }

  /**
   * The checkpoint's score, oriented so that higher is better; {@code -Infinity} when its result
   * lacks the attribute.
   *
   * @param c a checkpoint
   * @return the score
   */
  public double score(Checkpoint c) {
    Object v = CriteriaStopper.lookup(c.result(), attr);
    if (!(v instanceof Number n) || Double.isNaN(n.doubleValue())) {
      return Double.NEGATIVE_INFINITY;
    }
    return minimize ? -n.doubleValue() : n.doubleValue();
  }

  /** The newest checkpoint, in memory or on disk (the later saved), or null. */
  public Checkpoint latest() {
    if (memory == null) {
      return newestOnDisk;
    }
    if (newestOnDisk == null) {
      return memory;
    }
    return memory.resultCount() > newestOnDisk.resultCount() ? memory : newestOnDisk;
  }

  /** The newest on-disk checkpoint, or null. */
  public Checkpoint latestOnDisk() {
    return newestOnDisk;
  }

  /** The best on-disk checkpoint by score (the newest among equals), or null. */
  public Checkpoint best() {
    Checkpoint best = null;
    double bestScore = 0;
    for (Checkpoint c : onDisk) {
      double s = score(c);
      if (best == null || s >= bestScore) {
        best = c;
        bestScore = s;
      }
    }
    return best;
  }

  /** The on-disk checkpoints kept, oldest first. */
  public List<Checkpoint> kept() {
    return List.copyOf(onDisk);
  }

  /** Drops every checkpoint newer than {@code resultCount} results (after a restart from an older one). */
  public void dropNewerThan(int resultCount) {
    for (Checkpoint c : new ArrayList<>(onDisk)) {
      if (c.resultCount() > resultCount) {
        onDisk.remove(c);
        c.release();
      }
    }
    newestOnDisk = onDisk.isEmpty() ? null : onDisk.get(onDisk.size() - 1);
    if (memory != null && memory.resultCount() > resultCount) {
      memory.release();
      memory = null;
    }
  }

  /** Forgets the in-memory checkpoint (its bytes can then be collected). */
  public void dropMemory() {
    if (memory != null) {
      memory.release();
      memory = null;
    }
  }
}
