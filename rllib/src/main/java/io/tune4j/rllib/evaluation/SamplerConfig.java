package io.tune4j.rllib.evaluation;

import java.io.Serializable;
import java.util.List;

/**
 * How a {@link Sampler} collects experience: the sampling part of RLlib's common config.
 *
 * <pre>{@code
 * SamplerConfig c = SamplerConfig.defaults().withBatchMode("complete_episodes").withHorizon(500);
 * }</pre>
 *
 * @param batchMode {@code batch_mode}: {@value #TRUNCATE_EPISODES} (each {@link Sampler#sample()}
 *     returns exactly {@code sampleBatchSize * numEnvs} rows, cutting episodes) or {@value
 *     #COMPLETE_EPISODES} (at least that many rows, only whole episodes)
 * @param sampleBatchSize {@code sample_batch_size}: rows per env per {@code sample()}, at least 1
 * @param horizon {@code horizon}: if set, an episode is ended (and its env reset) after this many
 *     steps, and its last fragment is postprocessed as truncated (bootstrapped); null for none
 * @param clipRewards {@code clip_rewards}: if true, rewards in the batch are replaced by their
 *     sign (episode rewards in the metrics stay unclipped); null or false for no clipping
 * @param clipActions {@code clip_actions}: clip Box actions to the space's bounds before {@code
 *     env.step} (the batch keeps the policy's unclipped actions)
 * @param explore passed to {@code policy.computeActions}: sample actions rather than take the mode
 * @param workerIndex index of the worker this sampler runs in (0 = local worker)
 * @param seed if set, seeds env {@code i} and the episode ids from {@code (seed, workerIndex, i)}
 */
public record SamplerConfig(
    String batchMode,
    int sampleBatchSize,
    Integer horizon,
    Boolean clipRewards,
    boolean clipActions,
    boolean explore,
    int workerIndex,
    Long seed,
    boolean noDoneAtEnd)
    implements Serializable {

  /** A config with RLlib 2019's end-of-episode rule: an episode cut by its time limit is terminal. */
  public SamplerConfig(String batchMode, int sampleBatchSize, Integer horizon, Boolean clipRewards,
      boolean clipActions, boolean explore, int workerIndex, Long seed) {
    this(batchMode, sampleBatchSize, horizon, clipRewards, clipActions, explore, workerIndex, seed, false);
  }

  /** Cut episodes to return exactly {@code sample_batch_size * num_envs} rows (RLlib's default). */
  public static final String TRUNCATE_EPISODES = "truncate_episodes";

  /** Return whole episodes only. */
  public static final String COMPLETE_EPISODES = "complete_episodes";

  /** Valid {@code batch_mode} values. */
  public static final List<String> BATCH_MODES = List.of(TRUNCATE_EPISODES, COMPLETE_EPISODES);

  /**
   * Validates the values.
   *
   * @throws IllegalArgumentException naming the config key and the bad value
   */
  public SamplerConfig {
    if (batchMode == null || !BATCH_MODES.contains(batchMode)) {
      throw new IllegalArgumentException(
          "batch_mode must be one of " + BATCH_MODES + ", got '" + batchMode + "'");
    }
    if (sampleBatchSize < 1) {
      throw new IllegalArgumentException("sample_batch_size must be >= 1, got " + sampleBatchSize);
    }
    if (horizon != null && horizon < 1) {
      throw new IllegalArgumentException("horizon must be >= 1 or null, got " + horizon);
    }
    if (workerIndex < 0) {
      throw new IllegalArgumentException("worker_index must be >= 0, got " + workerIndex);
    }
  }

  /** RLlib's defaults: truncate_episodes, 200 rows per env, no horizon, no reward clipping. */
  public static SamplerConfig defaults() {
    return new SamplerConfig(TRUNCATE_EPISODES, 200, null, null, true, true, 0, null);
  }

  /** True in {@value #COMPLETE_EPISODES} mode. */
  public boolean completeEpisodes() {
    return COMPLETE_EPISODES.equals(batchMode);
  }

  /** A copy with {@code batch_mode} replaced. */
  public SamplerConfig withBatchMode(String v) {
    return new SamplerConfig(v, sampleBatchSize, horizon, clipRewards, clipActions, explore,
        workerIndex, seed, noDoneAtEnd);
  }

  /** A copy with {@code sample_batch_size} replaced. */
  public SamplerConfig withSampleBatchSize(int v) {
    return new SamplerConfig(batchMode, v, horizon, clipRewards, clipActions, explore,
        workerIndex, seed, noDoneAtEnd);
  }

  /** A copy with {@code horizon} replaced. */
  public SamplerConfig withHorizon(Integer v) {
    return new SamplerConfig(batchMode, sampleBatchSize, v, clipRewards, clipActions, explore,
        workerIndex, seed, noDoneAtEnd);
  }

  /** A copy with {@code clip_rewards} replaced. */
  public SamplerConfig withClipRewards(Boolean v) {
    return new SamplerConfig(batchMode, sampleBatchSize, horizon, v, clipActions, explore,
        workerIndex, seed, noDoneAtEnd);
  }

  /** A copy with {@code clip_actions} replaced. */
  public SamplerConfig withClipActions(boolean v) {
    return new SamplerConfig(batchMode, sampleBatchSize, horizon, clipRewards, v, explore,
        workerIndex, seed, noDoneAtEnd);
  }

  /** A copy with {@code explore} replaced. */
  public SamplerConfig withExplore(boolean v) {
    return new SamplerConfig(batchMode, sampleBatchSize, horizon, clipRewards, clipActions, v,
        workerIndex, seed, noDoneAtEnd);
  }

  /** A copy with the worker index replaced. */
  public SamplerConfig withWorkerIndex(int v) {
    return new SamplerConfig(batchMode, sampleBatchSize, horizon, clipRewards, clipActions,
        explore, v, seed, noDoneAtEnd);
  }

  /** A copy with the seed replaced. */
  public SamplerConfig withSeed(Long v) {
    return new SamplerConfig(batchMode, sampleBatchSize, horizon, clipRewards, clipActions,
        explore, workerIndex, v, noDoneAtEnd);
  }

  /** A copy with {@code no_done_at_end} replaced. */
  public SamplerConfig withNoDoneAtEnd(boolean v) {
    return new SamplerConfig(batchMode, sampleBatchSize, horizon, clipRewards, clipActions, explore,
        workerIndex, seed, v);
  }
}
