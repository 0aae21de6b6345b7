package io.tune4j.tune.trainable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a {@link TrainableFunction} in a thread of its own as a {@link Trainable} (Tune's function
 * API); the threads are pooled daemons, reused by later trials.
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

  /**
   * Runs the functions: daemon threads reused across trials (starting a thread per trial cost
   * more than the rest of a one-result trial).
   */
  private static final ExecutorService THREADS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "tune-fn-idle");
            t.setDaemon(true);
            return t;
          });

  /** How long a reply waits for the function to return or block in its next report. */
  private static final long GRACE_NANOS = 100_000L;

  private final TrainableFunction fn;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Map<String, Object>> pending = new ArrayList<>();
  private boolean started;
  private final CountDownLatch ended = new CountDownLatch(1);
  private int permits;
  private boolean finished;
  private boolean stopped;
  private Throwable error;
  private Map<String, Object> lastResult;
  private long lastReportNanos;
  private boolean waitingForPermit;

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
  public List<Map<String, Object>> trainMany(int maxResults, long bufferNanos) {
    try {
      return collect(maxResults, bufferNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new io.tune4j.tune.TuneException("interrupted while waiting for the trainable function's results", e);
    }
  }

  private List<Map<String, Object>> collect(int maxResults, long bufferNanos) throws InterruptedException {
    lock.lock();
    try {
      if (!started) {
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
      awaitQuiescence();
      if (error != null && !pending.isEmpty()) {
        // Deliver what was reported before the failure; the error surfaces on the next call.
        List<Map<String, Object>> out = new ArrayList<>(pending);
        pending.clear();
        return out;
      }
      if (error != null) {
        Throwable e = error;
        error = null;
        if (e instanceof RuntimeException ex) {
          throw ex;
        }
        if (e instanceof Error err) {
          throw err;
        }
        throw new io.tune4j.tune.TrainableException("the trainable function", e);
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

  /**
   * Gives the function up to {@link #GRACE_NANOS} to either return or block in its next report, so
   * a function that ends right after its last report ends in the same call (one actor hop fewer
   * per trial). The function never waits for this; only the reply does.
   */
  private void awaitQuiescence() throws InterruptedException {
    long start = System.nanoTime();
    while (!finished && !waitingForPermit) {
      long left = GRACE_NANOS - (System.nanoTime() - start);
      if (left <= 0) {
        return;
      }
      changed.awaitNanos(left);
    }
  }

  private void startThread() {
    lastReportNanos = System.nanoTime();
    Reporter reporter = this::onReport;
    String trial = context().trialName() != null ? context().trialName() : context().trialId();
    String name = "trial " + trial + " function";
    started = true;
    THREADS.execute(
        () -> {
          Thread.currentThread().setName(name);
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
            ended.countDown();
            Thread.currentThread().setName("tune-fn-idle");
          }
        });
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
      if (permits == 0 && !stopped) {
        waitingForPermit = true;
        changed.signalAll();
        while (permits == 0 && !stopped) {
          changed.awaitUninterruptibly();
        }
        waitingForPermit = false;
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
    boolean running;
    lock.lock();
    try {
      stopped = true;
      changed.signalAll();
      running = started;
    } finally {
      lock.unlock();
    }
    if (running) {
      ended.await(2, TimeUnit.SECONDS);
    }
  }
}
