package io.tune4j.rllib.agents.ddpg;

import io.tune4j.rllib.agents.dqn.QLearningPolicy;
import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.exploration.GaussianNoise;
import io.tune4j.rllib.exploration.LinearSchedule;
import io.tune4j.rllib.exploration.OrnsteinUhlenbeckNoise;
import io.tune4j.rllib.models.ActorCriticNetworks;
import io.tune4j.rllib.models.Model;
import io.tune4j.rllib.models.Preprocessors;
import io.tune4j.rllib.optimizers.PrioritizedReplayBuffer;
import io.tune4j.rllib.optimizers.SyncReplayOptimizer;
import io.tune4j.rllib.policy.ActionOutput;
import io.tune4j.rllib.policy.ConfigReader;
import io.tune4j.rllib.policy.FloatArrays;
import io.tune4j.rllib.policy.SampleBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Deep Deterministic Policy Gradient (Lillicrap et al. 2016) with TD3's options (Fujimoto et al.
 * 2018: {@code twin_q}, {@code policy_delay}, {@code smooth_target_policy}) as RLlib 2019's {@code
 * DDPGTFPolicy}. Losses on a replayed batch:
 *
 * <pre>
 *   y      = r + γⁿ (1 − d) Q'(s', μ'(s'))            (min of the twin targets with twin_q)
 *   critic = mean( w · ℓ(Q(s, a) − y) ),  ℓ = ½x² or Huber(δ = huber_threshold)
 *   actor  = −mean( Q(s, μ(s)) )
 * </pre>
 *
 * <p>plus {@code l2_reg · ½ · Σ W²/2} on each network's weight matrices, as RLlib. Both gradients
 * use the networks before the step; the critic steps every time, the actor every {@code
 * policy_delay} steps. Exploration adds {@link OrnsteinUhlenbeckNoise} (scaled by {@code
 * exploration_ou_noise_scale} and the action range; one process per row, so each env of a vector
 * keeps its own, where RLlib 2019 shared one across a batch) or {@link GaussianNoise}, times the
 * current scale; during the first {@code pure_exploration_steps} actions are uniform in the box. Postprocessing is DQN's (n-step, termination-only dones,
 * priorities).
 */
public class DdpgPolicy implements QLearningPolicy {
  private final Space observationSpace;
  private final Box actionSpace;
  private final ConfigReader config;
  private final Map<String, Object> rawConfig;
  private final int obsSize;
  private final int actSize;
  private final double[] low;
  private final double[] high;
  private final ActorCriticNetworks online;
  private final ActorCriticNetworks target;
  private final Random rng;
  private final double gamma;
  private final int nStep;
  private final double tau;
  private final boolean useHuber;
  private final double huber;
  private final double l2;
  private final double gradClip;
  private final int policyDelay;
  private final boolean smoothTarget;
  private final boolean gaussian;
  private final boolean workerSidePrioritization;
  private final int workerIndex;
  private final io.tune4j.rllib.exploration.ActionNoise noise;
  private double noiseScale = 1.0;
  private boolean pureExploration;
  private long learnSteps;

  /**
   * Creates the policy.
   *
   * @throws IllegalArgumentException if the action space is not a bounded Box
   */
  public DdpgPolicy(Space observationSpace, Space actionSpace, Map<String, Object> config) {
    this(observationSpace, actionSpace, config, DataType.FLOAT);
  }

