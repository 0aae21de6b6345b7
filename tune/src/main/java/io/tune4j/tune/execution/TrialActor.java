package io.tune4j.tune.execution;

import java.nio.charset.StandardCharsets;

/**
 * The Ray actor that hosts trials, one at a time. A stateless shell: its constructor registers a
 * {@link TrialHost} under the id the driver chose, and every method reads that id from its message
 * and runs on the registered host, never on {@code this} (see {@link ActorHosts}: Ray 2.39's LOCAL
 * mode can call a method on the wrong actor instance). Each method takes one {@code byte[]}
 * message ({@link TrialCalls}), returns {@code byte[]} replies and never throws once it runs: a
 * call that fails anyway failed inside Ray before reaching the host, and the executor repeats it.
 */
public class TrialActor {

  /** Ray creates actors through this constructor; registers a fresh host under {@code hostId}. */
  public TrialActor(Long hostId) {
    ActorHosts.register(hostId, new TrialHost());
  }

  private static TrialHost host(long hostId) {
    return ActorHosts.get(hostId, TrialHost.class);
  }

  /** Starts the trial in a start message and trains it in the same call. */
  public byte[] startAndTrain(byte[] msg) {
    TrialCalls.Start s;
    try {
      s = TrialCalls.decodeStart(msg);
    } catch (RuntimeException e) {
      return Replies.of(new ActorReply(null, ActorReply.failed(e).error(), true));
    }
    return host(s.hostId()).startAndTrain(s.spec(), s.maxResults(), s.bufferNanos());
  }

  /** Trains for up to the message's number of results within its time. */
  public byte[] train(byte[] msg) {
    TrialCalls.Train t = TrialCalls.decodeTrain(msg);
    return host(t.hostId()).train(t.maxResults(), t.bufferNanos());
  }

  /** Saves a checkpoint under the message's directory; replies with the path to restore from. */
  public byte[] save(byte[] msg) {
    String dir = new String(TrialCalls.payloadOf(msg), StandardCharsets.UTF_8);
    return host(TrialCalls.hostId(msg)).save(dir);
  }

  /** Restores the hosted trainable from the message's path. */
  public byte[] restore(byte[] msg) {
    String path = new String(TrialCalls.payloadOf(msg), StandardCharsets.UTF_8);
    return host(TrialCalls.hostId(msg)).restore(path);
  }

  /**
   * Stops the hosted trial's work, keeping a class trainable for reuse if the message says so. A
   * message naming another trial than the hosted one does nothing (a retried stop never stops the
   * next trial).
   */
  public byte[] stop(byte[] msg) {
    host(TrialCalls.hostId(msg)).stop(TrialCalls.flagOf(msg), TrialCalls.stopTrialId(msg));
    return Replies.of(ActorReply.ok("stopped"));
  }

  /** Runs a serializable {@code Function<Trainable, Serializable>} on the hosted trainable. */
  public byte[] call(byte[] msg) {
    return host(TrialCalls.hostId(msg)).call(TrialCalls.payloadOf(msg));
  }
}
