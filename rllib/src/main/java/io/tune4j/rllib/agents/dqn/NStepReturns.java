package io.tune4j.rllib.agents.dqn;

import io.tune4j.rllib.policy.SampleBatch;

/**
 * The replay family's trajectory rewrite (RLlib 2019's {@code _adjust_nstep}, shared by DQN and
 * DDPG): {@code dones} becomes 1 only on the last row of a terminated fragment, and with {@code n >
 * 1} each row's reward becomes {@code Σ_{j<n} γ^j r_{i+j}} and its {@code new_obs} and {@code
 * dones} those of row {@code i+n−1}, truncated at the fragment's end.
 */
public final class NStepReturns {
  private NStepReturns() {}

  /** Rewrites {@code fragment} in place. */
  public static void rewrite(SampleBatch fragment, boolean terminated, int n, double gamma) {
    int len = fragment.count();
    float[] dones = fragment.floats(SampleBatch.DONES);
    java.util.Arrays.fill(dones, 0f);
    if (terminated && len > 0) {
      dones[len - 1] = 1f;
    }
    if (n <= 1) {
      return;
    }
    int obsSize = fragment.width(SampleBatch.NEW_OBS);
    float[] rewards = fragment.floats(SampleBatch.REWARDS);
    float[] newObs = fragment.floats(SampleBatch.NEW_OBS);
    for (int i = 0; i < len; i++) {
      double g = 1;
      double r = rewards[i];
      int last = i;
      for (int j = 1; j < n && i + j < len; j++) {
        g *= gamma;
        r += g * rewards[i + j];
        last = i + j;
      }
      rewards[i] = (float) r;
      if (last != i) {
        System.arraycopy(newObs, last * obsSize, newObs, i * obsSize, obsSize);
        dones[i] = dones[last];
      }
    }
  }
}
