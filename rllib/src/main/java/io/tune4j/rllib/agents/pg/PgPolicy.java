package io.tune4j.rllib.agents.pg;

import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.models.ActionDistribution;
import io.tune4j.rllib.policy.Dl4jPolicy;
import io.tune4j.rllib.policy.Postprocessing;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Vanilla policy gradient (REINFORCE without a baseline), as RLlib's {@code PGTFPolicy} at
 * 9e328fbe6 ({@code agents/pg/pg_policy.py}).
 *
 * <p>Paper: Williams 1992, "Simple statistical gradient-following algorithms for connectionist
 * reinforcement learning" (REINFORCE); Sutton et al. 2000, "Policy Gradient Methods for
 * Reinforcement Learning with Function Approximation". The loss on a train batch is
 *
 * <pre>
 *   L = −mean_t( log π_θ(a_t | s_t) · A_t ),   A_t = Σ_{l ≥ 0} γ^l r_{t+l}
 * </pre>
 *
 * <p>with A_t the discounted return within the trajectory fragment; like RLlib, the return is not
 * bootstrapped ({@code last_r = 0}) even when a fragment was cut, and there is no value function.
 * One Adam step per train batch ({@code SyncSamplesOptimizer}, {@code num_sgd_iter} 1).
 */
public class PgPolicy extends Dl4jPolicy {
  private final double gamma;

  /**
   * Creates the policy.
   *
   * @param config the merged config (common + {@link PgConfig#DEFAULTS} + user)
   */
  public PgPolicy(Space observationSpace, Space actionSpace, Map<String, Object> config) {
    this(observationSpace, actionSpace, config, DataType.FLOAT);
  }

  PgPolicy(Space obs, Space act, Map<String, Object> config, DataType dataType) {
    super(obs, act, config, "PG", false, dataType);
    gamma = this.config.getDouble("gamma");
  }

  /** Discounted returns, {@code last_r = 0} (RLlib's {@code postprocess_advantages}). */
  @Override
  public SampleBatch postprocessTrajectory(SampleBatch fragment, boolean terminated) {
    return Postprocessing.computeAdvantages(fragment, 0f, gamma, 1.0, false);
  }

  /** One Adam step on the whole batch; stats {@code policy_loss}, {@code cur_lr}. */
  @Override
  public Map<String, Object> learnOnBatch(SampleBatch batch) {
    return new LinkedHashMap<>(sgdStep(batch));
  }

  @Override
  protected BatchLoss loss(SampleBatch batch) {
    return new Loss(dist, batch);
  }

  /** −mean(log π(a|s) · A) and its gradient in the distribution inputs. */
  static final class Loss implements BatchLoss {
    private final ActionDistribution dist;
    private final float[] actions;
    private final float[] adv;
    private final Map<String, Double> stats = new HashMap<>();

    Loss(ActionDistribution dist, SampleBatch b) {
      this.dist = dist;
      this.actions = b.floats(SampleBatch.ACTIONS);
      this.adv = b.floats(SampleBatch.ADVANTAGES);
    }

    @Override
    public double policyLoss(float[] in, int n, double[] grad) {
      int k = dist.inputSize();
      int a = dist.actionSize();
      double sum = 0;
      for (int r = 0; r < n; r++) {
        sum += dist.logp(in, r * k, actions, r * a) * adv[r];
        dist.logpGrad(in, r * k, actions, r * a, -adv[r] / n, grad, r * k);
      }
      stats.put("policy_loss", -sum / n);
      return -sum / n;
    }

    @Override
    public double valueLoss(float[] values, int n, double[] grad) {
      return 0;
    }

    @Override
    public Map<String, Double> stats() {
      return stats;
    }
  }
}