  DdpgPolicy(Space obs, Space act, Map<String, Object> config, DataType dataType) {
    if (!(act instanceof Box box)) {
      throw new IllegalArgumentException("DDPG needs a Box action space, got " + act + "; for Discrete actions use DQN");
    }
    this.observationSpace = obs;
    this.actionSpace = box;
    this.rawConfig = config;
    this.config = new ConfigReader(config, "DDPG");
    this.obsSize = Preprocessors.get(obs).size();
    this.actSize = box.flatSize();
    this.low = box.low();
    this.high = box.high();
    long seed = this.config.has("seed") ? this.config.getLong("seed") : new Random().nextLong();
    this.rng = new Random(seed ^ 0x5DEECE66DL);
    this.gamma = this.config.getDouble("gamma");
    this.nStep = this.config.getInt("n_step");
    this.tau = this.config.getDouble("tau");
    this.useHuber = this.config.getBool("use_huber");
    this.huber = this.config.getDouble("huber_threshold");
    this.l2 = this.config.has("l2_reg") ? this.config.getDouble("l2_reg") : 0;
    this.gradClip = this.config.has("grad_norm_clipping") ? this.config.getDouble("grad_norm_clipping") : 0;
    this.policyDelay = this.config.getInt("policy_delay");
    this.smoothTarget = this.config.getBool("smooth_target_policy");
    this.gaussian = "gaussian".equals(this.config.getString("exploration_noise_type"));
    this.workerSidePrioritization = this.config.getBool("worker_side_prioritization");
    this.workerIndex = this.config.has("worker_index") ? this.config.getInt("worker_index") : 0;
    List<Integer> ah = this.config.getIntList("actor_hiddens");
    List<Integer> ch = this.config.getIntList("critic_hiddens");
    String aa = this.config.getString("actor_hidden_activation");
    String ca = this.config.getString("critic_hidden_activation");
    boolean twin = this.config.getBool("twin_q");
    double alr = this.config.getDouble("actor_lr");
    double clr = this.config.getDouble("critic_lr");
    Random init = new Random(seed);
    online = new ActorCriticNetworks(obsSize, box, ah, aa, ch, ca, twin, alr, clr, init, dataType);
    target = new ActorCriticNetworks(obsSize, box, ah, aa, ch, ca, twin, alr, clr, init, dataType);
    target.setParams(online.params()); // RLlib: update_target(tau=1.0)
    double ouScale = this.config.getDouble("exploration_ou_noise_scale");
    noise = gaussian
        ? new GaussianNoise(this.config.getDouble("exploration_gaussian_sigma"), new LinearSchedule(1, 1, 0), low, high)
        : new OrnsteinUhlenbeckNoise(this.config.getDouble("exploration_ou_theta"),
            this.config.getDouble("exploration_ou_sigma"), new LinearSchedule(ouScale, ouScale, 0), low, high);
    onGlobalVarUpdate(0);
  }

  @Override
  public Space observationSpace() {
    return observationSpace;
  }

  @Override
  public Space actionSpace() {
    return actionSpace;
  }

  @Override
  public int observationSize() {
    return obsSize;
  }

  @Override
  public int actionSize() {
    return actSize;
  }

  /** The online networks. */
  public ActorCriticNetworks networks() {
    return online;
  }

  /** The current exploration-noise scale. */
  public double noiseScale() {
    return noiseScale;
  }

  /** μ(s), plus exploration noise (or uniform actions in the pure-exploration phase). */
  @Override
  public ActionOutput computeActions(float[] obs, int n, boolean explore) {
    float[] det = online.act(obs, n);
    double[] actions = new double[n * actSize];
    if (!explore || noiseScale <= 0) {
      for (int i = 0; i < actions.length; i++) {
        actions[i] = det[i];
      }
      return new ActionOutput(actions, Map.of());
    }
    if (pureExploration) {
      for (int i = 0; i < actions.length; i++) {
        int j = i % actSize;
        actions[i] = low[j] + rng.nextDouble() * (high[j] - low[j]);
      }
      return new ActionOutput(actions, Map.of());
    }
    noise.perturb(det, n, noiseScale, rng);
    for (int i = 0; i < actions.length; i++) {
      actions[i] = det[i];
    }
    return new ActionOutput(actions, Map.of());
  }

  /** DQN's postprocessing: n-step rewards, termination-only dones, initial priorities. */
  @Override
  public SampleBatch postprocessTrajectory(SampleBatch fragment, boolean terminated) {
    int len = fragment.count();
    io.tune4j.rllib.agents.dqn.NStepReturns.rewrite(fragment, terminated, nStep, gamma);
    float[] weights = new float[len];
    java.util.Arrays.fill(weights, 1f);
    if (workerSidePrioritization && len > 0) {
      float[] td = computeTdError(fragment);
      double eps = config.getDouble("prioritized_replay_eps");
      for (int i = 0; i < len; i++) {
        weights[i] = (float) (Math.abs(td[i]) + eps);
      }
    }
    return fragment.putFloats(PrioritizedReplayBuffer.WEIGHTS, 1, weights);
  }

