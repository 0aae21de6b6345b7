package io.tune4j.rllib.policy;

import io.tune4j.rllib.util.DeveloperApi;

/**
 * Advantage estimation over one trajectory (RLlib's {@code evaluation/postprocessing.py}).
 *
 * <p>With GAE (Schulman et al. 2016, "High-Dimensional Continuous Control Using Generalized
 * Advantage Estimation", arXiv:1506.02438, eq. 16): δ_t = r_t + γ V(s_{t+1}) − V(s_t) with V(s_T) =
 * {@code lastR}; A_t = Σ_l (γλ)^l δ_{t+l}; value targets = A_t + V(s_t). Without GAE: A_t = Σ_l γ^l
 * r_{t+l} + γ^{T−t} lastR (the discounted return bootstrapped from {@code lastR}) and value targets
 * are zeros, exactly as RLlib at 9e328fbe6.
 *
 * <pre>{@code
 * Postprocessing.computeAdvantages(episode, 0f, 0.99, 0.95, true);
 * float[] adv = episode.floats(SampleBatch.ADVANTAGES);
 * }</pre>
 */
@DeveloperApi
public final class Postprocessing {
  private Postprocessing() {}

  /**
   * y_t = Σ_{l ≥ 0} γ^l x_{t+l} (a reverse discounted cumulative sum), accumulated in double.
   *
   * @return a new array of the same length
   */
  public static float[] discount(float[] x, double gamma) {
    float[] y = new float[x.length];
    double acc = 0;
    for (int t = x.length - 1; t >= 0; t--) {
      acc = x[t] + gamma * acc;
      y[t] = (float) acc;
    }
    return y;
  }

  /**
   * Adds {@link SampleBatch#ADVANTAGES} and {@link SampleBatch#VALUE_TARGETS} (width 1) to a batch
   * holding one trajectory of a single agent, in time order.
   *
   * @param traj the trajectory; needs {@code rewards}, and {@code vf_preds} when {@code useGae}
   * @param lastR V(s_T) of the observation after the last step (0 if the episode terminated)
   * @param gamma discount γ
   * @param lambda GAE λ (ignored without GAE)
   * @param useGae use GAE, else plain discounted returns
   * @return {@code traj}, with the two columns set
   */
  public static SampleBatch computeAdvantages(
      SampleBatch traj, float lastR, double gamma, double lambda, boolean useGae) {
    float[] rewards = traj.floats(SampleBatch.REWARDS);
    int n = rewards.length;
    float[] advantages;
    float[] targets;
    if (useGae) {
      if (!traj.has(SampleBatch.VF_PREDS)) {
        throw new IllegalArgumentException(
            "GAE needs the 'vf_preds' column; batch has " + traj.columns());
      }
      float[] v = traj.floats(SampleBatch.VF_PREDS);
      float[] delta = new float[n];
      for (int t = 0; t < n; t++) {
        double next = t + 1 < n ? v[t + 1] : lastR;
        delta[t] = (float) (rewards[t] + gamma * next - v[t]);
      }
      advantages = discount(delta, gamma * lambda);
      targets = new float[n];
      for (int t = 0; t < n; t++) {
        targets[t] = advantages[t] + v[t];
      }
    } else {
      // discount(rewards ++ [lastR], γ)[:-1]
      double acc = lastR;
      advantages = new float[n];
      for (int t = n - 1; t >= 0; t--) {
        acc = rewards[t] + gamma * acc;
        advantages[t] = (float) acc;
      }
      targets = new float[n];
    }
    traj.putFloats(SampleBatch.ADVANTAGES, 1, advantages);
    traj.putFloats(SampleBatch.VALUE_TARGETS, 1, targets);
    return traj;
  }
}
