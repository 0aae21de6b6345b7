package io.tune4j.rllib.agents.impala;

import io.tune4j.rllib.policy.SampleBatch;

/**
 * V-trace off-policy targets (Espeholt et al. 2018, "IMPALA: Scalable Distributed Deep-RL with
 * Importance Weighted Actor-Learner Architectures", arXiv:1802.01561, §4.1), as DeepMind's {@code
 * vtrace.py} that RLlib 2019 uses. For one trajectory segment s_0..s_{T-1} with bootstrap value
 * V(s_T):
 *
 * <pre>
 *   ρ_t  = min(ρ̄, π(a_t|s_t) / μ(a_t|s_t))          (clip_rho_threshold)
 *   c_t  = min(1, π(a_t|s_t) / μ(a_t|s_t))          (c̄ = 1, as in vtrace.py)
 *   δ_t  = ρ_t (r_t + γ_t V(s_{t+1}) − V(s_t))       γ_t = γ, or 0 when the episode ended at t
 *   v_t  = V(s_t) + δ_t + γ_t c_t (v_{t+1} − V(s_{t+1}))   (v_T = V(s_T))
 *   A_t  = min(ρ̄_pg, π/μ) (r_t + γ_t v_{t+1} − V(s_t))   (clip_pg_rho_threshold)
 * </pre>
 *
 * <p>{@code v_t} is the value target and {@code A_t} the policy-gradient advantage; both are
 * constants to the loss. With π = μ and no clipping, v_t is the n-step bootstrapped return.
 */
public final class VTrace {
  private VTrace() {}

  /**
   * Computes v_t and A_t over one segment (arrays of length T, in time order).
   *
   * @param logRhos log π(a_t|s_t) − log μ(a_t|s_t)
   * @param discounts γ_t: γ, or 0 where the episode ended at t
   * @param rewards r_t
   * @param values V(s_t) under the current value function
   * @param bootstrap V(s_T) (ignored when discounts[T-1] is 0)
   * @param clipRho ρ̄ (≤ 0 for no clipping)
   * @param clipPgRho ρ̄ for the advantages (≤ 0 for no clipping)
   * @param vs out: the value targets v_t
   * @param pgAdvantages out: the advantages A_t
   */
  public static void fromImportanceWeights(
      float[] logRhos, float[] discounts, float[] rewards, float[] values, float bootstrap,
      double clipRho, double clipPgRho, float[] vs, float[] pgAdvantages) {
    int n = rewards.length;
    double acc = 0; // v_{t+1} − V(s_{t+1})
    for (int t = n - 1; t >= 0; t--) {
      double rho = Math.exp(logRhos[t]);
      double clipped = clipRho > 0 ? Math.min(clipRho, rho) : rho;
      double c = Math.min(1.0, rho);
      double next = t == n - 1 ? bootstrap : values[t + 1];
      double delta = clipped * (rewards[t] + discounts[t] * next - values[t]);
      acc = delta + discounts[t] * c * acc;
      vs[t] = (float) (values[t] + acc);
    }
    for (int t = 0; t < n; t++) {
      double rho = Math.exp(logRhos[t]);
      double pgRho = clipPgRho > 0 ? Math.min(clipPgRho, rho) : rho;
      double nextVs = t == n - 1 ? bootstrap : vs[t + 1];
      pgAdvantages[t] = (float) (pgRho * (rewards[t] + discounts[t] * nextVs - values[t]));
    }
  }

  /**
   * Where a batch's trajectory segments start: row i starts a segment when it is the first row, or
   * when row i−1 ended its episode, or belongs to another episode, or is not the step before.
   *
   * @return segment start rows, with {@code count()} appended as the end of the last one
   */
  public static int[] segmentStarts(SampleBatch batch) {
    int n = batch.count();
    long[] eps = batch.longs(SampleBatch.EPS_ID);
    long[] t = batch.has(SampleBatch.T) ? batch.longs(SampleBatch.T) : null;
    float[] dones = batch.floats(SampleBatch.DONES);
    int[] starts = new int[n + 1];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || dones[i - 1] != 0 || eps[i] != eps[i - 1] || (t != null && t[i] != t[i - 1] + 1)) {
        starts[k++] = i;
      }
    }
    starts[k++] = n;
    return java.util.Arrays.copyOf(starts, k);
  }
}
