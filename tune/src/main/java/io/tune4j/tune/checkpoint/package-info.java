/**
 * Trial checkpoints as values ({@link io.tune4j.tune.checkpoint.Checkpoint}: a directory on the
 * driver's disk or bytes in memory, both able to cross processes) and their retention by score
 * ({@link io.tune4j.tune.checkpoint.CheckpointManager}).
 */
package io.tune4j.tune.checkpoint;
