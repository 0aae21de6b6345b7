package io.tune4j.tune.execution;

import io.tune4j.tune.trainable.Trainable;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Ray actor that hosts trials, one at a time. Every method takes and returns {@code byte[]}
 * payloads ({@link Payloads}) and never throws: failures come back as {@link ActorReply#failed}.
 * An actor outlives its trial: with actor reuse it takes the next trial through {@link
 * Trainable#resetConfig} or a fresh trainable instance.
 */
public class TrialActor {
  private Trainable trainable;
  private String trainableName;

  /** Ray creates actors through this constructor. */
  public TrialActor() {}

  /** Starts hosting the trial in {@code spec} (a {@link TrialSpec}); replies with "reused" or "new". */
  public byte[] start(byte[] spec) {
    try {
      TrialSpec s = Payloads.decode(spec);
      String how = "new";
      if (trainable != null && s.trainableName().equals(trainableName) && s.restorePath() == null
          && trainable.reset(s.config(), s.context())) {
        how = "reused";
      } else {
        stopQuietly();
        Trainable t = s.factory().create();
        trainable = t;
        trainableName = s.trainableName();
        t.initialize(s.config(), s.context());
        if (s.restorePath() != null) {
          t.restore(Path.of(s.restorePath()));
        }
      }
      return reply(ActorReply.ok(how));
    } catch (Throwable e) {
      stopQuietly();
      return reply(ActorReply.failed(e));
    }
  }

  /**
   * Starts hosting the trial in {@code spec} and trains it in the same call (one actor hop per
   * trial start). A setup failure replies with {@link ActorReply#setupFailed}.
   */
  public byte[] startAndTrain(byte[] spec, Integer maxResults, Long bufferNanos) {
    ActorReply started = Payloads.decode(start(spec));
    if (started.failed()) {
      return reply(new ActorReply(null, started.error(), true));
    }
    return train(maxResults, bufferNanos);
  }

  /** Trains for up to {@code maxResults} results within {@code bufferNanos}; replies with a list. */
  public byte[] train(Integer maxResults, Long bufferNanos) {
    if (trainable == null) {
      return reply(ActorReply.failed(new IllegalStateException("no trial is hosted by this actor")));
    }
    try {
      List<Map<String, Object>> results = trainable.trainMany(maxResults, bufferNanos);
      return reply(ActorReply.ok(new ArrayList<>(results)));
    } catch (Throwable e) {
      return reply(ActorReply.failed(e));
    }
  }

  /** Saves a checkpoint under {@code dir}; replies with the path to restore from. */
  public byte[] save(String dir) {
    try {
      return reply(ActorReply.ok(trainable.save(Path.of(dir)).toString()));
    } catch (Throwable e) {
      return reply(ActorReply.failed(e));
    }
  }

  /** Restores the hosted trainable from {@code path}. */
  public byte[] restore(String path) {
    try {
      trainable.restore(Path.of(path));
      return reply(ActorReply.ok(path));
    } catch (Throwable e) {
      return reply(ActorReply.failed(e));
    }
  }

  /**
   * Stops the hosted trial's work. With {@code keep} the trainable stays alive for reuse by the
   * next trial of the same name (its {@code cleanup} runs when it is replaced).
   */
  public byte[] stop(Boolean keep) {
    if (!keep || trainable instanceof io.tune4j.tune.trainable.FunctionTrainable) {
      stopQuietly();
    }
    return reply(ActorReply.ok("stopped"));
  }

  /** Runs a serializable function on the hosted trainable (for tests and tools). */
  public byte[] call(byte[] fn) {
    try {
      java.util.function.Function<Trainable, Serializable> f = Payloads.decode(fn);
      return reply(ActorReply.ok(f.apply(trainable)));
    } catch (Throwable e) {
      return reply(ActorReply.failed(e));
    }
  }

  private void stopQuietly() {
    Trainable t = trainable;
    trainable = null;
    trainableName = null;
    if (t != null) {
      try {
        t.stop();
      } catch (Throwable ignored) {
        // The trial is over either way; its error was already reported.
      }
    }
  }

  private static byte[] reply(ActorReply r) {
    return Payloads.encode(r);
  }
}
