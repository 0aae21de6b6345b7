package io.tune4j.tune.trainable;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Where a trainable runs: its trial's id and name, and the trial directory it may write to.
 *
 * @param trialId Tune's trial id (8 hex digits)
 * @param trialName the trial's name, e.g. {@code PPO_CartPole-v0_0_lr=0.01}
 * @param logdir the trial directory as a string (null when detached)
 * @param nodeIp the IP of the node running the trial
 */
public record TrainableContext(String trialId, String trialName, String logdir, String nodeIp)
    implements Serializable {

  /** A context for a trainable used outside Tune (e.g. {@code new PpoTrainer(...).train()}). */
  public static TrainableContext detached() {
    return new TrainableContext("default", "default", null, "127.0.0.1");
  }

  /** The trial directory, or null when detached. */
  public Path logdirPath() {
    return logdir == null ? null : Path.of(logdir);
  }
}
