package io.tune4j.tune.execution;

import io.tune4j.tune.trainable.FunctionTrainable;
import io.tune4j.tune.trainable.Trainable;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Hosts trials, one at a time, inside a {@link TrialActor} (see {@link ActorHosts} for why the
 * actor itself holds no state). Every method takes and returns {@code byte[]} payloads and never
 * throws: failures come back as {@link ActorReply#failed}. A host outlives its trial: with actor
 * reuse it takes the next trial through {@link Trainable#resetConfig} or a fresh trainable.
 */
final class TrialHost {
  private Trainable trainable;
  private String trainableName;
  private Map<String, Object> config;
  private int configHash;

  /** Starts hosting the trial in {@code s}; replies "reused" or "new". */
  byte[] start(TrialSpec s) {
    try {
      if (s.context().logdir() != null) {
        // The runner leaves the directory to the actor when it has no loggers to write.
        Files.createDirectories(Path.of(s.context().logdir()));
      }
      String how = "new";
      if (trainable != null
          && s.trainableName().equals(trainableName)
          && s.restorePath() == null
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
      config = s.config();
      configHash = config.hashCode();
      return Replies.of(ActorReply.ok(how));
    } catch (Throwable e) {
      stopQuietly();
      return Replies.of(ActorReply.failed(e));
    }
  }

  /** Starts the trial and trains it in the same call; a setup failure is flagged as such. */
  byte[] startAndTrain(TrialSpec spec, int maxResults, long bufferNanos) {
    ActorReply started = Replies.decode(start(spec), null);
    if (started.failed()) {
      return Replies.of(new ActorReply(null, started.error(), true));
    }
    return train(maxResults, bufferNanos);
  }

  /** Trains for 1 to {@code maxResults} results within {@code bufferNanos}. */
  byte[] train(int maxResults, long bufferNanos) {
    if (trainable == null) {
      return Replies.of(ActorReply.failed(new IllegalStateException("no trial is hosted by this actor")));
    }
    try {
      List<Map<String, Object>> results = trainable.trainMany(maxResults, bufferNanos);
      // The driver holds the same config; send a placeholder unless the trainable changed it.
      Map<String, Object> same =
          trainable.config() == config && config.hashCode() == configHash ? config : null;
      return Replies.results(results, same);
    } catch (Throwable e) {
      return Replies.of(ActorReply.failed(e));
    }
  }

  /** Saves a checkpoint under {@code dir}; replies with the path to restore from. */
  byte[] save(String dir) {
    try {
      return Replies.of(ActorReply.ok(trainable.save(Path.of(dir)).toString()));
    } catch (Throwable e) {
      return Replies.of(ActorReply.failed(e));
    }
  }

  /** Restores the hosted trainable from {@code path}. */
  byte[] restore(String path) {
    try {
      trainable.restore(Path.of(path));
      return Replies.of(ActorReply.ok(path));
    } catch (Throwable e) {
      return Replies.of(ActorReply.failed(e));
    }
  }

  /**
   * Stops the hosted trial's work. With {@code keep} a class trainable stays alive for reuse by the
   * next trial of the same name (its {@code cleanup} runs when it is replaced); a function
   * trainable's thread always ends here. Does nothing when {@code trialId} (if not null) is not
   * the hosted trial.
   */
  void stop(boolean keep, String trialId) {
    if (trialId != null && trainable != null && !trialId.equals(trainable.context().trialId())) {
      return;
    }
    if (!keep || trainable instanceof FunctionTrainable) {
      stopQuietly();
    }
  }

  /** Runs a serializable function on the hosted trainable (for tests and tools). */
  byte[] call(byte[] fn) {
    try {
      Function<Trainable, Serializable> f = Payloads.decode(fn);
      return Replies.of(ActorReply.ok(f.apply(trainable)));
    } catch (Throwable e) {
      return Replies.of(ActorReply.failed(e));
    }
  }

  private void stopQuietly() {
    Trainable t = trainable;
    trainable = null;
    trainableName = null;
    config = null;
    if (t != null) {
      try {
        t.stop();
      } catch (Throwable ignored) {
        // The trial is over either way; its error was already reported.
      }
    }
  }
}
