package io.tune4j.rllib.optimizers;

import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * IMPALA's learner (RLlib 2019 {@code LearnerThread}): a daemon thread that takes train batches
 * from a bounded queue and runs {@code learnOnBatch} on the local policy, so sampling never waits
 * for learning unless the queue is full. The policy is touched only under {@link #policyLock()}:
 * whoever reads its weights for a broadcast takes the same lock.
 */
public final class LearnerThread implements AutoCloseable {
  /**
   * A batch the learner trained on, with the tag it was queued with and the learner's stats (Ape-X
   * sends the {@code td_error} stat back to the replay shard the batch came from).
   *
   * @param tag what {@link #offer} was given
   * @param batch the train batch
   * @param stats the stats {@code learnOnBatch} returned
   */
  public record Learned(Object tag, SampleBatch batch, Map<String, Object> stats) {}

  private final Policy policy;
  private final BlockingQueue<Item> inqueue;

  private record Item(SampleBatch batch, Object tag) {}

  private final java.util.concurrent.ConcurrentLinkedQueue<Learned> outqueue =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private volatile boolean weightsUpdated;
  private final Object lock = new Object();
  private final Thread thread;
  private final AtomicLong stepsTrained = new AtomicLong();
  private final AtomicLong batchesTrained = new AtomicLong();
  private volatile Map<String, Object> stats = Map.of();
  private volatile RuntimeException failure;
  private volatile boolean stopped;
  private volatile double queueSizeSum;
  private volatile long queueSizeSamples;

  private final Item[] buffers;
  private final int[] ttl;
  private final int maxTtl;
  private int curMaxTtl = 1;
  private int bufferIdx;
  private long waitingSince = -1;
  private final double[] sizeWindow = new double[50];
  private long sizeCount;
  private volatile double gradNs;
  private volatile double dequeueNs;

  /** A learner for {@code policy} with a queue of {@code queueSize} batches (not started). */
  public LearnerThread(Policy policy, int queueSize) {
    this(policy, queueSize, 1, 1);
  }

  /**
   * A learner that trains {@code numSgdIter} times on each batch, drawing round-robin from {@code
   * minibatchBufferSize} batches (RLlib's {@code MinibatchBuffer}: a batch taken from the queue is
   * used 1, 2, ... up to {@code numSgdIter} times as the learner warms up, which mixes the input).
   */
  public LearnerThread(Policy policy, int queueSize, int minibatchBufferSize, int numSgdIter) {
    this.policy = policy;
    this.inqueue = new ArrayBlockingQueue<>(queueSize);
    this.buffers = new Item[minibatchBufferSize];
    this.ttl = new int[minibatchBufferSize];
    this.maxTtl = numSgdIter;
    this.thread = new Thread(this::run, "learner");
    thread.setDaemon(true);
  }

  /** The next batch to learn from (null if none arrived within 100 ms). */
  private Item next() throws InterruptedException {
    int i = bufferIdx;
    if (ttl[i] <= 0) {
      if (waitingSince < 0) {
        waitingSince = System.nanoTime();
      }
      Item item = inqueue.poll(100, TimeUnit.MILLISECONDS);
      if (item == null) {
        return null;
      }
      dequeueNs = 0.9 * dequeueNs + 0.1 * (System.nanoTime() - waitingSince);
      waitingSince = -1;
      buffers[i] = item;
      ttl[i] = curMaxTtl;
      if (curMaxTtl < maxTtl) {
        curMaxTtl++;
      }
    }
    Item out = buffers[i];
    if (--ttl[i] <= 0) {
      buffers[i] = null;
    }
    bufferIdx = (i + 1) % buffers.length;
    return out;
  }

  /** Starts the thread. */
  public void start() {
    thread.start();
  }

  private void run() {
    while (!stopped) {
      Item item;
      try {
        item = next();
      } catch (InterruptedException e) {
        return;
      }
      if (item == null) {
        continue;
      }
      SampleBatch b = item.batch();
      try {
        Map<String, Object> learned;
        long t0 = System.nanoTime();
        synchronized (lock) {
          learned = policy.learnOnBatch(b);
        }
        gradNs = 0.9 * gradNs + 0.1 * (System.nanoTime() - t0);
        weightsUpdated = true;
        Object tag = item.tag();
        if (tag != null) {
          outqueue.add(new Learned(tag, b, learned));
          learned = new java.util.LinkedHashMap<>(learned);
          learned.remove(SyncReplayOptimizer.TD_ERROR);
        }
        stats = learned;
        stepsTrained.addAndGet(b.count());
        batchesTrained.incrementAndGet();
      } catch (RuntimeException e) {
        failure = e;
        return;
      }
    }
  }

  /**
   * Queues a train batch, waiting while the queue is full.
   *
   * @throws IllegalStateException when the learner failed (with its exception as the cause)
   */
  public void put(SampleBatch batch) {
    checkFailure();
    recordQueueSize();
    try {
      while (!inqueue.offer(new Item(batch, null), 100, TimeUnit.MILLISECONDS)) {
        checkFailure();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while queueing a train batch", e);
    }
  }

  /**
   * Queues a train batch tagged with {@code tag} unless the queue is full; the learned batch comes
   * back from {@link #pollLearned()}.
   *
   * @return false when the queue was full (the batch is dropped)
   * @throws IllegalStateException when the learner failed
   */
  public boolean offer(SampleBatch batch, Object tag) {
    checkFailure();
    recordQueueSize();
    return inqueue.offer(new Item(batch, java.util.Objects.requireNonNull(tag, "tag")));
  }

  /** The tagged batches learned since the last call. */
  public java.util.List<Learned> pollLearned() {
    java.util.List<Learned> out = new java.util.ArrayList<>();
    for (Learned l; (l = outqueue.poll()) != null; ) {
      out.add(l);
    }
    return out;
  }

  /** Whether the policy learned since the last call (then clears the flag). */
  public boolean takeWeightsUpdated() {
    boolean u = weightsUpdated;
    weightsUpdated = false;
    return u;
  }

  private void checkFailure() {
    RuntimeException f = failure;
    if (f != null) {
      throw new IllegalStateException("the learner thread failed: " + f, f);
    }
  }

  /** The lock that guards the policy against the learner. */
  public Object policyLock() {
    return lock;
  }

  /** Env steps trained on so far. */
  public long stepsTrained() {
    return stepsTrained.get();
  }

  /** Train batches learned so far. */
  public long batchesTrained() {
    return batchesTrained.get();
  }

  /** The last learner stats. */
  public Map<String, Object> learnerStats() {
    return stats;
  }

  private synchronized void recordQueueSize() {
    int size = inqueue.size();
    queueSizeSum += size;
    queueSizeSamples++;
    sizeWindow[(int) (sizeCount++ % sizeWindow.length)] = size;
  }

  /**
   * RLlib's {@code learner_queue} stats over the last 50 queueings: {@code size_count} (queueings
   * so far), {@code size_mean}, {@code size_std}.
   */
  public synchronized Map<String, Object> queueStats() {
    int n = (int) Math.min(sizeCount, sizeWindow.length);
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += sizeWindow[i];
    }
    mean = n == 0 ? 0 : mean / n;
    double var = 0;
    for (int i = 0; i < n; i++) {
      var += (sizeWindow[i] - mean) * (sizeWindow[i] - mean);
    }
    Map<String, Object> s = new java.util.LinkedHashMap<>();
    s.put("size_count", sizeCount);
    s.put("size_mean", mean);
    s.put("size_std", n == 0 ? 0.0 : Math.sqrt(var / n));
    return s;
  }

  /**
   * RLlib's {@code timing_breakdown} of the learner, smoothed: {@code learner_grad_time_ms} (one
   * {@code learnOnBatch}) and {@code learner_dequeue_time_ms} (waiting for a batch).
   */
  public Map<String, Object> timingBreakdown() {
    Map<String, Object> s = new java.util.LinkedHashMap<>();
    s.put("learner_grad_time_ms", gradNs / 1e6);
    s.put("learner_dequeue_time_ms", dequeueNs / 1e6);
    return s;
  }

  /** The mean queue length seen when batches were queued (RLlib's {@code learner_queue.size_mean}). */
  public double meanQueueSize() {
    return queueSizeSamples == 0 ? 0 : queueSizeSum / queueSizeSamples;
  }

  /** Stops the thread after its current batch. */
  @Override
  public void close() {
    stopped = true;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