  /** The Bellman targets of a batch from the target networks. */
  private double[] targets(SampleBatch b) {
    int n = b.count();
    float[] newObs = b.floats(SampleBatch.NEW_OBS);
    float[] a2 = target.act(newObs, n);
    if (smoothTarget) {
      double sd = config.getDouble("target_noise");
      double clip = config.getDouble("target_noise_clip");
      for (int i = 0; i < a2.length; i++) {
        int j = i % actSize;
        double e = Math.max(-clip, Math.min(clip, sd * rng.nextGaussian()));
        a2[i] = (float) Math.max(low[j], Math.min(high[j], a2[i] + e));
      }
    }
    float[] q2 = target.q(target.critic(), newObs, a2, n);
    if (target.twin() != null) {
      float[] t2 = target.q(target.twin(), newObs, a2, n);
      for (int r = 0; r < n; r++) {
        q2[r] = Math.min(q2[r], t2[r]);
      }
    }
    float[] rewards = b.floats(SampleBatch.REWARDS);
    float[] dones = b.floats(SampleBatch.DONES);
    double discount = Math.pow(gamma, nStep);
    double[] y = new double[n];
    for (int r = 0; r < n; r++) {
      y[r] = rewards[r] + discount * (1.0 - dones[r]) * q2[r];
    }
    return y;
  }

  /** TD errors of a batch without learning (with twin_q, the sum of both critics' errors). */
  public float[] computeTdError(SampleBatch b) {
    int n = b.count();
    double[] y = targets(b);
    float[] obs = b.floats(SampleBatch.OBS);
    float[] act = b.floats(SampleBatch.ACTIONS);
    float[] q = online.q(online.critic(), obs, act, n);
    float[] tq = online.twin() == null ? null : online.q(online.twin(), obs, act, n);
    float[] td = new float[n];
    for (int r = 0; r < n; r++) {
      td[r] = (float) (q[r] - y[r] + (tq == null ? 0 : tq[r] - y[r]));
    }
    return td;
  }

  /**
   * One step of critic (and, every {@code policy_delay} steps, actor) learning; stats {@code
   * mean_q, max_q, min_q, critic_loss, actor_loss} and the per-row {@code td_error}.
   */
  @Override
  public Map<String, Object> learnOnBatch(SampleBatch batch) {
    Map<String, Object> stats = gradients(batch);
    for (Model m : online.parts()) {
      if (m != online.actor() || learnSteps % policyDelay == 0) {
        m.applyGradient();
      }
    }
    learnSteps++;
    return stats;
  }

