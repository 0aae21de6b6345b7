package io.tune4j.rllib.agents.dqn;

import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.exploration.EpsilonGreedy;
import io.tune4j.rllib.models.Categorical;
import io.tune4j.rllib.models.ModelCatalog;
import io.tune4j.rllib.models.QNetworks;
import io.tune4j.rllib.models.Preprocessors;
import io.tune4j.rllib.optimizers.PrioritizedReplayBuffer;
import io.tune4j.rllib.optimizers.SyncReplayOptimizer;
import io.tune4j.rllib.policy.ActionOutput;
import io.tune4j.rllib.policy.ConfigReader;
import io.tune4j.rllib.policy.FloatArrays;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Deep Q-learning as RLlib 2019's {@code DQNTFPolicy} ({@code agents/dqn/dqn_policy.py}) with
 * {@code num_atoms} 1: a {@link QNetworks} online network and a target copy, ε-greedy actions, and
 * the loss
 *
 * <pre>
 *   L = mean_i( w_i · huber( Q(s_i, a_i) − [ r_i + γⁿ (1 − d_i) Q'(s'_i, a*_i) ] ) )
 *   a*_i = argmax_a Q(s'_i, a)   (double_q; argmax of Q' otherwise)
 * </pre>
 *
 * <p>with w the prioritized-replay importance weights, Huber δ = 1, and each variable's gradient
 * clipped to norm {@code grad_norm_clipping}. Papers: Mnih et al. 2015 (DQN), van Hasselt et al.
 * 2016 (double Q), Wang et al. 2016 (dueling), Schaul et al. 2016 (prioritized replay).
 *
 * <p>Postprocessing rewrites each fragment for n-step returns as RLlib's {@code _adjust_nstep}:
 * {@code r_i += Σ_{j<n} γ^j r_{i+j}} and {@code new_obs_i, d_i} from row {@code i+n−1}, truncated
 * at the fragment's end. One deliberate difference: {@code d} is 1 only where the episode
 * terminated; an episode cut by the time limit or horizon bootstraps from Q' (RLlib 2019 masked
 * those too).
 */
public class DqnPolicy implements QLearningPolicy {
  private final Space observationSpace;
  private final Space actionSpace;
  private final ConfigReader config;
  private final int obsSize;
  private final int numActions;
  private final Categorical dist;
  private final QNetworks online;
  private final QNetworks target;
  private EpsilonGreedy exploration;
  private final Random rng;
  private final double gamma;
  private final int nStep;
  private final boolean doubleQ;
  private final boolean workerSidePrioritization;
  private final double prioritizedReplayEps;
  private final double gradClip;
  private final double[][] lrSchedule;
  private final Map<String, Object> rawConfig;
  private final int workerIndex;
  private double curLr;
  private double epsilon;

  /**
   * Creates the policy.
   *
   * @param config the merged config (common + {@link DqnConfig#DEFAULTS} + user)
   * @throws IllegalArgumentException if the action space is not Discrete
   */
  public DqnPolicy(Space observationSpace, Space actionSpace, Map<String, Object> config) {
    this(observationSpace, actionSpace, config, DataType.FLOAT);
  }

  DqnPolicy(Space obs, Space act, Map<String, Object> config, DataType dataType) {
    if (!(act instanceof Discrete d)) {
      throw new IllegalArgumentException(
          "DQN needs a Discrete action space, got " + act + "; for Box actions use DDPG");
    }
    this.observationSpace = obs;
    this.actionSpace = act;
    this.rawConfig = config;
    this.config = new ConfigReader(config, "DQN");
    this.obsSize = Preprocessors.get(obs).size();
    this.numActions = d.n();
    this.dist = new Categorical(numActions);
    long seed = this.config.has("seed") ? this.config.getLong("seed") : new Random().nextLong();
    this.rng = new Random(seed ^ 0x5DEECE66DL);
    this.gamma = this.config.getDouble("gamma");
    this.nStep = this.config.getInt("n_step");
    this.doubleQ = this.config.getBool("double_q");
    this.workerSidePrioritization = this.config.getBool("worker_side_prioritization");
    this.prioritizedReplayEps = this.config.getDouble("prioritized_replay_eps");
    this.gradClip = this.config.has("grad_norm_clipping") ? this.config.getDouble("grad_norm_clipping") : 0;
    this.curLr = this.config.getDouble("lr");
    this.lrSchedule = this.config.getSchedule("lr_schedule");
    this.workerIndex = this.config.has("worker_index") ? this.config.getInt("worker_index") : 0;
    Map<String, Object> model = ModelCatalog.resolve(this.config.getMap("model"));
    java.util.List<Integer> hiddens = this.config.getIntList("hiddens");
    boolean dueling = this.config.getBool("dueling");
    Random init = new Random(seed);
    online = new QNetworks(obsSize, numActions, model, hiddens, dueling, curLr, init, dataType);
    target = new QNetworks(obsSize, numActions, model, hiddens, dueling, curLr, init, dataType);
    target.setParams(online.params());
    epsilon = DqnConfig.epsilon(config, workerIndex, 0);
    exploration = EpsilonGreedy.constant(epsilon);
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
    return 1;
  }

