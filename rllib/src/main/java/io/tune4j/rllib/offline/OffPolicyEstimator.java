package io.tune4j.rllib.offline;

import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates how the current policy would do on logged episodes (RLlib's {@code OffPolicyEstimator},
 * the {@code input_evaluation} config): step-wise importance sampling ({@code "is"}) and its
 * weighted form ({@code "wis"}), Precup et al. 2000 / Thomas and Brunskill 2016
 * (arXiv:1511.03722). For an episode fragment with rewards {@code r_t}, behaviour probabilities
 * {@code μ(a_t|s_t)} (the {@code action_prob} column, or {@code exp(action_logp)}) and the current
 * policy's {@code π(a_t|s_t)}, over {@code t < T − 1} as RLlib:
 *
 * <pre>
 *   ρ_t = Π_{k ≤ t} π(a_k|s_k) / μ(a_k|s_k)
 *   V_prev = Σ γ^t r_t,   V_step_IS = Σ ρ_t γ^t r_t,   V_step_WIS = Σ ρ_t / w_t γ^t r_t
 * </pre>
 *
 * <p>with {@code w_t} the mean of {@code ρ_t} over all fragments seen so far, and {@code V_gain_est
 * = V_step / max(1e-8, V_prev)}. One difference from RLlib 2019: π is the probability of the
 * logged action; RLlib 2019 took the probability of a freshly sampled action.
 */
public final class OffPolicyEstimator {
  /** One estimate: the estimator's name ("is", "wis") and its values. */
  public record Estimate(String name, Map<String, Double> metrics) implements java.io.Serializable {}

  private final String name;
  private final Policy policy;
  private final double gamma;
  private final List<Double> filterValues = new ArrayList<>();
  private final List<Double> filterCounts = new ArrayList<>();
  private List<Estimate> estimates = new ArrayList<>();

  /**
   * An estimator of {@code policy}.
   *
   * @param name "is" or "wis"
   * @throws IllegalArgumentException for another name
   */
  public OffPolicyEstimator(String name, Policy policy, double gamma) {
    if (!name.equals("is") && !name.equals("wis")) {
      throw new IllegalArgumentException("input_evaluation: unknown estimator '" + name + "' (is, wis)");
    }
    this.name = name;
    this.policy = policy;
    this.gamma = gamma;
  }

  /** Estimates one episode fragment and keeps the estimate for {@link #poll()}. */
  public void process(SampleBatch episode) {
    estimates.add(estimate(episode));
  }

  /** The estimate of one episode fragment. */
  public Estimate estimate(SampleBatch b) {
    float[] rewards = b.floats(SampleBatch.REWARDS);
    float[] old = behaviourProbs(b);
    float[] newLogp = policy.computeLogLikelihoods(b);
    int n = b.count();
    double[] p = new double[Math.max(0, n - 1)];
    for (int t = 0; t < n - 1; t++) {
      p[t] = (t == 0 ? 1.0 : p[t - 1]) * Math.exp(newLogp[t]) / old[t];
    }
    double vPrev = 0;
    double vStep = 0;
    double g = 1;
    if (name.equals("wis")) {
      for (int t = 0; t < p.length; t++) {
        if (t >= filterValues.size()) {
          filterValues.add(p[t]);
          filterCounts.add(1.0);
        } else {
          filterValues.set(t, filterValues.get(t) + p[t]);
          filterCounts.set(t, filterCounts.get(t) + 1.0);
        }
      }
    }
    for (int t = 0; t < n - 1; t++) {
      vPrev += rewards[t] * g;
      double rho = name.equals("wis") ? p[t] / (filterValues.get(t) / filterCounts.get(t)) : p[t];
      vStep += rho * rewards[t] * g;
      g *= gamma;
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("V_prev", vPrev);
    m.put(name.equals("wis") ? "V_step_WIS" : "V_step_IS", vStep);
    m.put("V_gain_est", vStep / Math.max(1e-8, vPrev));
    return new Estimate(name, m);
  }

  private static float[] behaviourProbs(SampleBatch b) {
    if (b.has("action_prob")) {
      return b.floats("action_prob");
    }
    if (b.has(SampleBatch.ACTION_LOGP)) {
      float[] l = b.floats(SampleBatch.ACTION_LOGP);
      float[] p = new float[l.length];
      for (int i = 0; i < l.length; i++) {
        p[i] = (float) Math.exp(l[i]);
      }
      return p;
    }
    throw new IllegalArgumentException("off-policy estimation needs the behaviour policy's action probabilities"
        + " (column action_prob or action_logp) in the input; set \"input_evaluation\": [] to disable it");
  }

  /** The estimates since the last call. */
  public List<Estimate> poll() {
    List<Estimate> out = estimates;
    estimates = new ArrayList<>();
    return out;
  }

  /** Averages estimates by estimator name and key (RLlib's {@code off_policy_estimator} result). */
  public static Map<String, Object> summarize(List<Estimate> all) {
    Map<String, Map<String, double[]>> acc = new LinkedHashMap<>();
    for (Estimate e : all) {
      Map<String, double[]> m = acc.computeIfAbsent(e.name(), k -> new LinkedHashMap<>());
      e.metrics().forEach((k, v) -> {
        double[] s = m.computeIfAbsent(k, x -> new double[2]);
        s[0] += v;
        s[1]++;
      });
    }
    Map<String, Object> out = new LinkedHashMap<>();
    acc.forEach((name, m) -> {
      Map<String, Double> means = new LinkedHashMap<>();
      m.forEach((k, s) -> means.put(k, s[0] / s[1]));
      out.put(name, means);
    });
    return out;
  }
}
