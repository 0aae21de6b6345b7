package io.tune4j.tune.execution;

import io.tune4j.tune.runtime.ActorRuntime;
import io.tune4j.tune.runtime.ActorValues;
import io.tune4j.tune.runtime.Payloads;
import io.tune4j.tune.trainable.FunctionTrainable;
import io.tune4j.tune.trainable.Trainable;
import io.tune4j.tune.trainable.TrainableContext;
import io.tune4j.tune.trainable.TrainableFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Hosts trials, one at a time, in an actor of the {@link ActorRuntime}. Its public methods are the
 * operations the executor calls; results and checkpoints leave as bytes, so the driver may be on
 * another machine. A host outlives its trial: with actor reuse it takes the next trial through
 * {@link Trainable#resetConfig} or a fresh trainable.
 */
public final class TrialHost {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(TrialHost.class.getName());
  private Trainable trainable;
  private String trainableName;
  private Map<String, Object> config;
  private int configHash;

  /**
   * What a host needs to start a trial: the trainable factory and config as encoded once by the
   * driver, the trial's identity, and a checkpoint archive to restore from (or null).
   */
  record Start(String trainableName, byte[] factory, byte[] config, TrainableContext context, byte[] restore) {

    /** The start message as bytes (sent once per trial). */
    byte[] encode() {
      return ActorValues.pack(trainableName, factory, config, context.trialId(), context.trialName(),
          context.logdir(), context.nodeIp(), restore);
    }

    static Start decode(byte[] b) {
      Object[] v = ActorValues.unpack(b);
      return new Start((String) v[0], (byte[]) v[1], (byte[]) v[2],
          new TrainableContext((String) v[3], (String) v[4], (String) v[5], (String) v[6]), (byte[]) v[7]);
    }
  }

  /** A trial whose setup (trainable creation, {@code setup}, restore) failed. */
  static final class SetupException extends Exception {
    private static final long serialVersionUID = 1L;

    SetupException(Throwable cause) {
      super(String.valueOf(cause), cause);
    }
  }

  /** An empty host. */
  public TrialHost() {}

  /** Starts the trial, then trains it in the same call; replies as {@link #train}. */
  public byte[] startAndTrain(byte[] startMessage, Integer maxResults, Long bufferNanos) throws Exception {
    try {
      start(Start.decode(startMessage));
    } catch (Throwable e) {
      stopQuietly();
      throw new SetupException(e);
    }
    return train(maxResults, bufferNanos);
  }

  private void start(Start s) throws Exception {
    // The node that runs the trial is the one its results name.
    TrainableContext ctx =
        new TrainableContext(
            s.context().trialId(), s.context().trialName(), s.context().logdir(), ActorRuntime.localNodeIp());
    if (ctx.logdir() != null) {
      Files.createDirectories(Path.of(ctx.logdir()));
    }
    // A thread dump reads "trial PPO_CartPole-v0_0" for the thread running this actor's calls.
    Thread.currentThread().setName("trial " + ctx.trialName());
    if (!ActorRuntime.isEmbedded()) {
      var self = ActorRuntime.localNode();
      LOG.info("trial " + ctx.trialName() + " runs in pid " + self.pid() + " on node " + self.nodeId() + " (" + self.nodeIp() + ")");
    }
    Map<String, Object> cfg = ResultCodec.decodeMap(s.config());
    if (trainable != null
        && s.trainableName().equals(trainableName)
        && s.restore() == null
        && trainable.reset(cfg, ctx)) {
      config = cfg;
      configHash = cfg.hashCode();
      return;
    }
    stopQuietly();
    TrainableFactory factory = Payloads.decode(s.factory());
    Trainable t = factory.create();
    trainable = t;
    trainableName = s.trainableName();
    t.initialize(cfg, ctx);
    if (s.restore() != null) {
      restore(s.restore());
    }
    config = cfg;
    configHash = cfg.hashCode();
  }

  /** Trains for 1 to {@code maxResults} results within {@code bufferNanos}; {@link ResultCodec} bytes. */
  public byte[] train(Integer maxResults, Long bufferNanos) throws Exception {
    if (trainable == null) {
      throw new IllegalStateException("no trial is hosted by this actor");
    }
    List<Map<String, Object>> results = trainable.trainMany(maxResults, bufferNanos);
    // The driver holds the same config; send a placeholder unless the trainable changed it.
    Map<String, Object> same = trainable.config() == config && config.hashCode() == configHash ? config : null;
    return ResultCodec.encode(results, same);
  }

  /** Saves a checkpoint and returns it as a {@link CheckpointArchive}. */
  public byte[] save() throws Exception {
    if (trainable == null) {
      throw new IllegalStateException("no trial is hosted by this actor");
    }
    Path tmp = Files.createTempDirectory("tune4j-save");
    try {
      return CheckpointArchive.pack(tmp, trainable.save(tmp));
    } finally {
      CheckpointArchive.deleteTree(tmp);
    }
  }

  private void restore(byte[] archive) throws Exception {
    Path tmp = Files.createTempDirectory("tune4j-restore");
    try {
      trainable.restore(CheckpointArchive.unpack(archive, tmp));
    } finally {
      CheckpointArchive.deleteTree(tmp);
    }
  }

  /**
   * Stops the hosted trial's work. With {@code keep} a class trainable stays alive for reuse by the
   * next trial of the same name (its {@code cleanup} runs when it is replaced); a function
   * trainable's thread always ends here. Does nothing when {@code trialId} (if not null) is not
   * the hosted trial.
   */
  public Boolean stop(Boolean keep, String trialId) {
    if (trialId != null && trainable != null && !trialId.equals(trainable.context().trialId())) {
      return false;
    }
    if (!keep || trainable instanceof FunctionTrainable) {
      stopQuietly();
    }
    return true;
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
