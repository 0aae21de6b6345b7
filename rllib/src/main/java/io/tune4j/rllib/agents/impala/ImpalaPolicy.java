package io.tune4j.rllib.agents.impala;

import io.tune4j.rllib.agents.a3c.A3cPolicy;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.policy.ConfigReader;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IMPALA's policy (RLlib 2019's {@code VTraceTFPolicy}): A3C's summed actor-critic loss with
 * {@link VTrace} targets computed on the learner, from the behaviour policy's {@code action_logp}
 * recorded by the workers and the current network's log-likelihoods and values. With {@code vtrace:
 * false} it is A3C's policy: GAE advantages computed on the workers (RLlib picks {@code
 * A3CTFPolicy} then).
 *
 * <p>A train batch holds fragments of several workers and envs; each run of consecutive steps of
 * one episode is a V-trace segment, bootstrapped from V of its last {@code new_obs} unless the
 * episode ended there (RLlib lays batches out as [T, B] and drops each fragment's last step to
 * bootstrap; the segments keep every step).
 */
public class ImpalaPolicy extends A3cPolicy {
  private final boolean vtrace;
  private final double clipRho;
  private final double clipPgRho;
  private final double gamma;
  private final double gradClip;
  private final double[][] entropySchedule;
  private volatile double entropyCoeff;

  /** Creates the policy. */
  public ImpalaPolicy(Space observationSpace, Space actionSpace, Map<String, Object> config) {
    super(observationSpace, actionSpace, config, "IMPALA");
    ConfigReader c = this.config;
    this.vtrace = c.getBool("vtrace");
    this.clipRho = c.getDouble("vtrace_clip_rho_threshold");
    this.clipPgRho = c.getDouble("vtrace_clip_pg_rho_threshold");
    this.gamma = c.getDouble("gamma");
    this.gradClip = c.getDouble("grad_clip");
    this.entropySchedule = c.getSchedule("entropy_coeff_schedule");
    this.entropyCoeff = entropySchedule == null
        ? c.getDouble("entropy_coeff") : ConfigReader.scheduleValue(entropySchedule, 0);
  }

  @Override
  public SampleBatch postprocessTrajectory(SampleBatch fragment, boolean terminated) {
    return vtrace ? fragment : super.postprocessTrajectory(fragment, terminated);
  }

  @Override
  public void onGlobalVarUpdate(long timestep) {
    super.onGlobalVarUpdate(timestep);
    if (entropySchedule != null) {
      entropyCoeff = ConfigReader.scheduleValue(entropySchedule, timestep);
    }
  }

  @Override
  protected double entropyCoeff() {
    return entropyCoeff;
  }

  /**
   * One step on the batch; stats {@code cur_lr, policy_loss, entropy, grad_gnorm, var_gnorm,
   * vf_loss, vf_explained_var} (RLlib's IMPALA stats).
   */
  @Override
  public Map<String, Object> learnOnBatch(SampleBatch batch) {
    if (vtrace) {
      addVTraceTargets(batch);
    }
    BatchLoss loss = loss(batch);
    nets.computeGradient(batch.floats(SampleBatch.OBS), batch.count(), loss);
    double gnorm = nets.clipGradient(gradClip);
    nets.applyGradient();
    Map<String, Double> s = loss.stats();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cur_lr", curLr());
    out.put("policy_loss", s.get("policy_loss"));
    out.put("entropy", s.get("policy_entropy"));
    out.put("grad_gnorm", gnorm);
    out.put("var_gnorm", norm(nets.params()));
    out.put("vf_loss", s.get("vf_loss"));
    out.put("vf_explained_var", s.get("vf_explained_var"));
    return out;
  }

  private static double norm(float[] p) {
    double ss = 0;
    for (float x : p) {
      ss += (double) x * x;
    }
    return Math.sqrt(ss);
  }

  /**
   * Sets {@code advantages} and {@code value_targets} of {@code batch} to V-trace's A_t and v_t
   * under the current networks.
   */
  void addVTraceTargets(SampleBatch batch) {
    int n = batch.count();
    int k = dist.inputSize();
    int a = dist.actionSize();
    int obsSize = observationSize();
    float[] inputs = new float[n * k];
    float[] values = new float[n];
    nets.forward(batch.floats(SampleBatch.OBS), n, inputs, values);
    float[] actions = batch.floats(SampleBatch.ACTIONS);
    float[] behaviourLogp = batch.floats(SampleBatch.ACTION_LOGP);
    float[] logRhos = new float[n];
    for (int r = 0; r < n; r++) {
      logRhos[r] = (float) (dist.logp(inputs, r * k, actions, r * a) - behaviourLogp[r]);
    }
    float[] rewards = batch.floats(SampleBatch.REWARDS);
    float[] dones = batch.floats(SampleBatch.DONES);
    int[] starts = VTrace.segmentStarts(batch);
    int segments = starts.length - 1;
    // One forward pass for every segment's bootstrap observation.
    float[] newObs = batch.floats(SampleBatch.NEW_OBS);
    float[] lastObs = new float[segments * obsSize];
    for (int s = 0; s < segments; s++) {
      System.arraycopy(newObs, (starts[s + 1] - 1) * obsSize, lastObs, s * obsSize, obsSize);
    }
    float[] bootstrap = new float[segments];
    nets.forward(lastObs, segments, new float[segments * k], bootstrap);
    float[] discounts = new float[n];
    for (int r = 0; r < n; r++) {
      discounts[r] = dones[r] != 0 ? 0f : (float) gamma;
    }
    float[] vs = new float[n];
    float[] adv = new float[n];
    for (int s = 0; s < segments; s++) {
      int from = starts[s];
      int to = starts[s + 1];
      float[] vsSeg = new float[to - from];
      float[] advSeg = new float[to - from];
      VTrace.fromImportanceWeights(
          java.util.Arrays.copyOfRange(logRhos, from, to),
          java.util.Arrays.copyOfRange(discounts, from, to),
          java.util.Arrays.copyOfRange(rewards, from, to),
          java.util.Arrays.copyOfRange(values, from, to),
          bootstrap[s], clipRho, clipPgRho, vsSeg, advSeg);
      System.arraycopy(vsSeg, 0, vs, from, vsSeg.length);
      System.arraycopy(advSeg, 0, adv, from, advSeg.length);
    }
    batch.putFloats(SampleBatch.ADVANTAGES, 1, adv);
    batch.putFloats(SampleBatch.VALUE_TARGETS, 1, vs);
  }
}