  private Map<String, Object> gradients(SampleBatch b) {
    int n = b.count();
    float[] obs = b.floats(SampleBatch.OBS);
    float[] act = b.floats(SampleBatch.ACTIONS);
    float[] w = b.has(PrioritizedReplayBuffer.BATCH_INDEXES) ? b.floats(PrioritizedReplayBuffer.WEIGHTS) : null;
    double[] y = targets(b);
    double actorLoss = online.actorGradient(obs, n); // before the critic's pending gradient is set
    float[] x = online.criticInput(obs, act, n);
    float[] td = new float[n];
    double[] qs = {0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    double criticLoss = criticGradient(online.critic(), x, n, y, w, td, qs);
    if (online.twin() != null) {
      criticLoss += criticGradient(online.twin(), x, n, y, w, td, null);
    }
    for (Model m : online.parts()) {
      if (l2 > 0) {
        m.addWeightDecay(l2 / 2); // RLlib: l2_reg * 0.5 * tf.nn.l2_loss(W)
      }
      if (gradClip > 0) {
        m.clipGradientPerVariable(gradClip);
      }
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("mean_q", qs[0] / n);
    stats.put("max_q", qs[1]);
    stats.put("min_q", qs[2]);
    stats.put("critic_loss", criticLoss);
    stats.put("actor_loss", actorLoss);
    stats.put(SyncReplayOptimizer.TD_ERROR, td);
    return stats;
  }

  private double criticGradient(Model critic, float[] x, int n, double[] y, float[] w, float[] td, double[] qs) {
    double[] loss = new double[1];
    critic.computeGradient(x, n, (out, rows, width, grad) -> {
      double l = 0;
      for (int r = 0; r < rows; r++) {
        double q = out[r];
        double e = q - y[r];
        td[r] += (float) e;
        double wt = w == null ? 1.0 : w[r];
        double a = Math.abs(e);
        if (useHuber) {
          l += wt * (a < huber ? 0.5 * e * e : huber * (a - 0.5 * huber));
          grad[r] = wt * (a < huber ? e : huber * Math.signum(e)) / rows;
        } else {
          l += wt * 0.5 * e * e;
          grad[r] = wt * e / rows;
        }
        if (qs != null) {
          qs[0] += q;
          qs[1] = Math.max(qs[1], q);
          qs[2] = Math.min(qs[2], q);
        }
      }
      loss[0] = l / rows;
      return loss[0];
    });
    return loss[0];
  }

  /** Sets the pure-exploration phase and the noise scale from the global timestep. */
  @Override
  public void onGlobalVarUpdate(long timestep) {
    pureExploration = timestep < config.getLong("pure_exploration_steps");
    noiseScale = DdpgConfig.noiseScale(rawConfig, workerIndex, timestep);
  }

  /** Sets the action-noise scale (0: deterministic actions, for evaluation). */
  @Override
  public void setEpsilon(double scale) {
    noiseScale = scale;
  }

  /** Polyak averaging of the target networks with {@code tau}. */
  @Override
  public void updateTarget() {
    target.softUpdateFrom(online, tau);
  }

  @Override
  public Gradients computeGradients(SampleBatch batch) {
    Map<String, Object> stats = gradients(batch);
    int total = 0;
    for (Model m : online.parts()) {
      total += m.numParams();
    }
    float[] flat = new float[total];
    int off = 0;
    for (Model m : online.parts()) {
      float[] g = m.gradient();
      System.arraycopy(g, 0, flat, off, g.length);
      off += g.length;
    }
    return new Gradients(flat, stats);
  }

  @Override
  public void applyGradients(Gradients gradients) {
    int off = 0;
    for (Model m : online.parts()) {
      m.setGradient(java.util.Arrays.copyOfRange(gradients.flat(), off, off + m.numParams()));
      off += m.numParams();
      m.applyGradient();
    }
  }

  /** Online parameters, plus the targets' with {@code worker_side_prioritization}. */
  @Override
  public byte[] getWeights() {
    return io.tune4j.rllib.agents.dqn.QLearningWeights.encode(online.params(), target.params(),
        workerSidePrioritization);
  }

  @Override
  public void setWeights(byte[] weights) {
    io.tune4j.rllib.agents.dqn.QLearningWeights.decode(weights, "DDPG", online::setParams, target::setParams);
  }

  /** Online and target parameters, Adam states, exploration state and the learn-step count. */
  @Override
  public byte[] getState() {
    List<Model> parts = online.parts();
    float[][] all = new float[3 + 2 * parts.size()][];
    all[0] = online.params();
    all[1] = target.params();
    all[2] = new float[] {(float) noiseScale, pureExploration ? 1f : 0f, learnSteps};
    for (int i = 0; i < parts.size(); i++) {
      all[3 + 2 * i] = parts.get(i).updaterState();
      all[4 + 2 * i] = new float[] {parts.get(i).iterations()};
    }
    return FloatArrays.encode(all);
  }

  @Override
  public void setState(byte[] state) {
    float[][] a = FloatArrays.decode(state, "DDPG state");
    List<Model> parts = online.parts();
    if (a.length != 3 + 2 * parts.size()) {
      throw new IllegalArgumentException("DDPG state must hold " + (3 + 2 * parts.size()) + " arrays, got " + a.length);
    }
    online.setParams(a[0]);
    target.setParams(a[1]);
    noiseScale = a[2][0];
    pureExploration = a[2][1] != 0;
    learnSteps = (long) a[2][2];
    for (int i = 0; i < parts.size(); i++) {
      parts.get(i).setUpdaterState(a[3 + 2 * i], (int) a[4 + 2 * i][0]);
    }
  }

  /** Writes actor and critic(s) in DL4J's ModelSerializer format. */
  @Override
  public void exportModel(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create export directory " + dir, e);
    }
    online.export(dir);
  }
}
