package io.tune4j.rllib.agents.marwil;

import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.models.ActionDistribution;
import io.tune4j.rllib.policy.Dl4jPolicy;
import io.tune4j.rllib.policy.Postprocessing;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Monotonic Advantage Re-Weighted Imitation Learning (Wang et al. 2018) as RLlib 2019's {@code
 * MARWILPolicy}: a policy network with a value head on its last hidden layer, returns {@code R} of
 * complete episodes (γ-discounted, no bootstrap), and
 *
 * <pre>
 *   A = R − V(s),   c ← c + 1e-6 (mean(A²) − c)   (c starts at 100)
 *   L = −mean( exp(β A / (1e-8 + √c)) · log π(a|s) ) + vf_coeff · ½ mean((V(s) − R)²)
 * </pre>
 *
 * <p>with the weights {@code exp(...)} held constant in the gradient; {@code beta = 0} is behaviour
 * cloning. One Adam step per train batch.
 */
public class MarwilPolicy extends Dl4jPolicy {
  private final double gamma;
  private final double beta;
  private final double vfCoeff;
  private double advNorm = 100.0;

  /** Creates the policy (its value head shares the policy network's layers). */
  public MarwilPolicy(Space observationSpace, Space actionSpace, Map<String, Object> config) {
    super(observationSpace, actionSpace, shared(config), "MARWIL", true);
    this.gamma = this.config.getDouble("gamma");
    this.beta = this.config.getDouble("beta");
    this.vfCoeff = this.config.getDouble("vf_coeff");
  }

  private static Map<String, Object> shared(Map<String, Object> config) {
    Map<String, Object> c = new HashMap<>(config);
    c.put("vf_share_layers", true);
    return c;
  }

  /**
   * Discounted returns of a complete episode.
   *
   * @throws IllegalArgumentException for a fragment that does not end its episode
   */
  @Override
  public SampleBatch postprocessTrajectory(SampleBatch fragment, boolean terminated) {
    float[] dones = fragment.floats(SampleBatch.DONES);
    if (dones.length > 0 && dones[dones.length - 1] == 0f) {
      throw new IllegalArgumentException("MARWIL needs complete episodes: the last row of a fragment must be done;"
          + " write and read experience with \"batch_mode\": \"complete_episodes\"");
    }
    return Postprocessing.computeAdvantages(fragment, 0f, gamma, 1.0, false);
  }

  /** One Adam step; stats {@code total_loss, policy_loss, vf_loss, vf_explained_var, cur_lr}. */
  @Override
  public Map<String, Object> learnOnBatch(SampleBatch batch) {
    return new LinkedHashMap<>(sgdStep(batch));
  }

  @Override
  protected BatchLoss loss(SampleBatch batch) {
    int n = batch.count();
    float[] returns = batch.floats(SampleBatch.ADVANTAGES);
    float[] v = new float[n];
    nets.forward(batch.floats(SampleBatch.OBS), n, new float[n * dist.inputSize()], v);
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double a = returns[i] - v[i];
      sq += a * a;
    }
    advNorm += 1e-6 * (sq / n - advNorm);
    float[] weights = new float[n];
    double scale = beta / (1e-8 + Math.sqrt(advNorm));
    for (int i = 0; i < n; i++) {
      weights[i] = (float) Math.exp(scale * (returns[i] - v[i]));
    }
    return new Loss(dist, batch.floats(SampleBatch.ACTIONS), returns, weights, vfCoeff);
  }

  @Override
  protected float[] extraState() {
    return new float[] {(float) advNorm};
  }

  @Override
  protected void setExtraState(float[] state) {
    if (state.length == 1) {
      advNorm = state[0];
    }
  }

  /** The loss over the distribution inputs and the value head. */
  static final class Loss implements BatchLoss {
    private final ActionDistribution dist;
    private final float[] actions;
    private final float[] returns;
    private final float[] weights;
    private final double vfCoeff;
    private final Map<String, Double> stats = new HashMap<>();

    Loss(ActionDistribution dist, float[] actions, float[] returns, float[] weights, double vfCoeff) {
      this.dist = dist;
      this.actions = actions;
      this.returns = returns;
      this.weights = weights;
      this.vfCoeff = vfCoeff;
    }

    @Override
    public double policyLoss(float[] in, int n, double[] grad) {
      int k = dist.inputSize();
      int a = dist.actionSize();
      double sum = 0;
      for (int r = 0; r < n; r++) {
        sum += weights[r] * dist.logp(in, r * k, actions, r * a);
        dist.logpGrad(in, r * k, actions, r * a, -weights[r] / n, grad, r * k);
      }
      double l = -sum / n;
      stats.put("policy_loss", l);
      return l;
    }

    @Override
    public double valueLoss(float[] values, int n, double[] grad) {
      double sq = 0;
      double meanR = 0;
      for (int r = 0; r < n; r++) {
        double e = values[r] - returns[r];
        sq += e * e;
        grad[r] = vfCoeff * e / n;
        meanR += returns[r];
      }
      meanR /= n;
      double varR = 0;
      for (int r = 0; r < n; r++) {
        varR += (returns[r] - meanR) * (returns[r] - meanR);
      }
      double vf = 0.5 * sq / n;
      stats.put("vf_loss", vf);
      stats.put("vf_explained_var", varR == 0 ? 0.0 : Math.max(-1.0, 1 - sq / varR));
      stats.put("total_loss", stats.getOrDefault("policy_loss", 0.0) + vfCoeff * vf);
      return vfCoeff * vf;
    }

    @Override
    public Map<String, Double> stats() {
      return stats;
    }
  }
}
