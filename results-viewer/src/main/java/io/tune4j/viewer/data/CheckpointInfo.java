package io.tune4j.viewer.data;

import java.time.Instant;

/**
 * One checkpoint directory of a trial.
 *
 * @param name the directory name, e.g. {@code checkpoint_10}
 * @param iteration the training iteration in its name, or -1 when the name has none
 * @param bytes the total size of its files
 * @param modified when it was last written
 */
public record CheckpointInfo(String name, long iteration, long bytes, Instant modified) {}
