package io.tune4j.tune.execution;

import io.tune4j.tune.trainable.TrainableContext;
import io.tune4j.tune.trainable.TrainableFactory;
import java.io.Serializable;
import java.util.Map;

/**
 * Everything a trial actor needs to host one trial.
 *
 * @param trainableName the registry name or class name (actors reuse a live instance only for
 *     the same name)
 * @param factory creates the trainable
 * @param config the resolved config
 * @param context trial id, name and directory
 * @param restore a checkpoint archive ({@link CheckpointArchive}) to restore before training, or
 *     null
 */
public record TrialSpec(
    String trainableName,
    TrainableFactory factory,
    Map<String, Object> config,
    TrainableContext context,
    byte[] restore)
    implements Serializable {}
