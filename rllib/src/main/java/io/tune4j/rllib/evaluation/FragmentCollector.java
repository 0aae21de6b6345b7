package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.policy.SampleBatch;
import io.tune4j.rllib.policy.SampleBatchColumns.FloatColumn;
import io.tune4j.rllib.policy.SampleBatchColumns.LongColumn;
import java.util.Arrays;
import java.util.Map;

/**
 * Per-env trajectory fragments under construction (the role of RLlib's {@code
 * SampleBatchBuilder}): one reusable {@link SampleBatch.Builder} per env with cached column
 * handles, so appending a row costs a few array copies and no allocation.
 *
 * <p>Columns of every row: {@code obs}, {@code new_obs}, {@code actions}, {@code rewards}, {@code
 * dones}, {@code prev_actions}, {@code prev_rewards}, {@code eps_id}, {@code t}, {@code
 * agent_index}, then the policy's extra outputs (e.g. {@code vf_preds}) in the order it first
 * returned them.
 */
final class FragmentCollector {
  private final int obsSize;
  private final int actionSize;
  private final SampleBatch.Builder[] builders;
  private final FloatColumn[] obs;
  private final FloatColumn[] newObs;
  private final FloatColumn[] actions;
  private final FloatColumn[] rewards;
  private final FloatColumn[] dones;
  private final FloatColumn[] prevActions;
  private final FloatColumn[] prevRewards;
  private final LongColumn[] epsId;
  private final LongColumn[] t;
  private final LongColumn[] agentIndex;

  private String[] extraKeys = new String[0];
  private int[] extraWidths = new int[0];
  private FloatColumn[][] extraCols = new FloatColumn[0][]; // [key][env]
  private float[][] extraValues = new float[0][]; // this step's arrays, [key]
  private boolean extrasBound;
  private String policyName = "policy";

  FragmentCollector(int numEnvs, int obsSize, int actionSize) {
    this.obsSize = obsSize;
    this.actionSize = actionSize;
    builders = new SampleBatch.Builder[numEnvs];
    obs = new FloatColumn[numEnvs];
    newObs = new FloatColumn[numEnvs];
    actions = new FloatColumn[numEnvs];
    rewards = new FloatColumn[numEnvs];
    dones = new FloatColumn[numEnvs];
    prevActions = new FloatColumn[numEnvs];
    prevRewards = new FloatColumn[numEnvs];
    epsId = new LongColumn[numEnvs];
    t = new LongColumn[numEnvs];
    agentIndex = new LongColumn[numEnvs];
    for (int i = 0; i < numEnvs; i++) {
      SampleBatch.Builder b = new SampleBatch.Builder();
      builders[i] = b;
      obs[i] = b.floatColumn(SampleBatch.OBS, obsSize);
      newObs[i] = b.floatColumn(SampleBatch.NEW_OBS, obsSize);
      actions[i] = b.floatColumn(SampleBatch.ACTIONS, actionSize);
      rewards[i] = b.floatColumn(SampleBatch.REWARDS, 1);
      dones[i] = b.floatColumn(SampleBatch.DONES, 1);
      prevActions[i] = b.floatColumn(SampleBatch.PREV_ACTIONS, actionSize);
      prevRewards[i] = b.floatColumn(SampleBatch.PREV_REWARDS, 1);
      epsId[i] = b.longColumn(SampleBatch.EPS_ID);
      t[i] = b.longColumn(SampleBatch.T);
      agentIndex[i] = b.longColumn(SampleBatch.AGENT_INDEX);
    }
  }

  void setPolicyName(String name) {
    this.policyName = name;
  }

  /**
   * Binds this step's extra policy outputs; every step must return the keys and widths of the
   * first.
   *
   * @throws IllegalStateException if the keys or widths change between steps
   */
  void bindExtras(Map<String, float[]> extras, int n) {
    int size = extras == null ? 0 : extras.size();
    if (!extrasBound) {
      extrasBound = true;
      if (size > 0) {
        for (Map.Entry<String, float[]> e : extras.entrySet()) {
          addKey(e.getKey(), width(e.getKey(), e.getValue(), n));
        }
      }
    }
    if (size != extraKeys.length) {
      throw changedExtras(extras);
    }
    if (size == 0) {
      return;
    }
    for (Map.Entry<String, float[]> e : extras.entrySet()) {
      String key = e.getKey();
      int k = indexOf(key);
      if (k < 0) {
        throw changedExtras(extras);
      }
      float[] v = e.getValue();
      int width = width(key, v, n);
      if (extraWidths[k] != width) {
        throw new IllegalStateException(
            policyName + ".computeActions returned extra '" + key + "' of width " + width
                + ", earlier " + extraWidths[k]);
      }
      extraValues[k] = v;
    }
  }

  private int width(String key, float[] v, int n) {
    if (v == null || v.length == 0 || v.length % n != 0) {
      throw new IllegalStateException(
          policyName + ".computeActions returned extra '" + key + "' with "
              + (v == null ? "null" : v.length + " values") + " for " + n + " rows");
    }
    return v.length / n;
  }

  private IllegalStateException changedExtras(Map<String, float[]> extras) {
    return new IllegalStateException(
        policyName + ".computeActions returned extra columns "
            + (extras == null ? "{}" : extras.keySet()) + " but earlier steps returned "
            + Arrays.toString(extraKeys) + "; every step must return the same extras");
  }

  private int indexOf(String key) {
    for (int k = 0; k < extraKeys.length; k++) {
      if (extraKeys[k] == key || extraKeys[k].equals(key)) {
        return k;
      }
    }
    return -1;
  }

  private int addKey(String key, int width) {
    int k = extraKeys.length;
    extraKeys = Arrays.copyOf(extraKeys, k + 1);
    extraWidths = Arrays.copyOf(extraWidths, k + 1);
    extraCols = Arrays.copyOf(extraCols, k + 1);
    extraValues = Arrays.copyOf(extraValues, k + 1);
    extraKeys[k] = key;
    extraWidths[k] = width;
    extraCols[k] = new FloatColumn[builders.length];
    for (int i = 0; i < builders.length; i++) {
      extraCols[k][i] = builders[i].floatColumn(key, width);
    }
    return k;
  }

  /**
   * Appends one row for env {@code i}. The episode must already have recorded the step (its
   * length counts it and its previous action/reward are those before this step).
   */
  void addRow(int i, Episode ep, float[] obsRows, double[] actionRows, double reward,
      boolean done, float[] newObsRow) {
    obs[i].add(obsRows, i * obsSize);
    newObs[i].add(newObsRow, 0);
    actions[i].add(actionRows, i * actionSize);
    rewards[i].add((float) reward);
    dones[i].add(done ? 1f : 0f);
    prevActions[i].add(ep.prevActionBuffer(), 0);
    prevRewards[i].add((float) ep.prevRewardFor());
    epsId[i].add(ep.episodeId());
    t[i].add(ep.length() - 1);
    agentIndex[i].add(0);
    for (int k = 0; k < extraKeys.length; k++) {
      extraCols[k][i].add(extraValues[k], i * extraWidths[k]);
    }
  }

  /** Rows buffered for env {@code i}. */
  int rows(int i) {
    return t[i].rows();
  }

  /** The rows buffered for env {@code i} as a new batch; the buffer is cleared for reuse. */
  SampleBatch take(int i) {
    SampleBatch b = builders[i].build();
    builders[i].clear();
    return b;
  }
}
