package io.tune4j.rllib.offline;

import io.tune4j.rllib.policy.SampleBatch;
import io.tune4j.rllib.util.DeveloperApi;

/**
 * A source of sample batches for a rollout worker (RLlib's {@code InputReader}): the worker's own
 * sampler stepping its envs ({@code "input": "sampler"}, the default), and in later releases
 * offline JSON files or experience sent by external agents. {@link #next()} is called from the
 * worker's thread, one batch at a time.
 *
 * <pre>{@code
 * InputReader in = worker.input();
 * SampleBatch batch = in.next();
 * }</pre>
 */
@DeveloperApi
@FunctionalInterface
public interface InputReader {
  /** The next batch of experience (blocks until there is one). */
  SampleBatch next();
}