  /** The online Q-network. */
  public QNetworks qNetworks() {
    return online;
  }

  /** The current ε. */
  public double epsilon() {
    return epsilon;
  }

  /** ε-greedy over the online Q-values; extras {@code q_values}. */
  @Override
  public ActionOutput computeActions(float[] obs, int n, boolean explore) {
    float[] q = new float[n * numActions];
    online.forward(obs, n, q);
    double[] actions = new double[n];
    float[] a = new float[1];
    for (int r = 0; r < n; r++) {
      exploration.action(dist, q, r * numActions, r, explore, rng, a, 0);
      actions[r] = a[0];
    }
    return new ActionOutput(actions, Map.of("q_values", q));
  }

  /** n-step returns and termination-only dones (see the class comment). */
  @Override
  public SampleBatch postprocessTrajectory(SampleBatch fragment, boolean terminated) {
    int len = fragment.count();
    NStepReturns.rewrite(fragment, terminated, nStep, gamma);
    float[] weights = new float[len];
    java.util.Arrays.fill(weights, 1f);
    if (workerSidePrioritization && len > 0) {
      float[] td = tdErrors(fragment);
      for (int i = 0; i < len; i++) {
        weights[i] = (float) (Math.abs(td[i]) + prioritizedReplayEps);
      }
    }
    return fragment.putFloats(PrioritizedReplayBuffer.WEIGHTS, 1, weights);
  }

  /**
   * TD errors {@code Q(s, a) − y} of a batch without learning (RLlib's {@code compute_td_error}, for
   * worker-side prioritization).
   */
  public float[] computeTdError(SampleBatch batch) {
    return tdErrors(batch);
  }

  /**
   * One Adam step on a replayed batch; stats {@code cur_lr, mean_q, min_q, max_q, mean_td_error}
   * and the per-row {@code td_error} (for priorities).
   */
  @Override
  public Map<String, Object> learnOnBatch(SampleBatch batch) {
    Gradients g = gradientsOf(batch);
    online.applyGradient();
    return g.stats();
  }

  @Override
  public void onGlobalVarUpdate(long timestep) {
    if (lrSchedule != null) {
      curLr = ConfigReader.scheduleValue(lrSchedule, timestep);
      online.setLearningRate(curLr);
    }
    setEpsilon(DqnConfig.epsilon(rawConfig, workerIndex, timestep));
  }

  /** Sets ε (the trainer's schedule; 0 for evaluation). */
  @Override
  public void setEpsilon(double eps) {
    if (eps != epsilon) {
      epsilon = eps;
      exploration = EpsilonGreedy.constant(eps);
    }
  }

  /** Copies the online network into the target network (RLlib's {@code update_target}). */
  @Override
  public void updateTarget() {
    target.setParams(online.params());
  }

  @Override
  public Gradients computeGradients(SampleBatch batch) {
    return gradientsOf(batch);
  }

  /** The Bellman targets {@code r + γⁿ (1 − d) Q'(s', a*)} of a batch. */
  private double[] targets(SampleBatch batch) {
    int n = batch.count();
    int k = numActions;
    float[] newObs = batch.floats(SampleBatch.NEW_OBS);
    float[] rewards = batch.floats(SampleBatch.REWARDS);
    float[] dones = batch.floats(SampleBatch.DONES);
    float[] qTarget = new float[n * k];
    target.forward(newObs, n, qTarget);
    float[] qOnline = null;
    if (doubleQ) {
      qOnline = new float[n * k];
      online.forward(newObs, n, qOnline);
    }
    double discount = Math.pow(gamma, nStep);
    double[] y = new double[n];
    for (int r = 0; r < n; r++) {
      float[] pick = doubleQ ? qOnline : qTarget;
      int best = 0;
      for (int j = 1; j < k; j++) {
        if (pick[r * k + j] > pick[r * k + best]) {
          best = j;
        }
      }
      y[r] = rewards[r] + discount * (1.0 - dones[r]) * qTarget[r * k + best];
    }
    return y;
  }

