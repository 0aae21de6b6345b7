package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.util.PublicApi;
import java.util.HashMap;
import java.util.Map;

/**
 * The state of one running episode in a {@link Sampler}, as callbacks see it (RLlib's {@code
 * MultiAgentEpisode}). In a multi-agent episode the per-agent accessors {@link
 * #lastObservationFor(String)}, {@link #agentRewards()} and {@link #policyFor(String)} apply, and
 * {@link #totalReward()} sums every agent's rewards. Callbacks may keep their own per-episode state in
 * {@link #userData()} and report scalars through {@link #customMetrics()}.
 *
 * <pre>{@code
 * public void onEpisodeStep(Episode e, VectorEnv env) {
 *   float poleAngle = e.lastObservationFor()[2];
 * }
 * }</pre>
 *
 * <p>The {@code last...For()} accessors return copies. Not thread-safe: used by the sampler's
 * thread and the callbacks it calls.
 */
@PublicApi
public final class Episode {
  private final long episodeId;
  private final int envIndex;
  private int length;
  private double totalReward;
  private Map<String, Object> userData;
  private Map<String, Double> customMetrics;

  private final float[] lastObs;
  private final double[] lastRawObs;
  private final double[] lastAction;
  private final double[] prevAction;
  private boolean hasAction;
  private double lastReward;
  private double prevReward;
  private Map<String, Object> lastInfo = Map.of();
  private Map<String, float[]> agentObs;
  private Map<String, Double> agentRewards;
  private Map<String, String> agentPolicies;

  Episode(long episodeId, int envIndex, int obsSize, int rawObsSize, int actionSize) {
    this.episodeId = episodeId;
    this.envIndex = envIndex;
    this.lastObs = new float[obsSize];
    this.lastRawObs = new double[rawObsSize];
    this.lastAction = new double[actionSize];
    this.prevAction = new double[actionSize];
  }

  /** A random id unique to this episode (the {@code eps_id} column of its rows). */
  public long episodeId() {
    return episodeId;
  }

  /** Index of the sub-env of the vector env this episode runs in. */
  public int envIndex() {
    return envIndex;
  }

  /** Environment steps taken so far. */
  public int length() {
    return length;
  }

  /** Sum of the (unclipped) rewards so far. */
  public double totalReward() {
    return totalReward;
  }

  /** Free-form per-episode storage for callbacks (mutable). */
  public Map<String, Object> userData() {
    if (userData == null) {
      userData = new HashMap<>();
    }
    return userData;
  }

  /**
   * Scalar metrics of this episode (mutable); at the episode's end they are reported as {@code
   * custom_metrics/<name>_mean}, {@code _min} and {@code _max} over the smoothing window.
   */
  public Map<String, Double> customMetrics() {
    if (customMetrics == null) {
      customMetrics = new HashMap<>();
    }
    return customMetrics;
  }

  /**
   * The most recent observation as the policy saw it: preprocessed and filtered (a copy). At
   * {@code onEpisodeEnd} it is the final observation.
   */
  public float[] lastObservationFor() {
    return lastObs.clone();
  }

  /** The most recent observation as the env returned it, flattened (a copy). */
  public double[] lastRawObsFor() {
    return lastRawObs.clone();
  }

  /** The most recent action (flattened; a Discrete action as its index), zeros before the first. */
  public double[] lastActionFor() {
    return lastAction.clone();
  }

  /** The action before the most recent one, zeros before the second step. */
  public double[] prevActionFor() {
    return prevAction.clone();
  }

  /** The most recent (unclipped) reward, 0 before the first step. */
  public double lastRewardFor() {
    return lastReward;
  }

  /** The reward before the most recent one, 0 before the second step. */
  public double prevRewardFor() {
    return prevReward;
  }

  /** The env's info map of the most recent step (empty if the env reports none). */
  public Map<String, Object> lastInfoFor() {
    return lastInfo;
  }

  /**
   * The most recent observation of agent {@code agentId} in a multi-agent episode, preprocessed (a
   * copy), or null if the agent has not observed yet.
   */
  public float[] lastObservationFor(String agentId) {
    float[] o = agentObs == null ? null : agentObs.get(agentId);
    return o == null ? null : o.clone();
  }

  /** Total reward so far per agent id of a multi-agent episode (empty for single-agent). */
  public Map<String, Double> agentRewards() {
    return agentRewards == null ? Map.of() : java.util.Collections.unmodifiableMap(agentRewards);
  }

  /** The policy id acting for {@code agentId}, or null for an unknown agent. */
  public String policyFor(String agentId) {
    return agentPolicies == null ? null : agentPolicies.get(agentId);
  }

  // ---- sampler side ------------------------------------------------------------------------

  void setAgentObservation(String agentId, float[] obs) {
    if (agentObs == null) {
      agentObs = new java.util.LinkedHashMap<>();
    }
    agentObs.put(agentId, obs);
  }

  void setAgentPolicy(String agentId, String policyId) {
    if (agentPolicies == null) {
      agentPolicies = new java.util.LinkedHashMap<>();
    }
    agentPolicies.put(agentId, policyId);
  }

  void addAgentReward(String agentId, double r) {
    if (agentRewards == null) {
      agentRewards = new java.util.LinkedHashMap<>();
    }
    agentRewards.merge(agentId, r, Double::sum);
    totalReward += r;
    lastReward = r;
  }

  void setLength(int length) {
    this.length = length;
  }

  /** Records an observation: filtered row {@code obs[off..]}, raw row {@code raw[rawOff..]}. */
  void setLastObservation(float[] obs, int off, double[] raw, int rawOff) {
    System.arraycopy(obs, off, lastObs, 0, lastObs.length);
    System.arraycopy(raw, rawOff, lastRawObs, 0, lastRawObs.length);
  }

  /** Records one step's action, reward and info, and advances the length. */
  void recordStep(double[] actions, int off, double reward, Map<String, Object> info) {
    if (hasAction) {
      System.arraycopy(lastAction, 0, prevAction, 0, lastAction.length);
    }
    System.arraycopy(actions, off, lastAction, 0, lastAction.length);
    hasAction = true;
    prevReward = lastReward;
    lastReward = reward;
    totalReward += reward;
    length++;
    lastInfo = info == null ? Map.of() : info;
  }

  /** Prev action (row) as stored in {@code prev_actions}: the live buffer, not a copy. */
  double[] prevActionBuffer() {
    return prevAction;
  }

  /** This episode's metrics record. */
  EpisodeMetrics metrics() {
    return new EpisodeMetrics(length, totalReward, customMetrics, Map.of());
  }

  @Override
  public String toString() {
    return "Episode(id=" + episodeId + ", env=" + envIndex + ", length=" + length
        + ", totalReward=" + totalReward + ")";
  }
}
