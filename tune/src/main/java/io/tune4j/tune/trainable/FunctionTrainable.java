package io.tune4j.tune.trainable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a {@link TrainableFunction} in its own thread as a {@link Trainable} (Tune's function API).
 *
 * <p>Each {@link Reporter#report} call blocks until Tune asks for results, so the function never
 * runs ahead of what the driver requested ({@code trainMany(1, ..)} is Tune's one-result
 * handshake; larger batches let fast functions report several results per actor call). When the
 * function returns, a final copy of its last result is emitted with {@code done=true} and {@code
 * __duplicate__=true}, which the runner records but does not log twice.
 */
public final class FunctionTrainable extends Trainable {
  /** Marks the final result emitted when the function returns. */
  public static final String DUPLICATE = "__duplicate__";

  private final TrainableFunction fn;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Map<String, Object>> pending = new ArrayList<>();
  private Thread thread;
  private int permits;
  private boolean finished;
  private boolean stopped;
  private Throwable error;
  private Map<String, Object> lastResult;
  private long lastReportNanos;

  /** Wraps {@code fn}. */
  public FunctionTrainable(TrainableFunction fn) {
    this.fn = fn;
  }

  /** Signals the function thread that its trial was stopped. */
  private static final class StopTrial extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StopTrial() {
      super("trial stopped", null, false, false);
    }
  }

  @Override
  protected Map<String, Object> step() {
    throw new UnsupportedOperationException("function trainables report through trainMany");
  }

  @Override
  public List<Map<String, Object>> trainMany(int maxResults, long bufferNanos) throws Exception {
    lock.lock();
    try {
      if (thread == null) {
        startThread();
      }
      permits = Math.max(1, maxResults);
      changed.signalAll();
      long start = System.nanoTime();
      while (permits > 0 && !finished) {
        if (!pending.isEmpty()) {
          long left = bufferNanos - (System.nanoTime() - start);
          if (left <= 0) {
            break;
          }
          changed.awaitNanos(left);
        } else {
          changed.await();
        }
      }
      permits = 0;
      if (error != null && !pending.isEmpty()) {
        // Deliver what was reported before the failure; the error surfaces on the next call.
        List<Map<String, Object>> out = new ArrayList<>(pending);
        pending.clear();
        return out;
      }
      if (error != null) {
        Throwable e = error;
        error = null;
        if (e instanceof Exception ex) {
          throw ex;
        }
        throw new RuntimeException(e);
      }
      List<Map<String, Object>> out = new ArrayList<>(pending);
      pending.clear();
      if (finished && (out.isEmpty() || !Boolean.TRUE.equals(out.get(out.size() - 1).get("done")))) {
        Map<String, Object> last;
        if (lastResult == null) {
          last = completeResult(new LinkedHashMap<>(Map.of("done", true)), elapsedSinceReport());
        } else {
          last = new LinkedHashMap<>(lastResult);
          last.put("done", true);
          last.put(DUPLICATE, true);
        }
        lastResult = last;
        out.add(last);
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  private void startThread() {
    lastReportNanos = System.nanoTime();
    Reporter reporter = this::onReport;
    thread =
        new Thread(
            () -> {
              Throwable failure = null;
              try {
                fn.train(config(), reporter);
              } catch (StopTrial e) {
                // Stopped by Tune: a normal end.
              } catch (Throwable t) {
                failure = t;
              }
              lock.lock();
              try {
                finished = true;
                error = failure;
                changed.signalAll();
              } finally {
                lock.unlock();
              }
            },
            "tune-fn-" + context().trialId());
    thread.setDaemon(true);
    thread.start();
  }

  private double elapsedSinceReport() {
    long now = System.nanoTime();
    double s = (now - lastReportNanos) / 1e9;
    lastReportNanos = now;
    return s;
  }

  private void onReport(Map<String, Object> result) {
    lock.lock();
    try {
      while (permits == 0 && !stopped) {
        changed.awaitUninterruptibly();
      }
      if (stopped) {
        throw new StopTrial();
      }
      Map<String, Object> r = completeResult(result, elapsedSinceReport());
      lastResult = r;
      pending.add(r);
      permits--;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  protected void cleanup() throws InterruptedException {
    Thread t;
    lock.lock();
    try {
      stopped = true;
      changed.signalAll();
      t = thread;
    } finally {
      lock.unlock();
    }
    if (t != null) {
      t.join(2000);
    }
  }
}