  private float[] tdErrors(SampleBatch batch) {
    int n = batch.count();
    double[] y = targets(batch);
    float[] q = new float[n * numActions];
    online.forward(batch.floats(SampleBatch.OBS), n, q);
    float[] actions = batch.floats(SampleBatch.ACTIONS);
    float[] td = new float[n];
    for (int r = 0; r < n; r++) {
      td[r] = (float) (q[r * numActions + (int) actions[r]] - y[r]);
    }
    return td;
  }

  private Gradients gradientsOf(SampleBatch batch) {
    int n = batch.count();
    int k = numActions;
    float[] obs = batch.floats(SampleBatch.OBS);
    float[] actions = batch.floats(SampleBatch.ACTIONS);
    // Prioritized replay sets the weights column to importance weights; rows straight from a
    // sampler carry their initial priorities there, which are not importance weights.
    float[] weights = batch.has(PrioritizedReplayBuffer.BATCH_INDEXES)
        ? batch.floats(PrioritizedReplayBuffer.WEIGHTS) : null;
    double[] y = targets(batch);
    float[] tdError = new float[n];
    double[] qStats = new double[3];
    online.computeGradient(obs, n, (q, rows, dq) -> {
      double loss = 0;
      double sumQ = 0;
      double minQ = Double.POSITIVE_INFINITY;
      double maxQ = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < rows; r++) {
        int a = (int) actions[r];
        double qa = q[r * k + a];
        double td = qa - y[r];
        tdError[r] = (float) td;
        double w = weights == null ? 1.0 : weights[r];
        double abs = Math.abs(td);
        loss += w * (abs < 1.0 ? 0.5 * td * td : abs - 0.5);
        dq[r * k + a] = w * (abs < 1.0 ? td : Math.signum(td)) / rows;
        sumQ += qa;
        minQ = Math.min(minQ, qa);
        maxQ = Math.max(maxQ, qa);
      }
      qStats[0] = sumQ / rows;
      qStats[1] = minQ;
      qStats[2] = maxQ;
      return loss / rows;
    });
    if (gradClip > 0) {
      online.clipGradientPerVariable(gradClip);
    }
    double meanTd = 0;
    for (float t : tdError) {
      meanTd += t;
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("cur_lr", curLr);
    stats.put("mean_q", qStats[0]);
    stats.put("min_q", qStats[1]);
    stats.put("max_q", qStats[2]);
    stats.put("mean_td_error", meanTd / n);
    stats.put(SyncReplayOptimizer.TD_ERROR, tdError);
    return new Gradients(online.gradient(), stats);
  }

  @Override
  public void applyGradients(Gradients gradients) {
    online.setGradient(gradients.flat());
    online.applyGradient();
  }

  /**
   * The online network's parameters, plus the target network's with {@code
   * worker_side_prioritization} (workers then compute TD errors; otherwise the target stays on the
   * learner).
   */
  @Override
  public byte[] getWeights() {
    return QLearningWeights.encode(online.params(), target.params(), workerSidePrioritization);
  }

  @Override
  public void setWeights(byte[] weights) {
    QLearningWeights.decode(weights, "DQN", online::setParams, target::setParams);
  }

  /** Online and target parameters, Adam state, learning rate and ε. */
  @Override
  public byte[] getState() {
    float[][] opt = online.optimizerState();
    float[][] all = new float[opt.length + 3][];
    all[0] = online.params();
    all[1] = target.params();
    all[2] = new float[] {(float) curLr, (float) epsilon};
    System.arraycopy(opt, 0, all, 3, opt.length);
    return FloatArrays.encode(all);
  }

  @Override
  public void setState(byte[] state) {
    float[][] a = FloatArrays.decode(state, "DQN state");
    if (a.length < 4) {
      throw new IllegalArgumentException("DQN state must hold at least 4 arrays, got " + a.length);
    }
    online.setParams(a[0]);
    target.setParams(a[1]);
    curLr = lrSchedule != null ? a[2][0] : config.getDouble("lr");
    online.setLearningRate(curLr);
    setEpsilon(a[2][1]);
    online.setOptimizerState(java.util.Arrays.copyOfRange(a, 3, a.length));
  }

  /** Writes the Q-network parts in DL4J's ModelSerializer format. */
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
