package io.tune4j.rllib.models;

/**
 * A target copy of a network's flat parameter vector (DQN's and DDPG's target networks): synced
 * hard every {@code target_network_update_freq} trained steps (DQN), or moved softly towards the
 * online parameters by Polyak averaging with {@code tau} after every update (DDPG).
 *
 * <pre>{@code
 * TargetNetwork target = new TargetNetwork(online.params(), 500);   // hard sync every 500 steps
 * if (target.maybeHardSync(online.params(), stepsTrained)) { ... }
 * target.softUpdate(online.params(), 0.002);                         // θ' ← τθ + (1−τ)θ'
 * }</pre>
 */
public final class TargetNetwork {
  private final float[] params;
  private final long updateFreq;
  private long lastSync;
  private long numUpdates;

  /**
   * A target starting equal to {@code online}.
   *
   * @param updateFreq trained steps between hard syncs (0: only explicit syncs)
   */
  public TargetNetwork(float[] online, long updateFreq) {
    if (updateFreq < 0) {
      throw new IllegalArgumentException("target_network_update_freq must be >= 0, got " + updateFreq);
    }
    this.params = online.clone();
    this.updateFreq = updateFreq;
  }

  /** Copies {@code online} into the target. */
  public void hardSync(float[] online) {
    check(online);
    System.arraycopy(online, 0, params, 0, params.length);
    numUpdates++;
  }

  /**
   * Syncs when {@code target_network_update_freq} trained steps have passed since the last sync
   * (RLlib 2019 DQN: {@code num_steps_trained - last_target_update_ts > freq}); returns whether it
   * did.
   */
  public boolean maybeHardSync(float[] online, long stepsTrained) {
    if (updateFreq > 0 && stepsTrained - lastSync >= updateFreq) {
      hardSync(online);
      lastSync = stepsTrained;
      return true;
    }
    return false;
  }

  /** Polyak averaging: {@code θ' ← τ θ + (1 − τ) θ'} (DDPG's {@code tau}). */
  public void softUpdate(float[] online, double tau) {
    check(online);
    if (tau < 0 || tau > 1) {
      throw new IllegalArgumentException("tau must be in [0, 1], got " + tau);
    }
    for (int i = 0; i < params.length; i++) {
      params[i] = (float) (tau * online[i] + (1 - tau) * params[i]);
    }
    numUpdates++;
  }

  /** The target parameters (the live array: do not modify). */
  public float[] params() {
    return params;
  }

  /** Syncs and soft updates so far (RLlib's {@code num_target_updates}). */
  public long numUpdates() {
    return numUpdates;
  }

  private void check(float[] online) {
    if (online.length != params.length) {
      throw new IllegalArgumentException(
          "online network has " + online.length + " parameters, the target " + params.length);
    }
  }
}
