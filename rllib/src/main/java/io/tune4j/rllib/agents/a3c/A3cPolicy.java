package io.tune4j.rllib.agents.a3c;

import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.models.ActionDistribution;
import io.tune4j.rllib.policy.Dl4jPolicy;
import io.tune4j.rllib.policy.Postprocessing;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Advantage actor-critic (Mnih et al. 2016, "Asynchronous Methods for Deep Reinforcement
 * Learning") as RLlib 2019's {@code A3CTFPolicy}: GAE advantages (λ = {@code lambda}, bootstrapped
 * from V of the last observation when a fragment was cut), and the summed loss
 *
 * <pre>
 *   L = −Σ log π(a|s) · A + vf_loss_coeff · ½ Σ (V(s) − V_target)² − entropy_coeff · Σ H(π(·|s))
 * </pre>
 *
 * <p>with gradients clipped to global norm {@code grad_clip}. A3C applies worker gradients as they
 * arrive; A2C takes one step on each synchronous train batch.
 */
public class A3cPolicy extends Dl4jPolicy {
  private final double gamma;
  private final double lambda;
  private final double vfCoeff;
  private final double entCoeff;
  private final double gradClip;

  /** Creates the policy. */
  public A3cPolicy(Space observationSpace, Space actionSpace, Map<String, Object> config) {
    this(observationSpace, actionSpace, config, "A3C");
  }

  /** Creates the policy for {@code algorithm} (named in messages). */
  protected A3cPolicy(Space observationSpace, Space actionSpace, Map<String, Object> config, String algorithm) {
    super(observationSpace, actionSpace, config, algorithm, true);
    this.gamma = this.config.getDouble("gamma");
    this.lambda = this.config.getDouble("lambda");
    this.vfCoeff = this.config.getDouble("vf_loss_coeff");
    this.entCoeff = this.config.getDouble("entropy_coeff");
    this.gradClip = this.config.getDouble("grad_clip");
  }

  /** GAE advantages and value targets, bootstrapped from V(last new_obs) unless terminated. */
  @Override
  public SampleBatch postprocessTrajectory(SampleBatch fragment, boolean terminated) {
    float lastR = 0f;
    if (!terminated && fragment.count() > 0) {
      lastR = value(fragment.floats(SampleBatch.NEW_OBS), (fragment.count() - 1) * observationSize());
    }
    return Postprocessing.computeAdvantages(fragment, lastR, gamma, lambda, true);
  }

  @Override
  protected double gradClip() {
    return gradClip;
  }

  /** One step on the batch; stats {@code policy_loss, policy_entropy, vf_loss, vf_explained_var, cur_lr}. */
  @Override
  public Map<String, Object> learnOnBatch(SampleBatch batch) {
    return new LinkedHashMap<>(sgdStep(batch));
  }

  @Override
  protected BatchLoss loss(SampleBatch batch) {
    return new Loss(dist, batch, vfCoeff, entropyCoeff());
  }

  /** The entropy coefficient of the next step ({@code entropy_coeff}). */
  protected double entropyCoeff() {
    return entCoeff;
  }

  /** The summed A3C loss. */
  static final class Loss implements BatchLoss {
    private final ActionDistribution dist;
    private final float[] actions;
    private final float[] adv;
    private final float[] targets;
    private final double vfCoeff;
    private final double entCoeff;
    private final Map<String, Double> stats = new java.util.concurrent.ConcurrentHashMap<>();

    Loss(ActionDistribution dist, SampleBatch b, double vfCoeff, double entCoeff) {
      this.dist = dist;
      this.actions = b.floats(SampleBatch.ACTIONS);
      this.adv = b.floats(SampleBatch.ADVANTAGES);
      this.targets = b.floats(SampleBatch.VALUE_TARGETS);
      this.vfCoeff = vfCoeff;
      this.entCoeff = entCoeff;
    }

    @Override
    public double policyLoss(float[] in, int n, double[] grad) {
      int k = dist.inputSize();
      int a = dist.actionSize();
      double pi = 0;
      double ent = 0;
      for (int r = 0; r < n; r++) {
        pi -= dist.logp(in, r * k, actions, r * a) * adv[r];
        dist.logpGrad(in, r * k, actions, r * a, -adv[r], grad, r * k);
        ent += dist.entropy(in, r * k);
        dist.entropyGrad(in, r * k, -entCoeff, grad, r * k);
      }
      stats.put("policy_loss", pi);
      stats.put("policy_entropy", ent);
      return pi - entCoeff * ent;
    }

    @Override
    public double valueLoss(float[] values, int n, double[] grad) {
      double sq = 0;
      double mean = 0;
      for (int r = 0; r < n; r++) {
        double e = values[r] - targets[r];
        sq += e * e;
        grad[r] = vfCoeff * e;
        mean += targets[r];
      }
      mean /= n;
      double var = 0;
      for (int r = 0; r < n; r++) {
        var += (targets[r] - mean) * (targets[r] - mean);
      }
      stats.put("vf_loss", 0.5 * sq);
      stats.put("vf_explained_var", var == 0 ? 0.0 : Math.max(-1.0, 1 - sq / var));
      return vfCoeff * 0.5 * sq;
    }

    @Override
    public Map<String, Double> stats() {
      return new HashMap<>(stats);
    }
  }
}
