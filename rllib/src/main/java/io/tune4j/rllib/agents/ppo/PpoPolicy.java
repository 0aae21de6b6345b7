package io.tune4j.rllib.agents.ppo;

import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.models.ActionDistribution;
import io.tune4j.rllib.policy.ConfigReader;
import io.tune4j.rllib.policy.Dl4jPolicy;
import io.tune4j.rllib.policy.Postprocessing;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Proximal Policy Optimization with a clipped surrogate and an adaptive KL penalty, as RLlib's
 * {@code PPOTFPolicy} at 9e328fbe6 ({@code agents/ppo/ppo_policy.py}) plus its multi-GPU
 * optimiser's SGD loop ({@code optimizers/multi_gpu_optimizer.py}).
 *
 * <p>Paper: Schulman et al. 2017, "Proximal Policy Optimization Algorithms", arXiv:1707.06347. With
 * r_t(θ) = π_θ(a_t|s_t) / π_θold(a_t|s_t) and Â_t the GAE advantage, the loss minimised on each
 * minibatch (means over rows) is
 *
 * <pre>
 *   L = −min(r_t Â_t, clip(r_t, 1−ε, 1+ε) Â_t)           clipped surrogate   (paper eq. 7)
 *       + β · KL(π_θold ‖ π_θ)                            adaptive KL penalty (paper eq. 8)
 *       + c_vf · max((V − V_targ)², (V_clip − V_targ)²)   clipped value loss  (RLlib; OpenAI baselines ppo2)
 *       − c_ent · H(π_θ)                                  entropy bonus       (paper eq. 9)
 *   V_clip = V_old + clip(V − V_old, −vf_clip_param, vf_clip_param)
 * </pre>
 *
 * <p>β ({@code kl_coeff}) adapts after each train batch from the mean KL of the last epoch: ×1.5 if
 * KL &gt; 2·{@code kl_target}, ×0.5 if KL &lt; ½·{@code kl_target} (paper §4; RLlib's {@code
 * KLCoeffMixin.update_kl}). Advantages are standardised over each train batch (RLlib's {@code
 * standardize_fields}); the batch is shuffled once, cut into minibatches of {@code
 * sgd_minibatch_size} (the remainder is dropped, as RLlib's {@code load_data}), and each of the
 * {@code num_sgd_iter} epochs visits them in a new random order.
 */
public class PpoPolicy extends Dl4jPolicy {
  private final double gamma;
  private final double lambda;
  private final boolean useGae;
  private final double clipParam;
  private final double vfClipParam;
  private final double vfLossCoeff;
  private final double entropyCoeff;
  private final double klTarget;
  private final int numSgdIter;
  private final int minibatchSize;
  private final double gradClip;
  private double klCoeff;

  /**
   * Creates the policy.
   *
   * @param config the merged config (common + {@link PpoConfig#DEFAULTS} + user)
   */
  public PpoPolicy(Space observationSpace, Space actionSpace, Map<String, Object> config) {
    this(observationSpace, actionSpace, config, DataType.FLOAT);
  }

  PpoPolicy(Space obs, Space act, Map<String, Object> config, DataType dataType) {
    super(obs, act, config, "PPO", new ConfigReader(config, "PPO").getBool("use_gae"), dataType);
    gamma = this.config.getDouble("gamma");
    lambda = this.config.getDouble("lambda");
    useGae = this.config.getBool("use_gae");
    clipParam = this.config.getDouble("clip_param");
    vfClipParam = this.config.getDouble("vf_clip_param");
    vfLossCoeff = this.config.getDouble("vf_loss_coeff");
    entropyCoeff = this.config.getDouble("entropy_coeff");
    klCoeff = this.config.getDouble("kl_coeff");
    klTarget = this.config.getDouble("kl_target");
    numSgdIter = this.config.getInt("num_sgd_iter");
    minibatchSize = this.config.getInt("sgd_minibatch_size");
    gradClip = this.config.getDouble("grad_clip", 0);
  }

  /**
   * GAE over the fragment (RLlib's {@code postprocess_ppo_gae}): the value after the last step is 0
   * if the episode terminated, else V(new_obs of the last row).
   */
  @Override
  public SampleBatch postprocessTrajectory(SampleBatch fragment, boolean terminated) {
    float lastR = 0f;
    if (!terminated && fragment.count() > 0) {
      lastR =
          value(fragment.floats(SampleBatch.NEW_OBS), (fragment.count() - 1) * observationSize());
    }
    return Postprocessing.computeAdvantages(fragment, lastR, gamma, lambda, useGae);
  }

  @Override
  protected double gradClip() {
    return gradClip;
  }

  /** The current KL coefficient β. */
  public double klCoeff() {
    return klCoeff;
  }

  /**
   * Runs {@code num_sgd_iter} epochs of minibatch SGD on the train batch, then adapts β.
   *
   * @return RLlib's learner stats averaged over the minibatches of the last epoch: {@code
   *     cur_kl_coeff, cur_lr, total_loss, policy_loss, vf_loss, vf_explained_var, kl, entropy}
   */
  @Override
  public Map<String, Object> learnOnBatch(SampleBatch batch) {
    SampleBatch b = new SampleBatch();
    for (String col : List.of(SampleBatch.OBS, SampleBatch.ACTIONS, SampleBatch.BEHAVIOUR_LOGITS)) {
      b.putFloats(col, batch.width(col), batch.floats(col));
    }
    b.putFloats(SampleBatch.ADVANTAGES, 1, standardize(batch.floats(SampleBatch.ADVANTAGES)));
    if (useGae) {
      b.putFloats(SampleBatch.VF_PREDS, 1, batch.floats(SampleBatch.VF_PREDS));
      b.putFloats(SampleBatch.VALUE_TARGETS, 1, batch.floats(SampleBatch.VALUE_TARGETS));
    }
    b.shuffle(rng);
    int size = Math.min(minibatchSize, b.count());
    int numBatches = Math.max(1, b.count() / size);
    List<SampleBatch> minibatches = new ArrayList<>(numBatches);
    for (int i = 0; i < numBatches; i++) {
      minibatches.add(b.slice(i * size, (i + 1) * size));
    }
    Map<String, Double> sums = new LinkedHashMap<>();
    for (int epoch = 0; epoch < numSgdIter; epoch++) {
      sums.clear();
      for (int idx : SampleBatch.permutation(numBatches, rng)) {
        sgdStep(minibatches.get(idx)).forEach((k, v) -> sums.merge(k, v, Double::sum));
      }
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("cur_kl_coeff", klCoeff);
    stats.put("cur_lr", curLr());
    for (String k :
        List.of("total_loss", "policy_loss", "vf_loss", "vf_explained_var", "kl", "entropy")) {
      stats.put(k, sums.getOrDefault(k, 0.0) / numBatches);
    }
    updateKl((Double) stats.get("kl"));
    return stats;
  }

  /** RLlib's {@code KLCoeffMixin.update_kl}. */
  void updateKl(double sampledKl) {
    if (sampledKl > 2.0 * klTarget) {
      klCoeff *= 1.5;
    } else if (sampledKl < 0.5 * klTarget) {
      klCoeff *= 0.5;
    }
  }

  /** (x − mean) / max(1e-4, std), population std (RLlib's multi-GPU optimiser). */
  static float[] standardize(float[] x) {
    double mean = 0;
    for (float v : x) {
      mean += v;
    }
    mean /= x.length;
    double var = 0;
    for (float v : x) {
      var += (v - mean) * (v - mean);
    }
    double std = Math.max(1e-4, Math.sqrt(var / x.length));
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) ((x[i] - mean) / std);
    }
    return out;
  }

  @Override
  protected BatchLoss loss(SampleBatch batch) {
    return new Loss(
        dist, batch, useGae, klCoeff, clipParam, vfClipParam, vfLossCoeff, entropyCoeff, inspecting());
  }

  @Override
  protected float[] extraState() {
    return new float[] {(float) klCoeff};
  }

  @Override
  protected void setExtraState(float[] state) {
    klCoeff = state[0];
  }

  /** The PPO loss on one minibatch, with its gradient in the network outputs. */
  static final class Loss implements BatchLoss {
    private final ActionDistribution dist;
    private final float[] actions;
    private final float[] adv;
    private final float[] oldInputs; // behaviour_logits: π_θold's distribution inputs
    private final float[] vfPreds;
    private final float[] targets;
    private final boolean useGae;
    private final double beta;
    private final double clip;
    private final double vfClip;
    private final double vfCoeff;
    private final double entCoeff;
    // policyLoss and valueLoss may run on different threads (PolicyNetworks.computeGradient).
    private final Map<String, Double> stats = new ConcurrentHashMap<>();
    private volatile double policyTerms;
    private volatile double valueTerms;
    // Per-row values for a LossInspector, recorded only when asked.
    private final Map<String, float[]> tensors;

    Loss(
        ActionDistribution dist,
        SampleBatch b,
        boolean useGae,
        double beta,
        double clip,
        double vfClip,
        double vfCoeff,
        double entCoeff,
        boolean record) {
      this.dist = dist;
      this.actions = b.floats(SampleBatch.ACTIONS);
      this.adv = b.floats(SampleBatch.ADVANTAGES);
      this.oldInputs = b.floats(SampleBatch.BEHAVIOUR_LOGITS);
      this.useGae = useGae;
      this.vfPreds = useGae ? b.floats(SampleBatch.VF_PREDS) : null;
      this.targets = useGae ? b.floats(SampleBatch.VALUE_TARGETS) : null;
      this.beta = beta;
      this.clip = clip;
      this.vfClip = vfClip;
      this.vfCoeff = vfCoeff;
      this.entCoeff = entCoeff;
      this.tensors = record ? new ConcurrentHashMap<>() : null;
      if (record) {
        tensors.put("advantages", adv.clone());
        if (useGae) {
          tensors.put("vf_preds", vfPreds.clone());
          tensors.put("value_targets", targets.clone());
        }
      }
    }

    @Override
    public Map<String, float[]> tensors() {
      return tensors == null ? Map.of() : new HashMap<>(tensors);
    }

    @Override
    public double policyLoss(float[] in, int n, double[] grad) {
      int k = dist.inputSize();
      int a = dist.actionSize();
      double surrSum = 0;
      double klSum = 0;
      double entSum = 0;
      float[][] rows = tensors == null ? null : new float[6][n];
      for (int r = 0; r < n; r++) {
        double logp = dist.logp(in, r * k, actions, r * a);
        double logpOld = dist.logp(oldInputs, r * k, actions, r * a);
        double ratio = Math.exp(logp - logpOld);
        double unclipped = adv[r] * ratio;
        double clipped = adv[r] * Math.max(1 - clip, Math.min(1 + clip, ratio));
        double kl = dist.kl(oldInputs, r * k, in, r * k);
        double ent = dist.entropy(in, r * k);
        surrSum += Math.min(unclipped, clipped);
        klSum += kl;
        entSum += ent;
        if (rows != null) {
          rows[0][r] = (float) logp;
          rows[1][r] = (float) logpOld;
          rows[2][r] = (float) ratio;
          rows[3][r] = (float) Math.min(unclipped, clipped);
          rows[4][r] = (float) kl;
          rows[5][r] = (float) ent;
        }
        // ∂(−min)/∂logp = −Â·r when the unclipped term is the min (TF routes ties to it), else
        // the clipped branch is flat in θ: ratio lies outside [1−ε, 1+ε].
        if (unclipped <= clipped) {
          dist.logpGrad(in, r * k, actions, r * a, -unclipped / n, grad, r * k);
        }
        if (beta != 0) {
          dist.klGrad(oldInputs, r * k, in, r * k, beta / n, grad, r * k);
        }
        if (entCoeff != 0) {
          dist.entropyGrad(in, r * k, -entCoeff / n, grad, r * k);
        }
      }
      if (rows != null) {
        String[] names = {"logp", "logp_old", "ratio", "surrogate", "kl", "entropy"};
        for (int i = 0; i < names.length; i++) {
          tensors.put(names[i], rows[i]);
        }
      }
      stats.put("policy_loss", -surrSum / n);
      stats.put("kl", klSum / n);
      stats.put("entropy", entSum / n);
      policyTerms = (-surrSum + beta * klSum - entCoeff * entSum) / n;
      return policyTerms;
    }

    @Override
    public double valueLoss(float[] v, int n, double[] grad) {
      if (!useGae) {
        stats.put("vf_loss", 0.0);
        stats.put("vf_explained_var", 0.0);
        return 0;
      }
      double vfSum = 0;
      float[] vfLoss = tensors == null ? null : new float[n];
      for (int r = 0; r < n; r++) {
        double d = v[r] - vfPreds[r];
        double vClipped = vfPreds[r] + Math.max(-vfClip, Math.min(vfClip, d));
        double l1 = (v[r] - targets[r]) * (v[r] - targets[r]);
        double l2 = (vClipped - targets[r]) * (vClipped - targets[r]);
        vfSum += Math.max(l1, l2);
        if (vfLoss != null) {
          vfLoss[r] = (float) Math.max(l1, l2);
        }
        double g;
        if (l1 >= l2) {
          g = 2 * (v[r] - targets[r]);
        } else {
          g = Math.abs(d) <= vfClip ? 2 * (vClipped - targets[r]) : 0; // clip is flat outside
        }
        grad[r] = vfCoeff * g / n;
      }
      if (vfLoss != null) {
        tensors.put("vf", java.util.Arrays.copyOf(v, n));
        tensors.put("vf_loss", vfLoss);
      }
      stats.put("vf_loss", vfSum / n);
      stats.put("vf_explained_var", explainedVariance(targets, v, n));
      valueTerms = vfCoeff * vfSum / n;
      return valueTerms;
    }

    @Override
    public Map<String, Double> stats() {
      Map<String, Double> out = new HashMap<>(stats);
      out.put("total_loss", policyTerms + valueTerms);
      return out;
    }
  }

  /** max(−1, 1 − Var[y − pred] / Var[y]) (RLlib's {@code explained_variance}). */
  static double explainedVariance(float[] y, float[] pred, int n) {
    double my = 0;
    double md = 0;
    for (int i = 0; i < n; i++) {
      my += y[i];
      md += y[i] - pred[i];
    }
    my /= n;
    md /= n;
    double vy = 0;
    double vd = 0;
    for (int i = 0; i < n; i++) {
      vy += (y[i] - my) * (y[i] - my);
      double d = y[i] - pred[i] - md;
      vd += d * d;
    }
    if (vy == 0) {
      return -1.0;
    }
    return Math.max(-1.0, 1 - vd / vy);
  }
}
