package io.tune4j.rllib.evaluation;

import io.tune4j.rllib.agents.Callbacks;
import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.VectorEnv;
import io.tune4j.rllib.models.Preprocessor;
import io.tune4j.rllib.policy.ActionOutput;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import io.tune4j.rllib.util.DeveloperApi;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.logging.Logger;

/**
 * Collects experience by running a policy in a vector env (RLlib's {@code SyncSampler} and {@code
 * _env_runner}): one batched {@code policy.computeActions} per step for all envs, per-episode
 * trajectory fragments postprocessed by the policy, episode callbacks and metrics.
 *
 * <pre>{@code
 * Sampler s = new Sampler(env, policy, Preprocessors.get(env.observationSpace()),
 *     new NoFilter(), Callbacks.NONE, SamplerConfig.defaults());
 * SampleBatch batch = s.sample();                 // 200 * numEnvs rows
 * List<EpisodeMetrics> done = s.pollMetrics();
 * }</pre>
 *
 * <p>Each new observation is preprocessed, then filtered with {@code update=true}; the {@code obs}
 * and {@code new_obs} columns and the policy's input hold these filtered rows. A fragment ends
 * when its episode ends or the batch is cut; it is postprocessed with {@code terminated=true} only
 * if the env terminated, and with {@code false} (bootstrap) if it was cut by the batch, the
 * horizon or the env's time limit. The {@code dones} column is 1 on the last row of every ended
 * episode, whatever the reason. Episodes continue across {@code sample()} calls.
 *
 * <p>Threading: single-threaded; all methods must be called from the thread that owns the sampler
 * (a rollout worker actor's). The env, policy and filter must not be used concurrently.
 */
@DeveloperApi
public final class Sampler {
  private static final Logger LOG = Logger.getLogger(Sampler.class.getName());

  private final VectorEnv env;
  private final Policy policy;
  private final Preprocessor preprocessor;
  private final ObservationFilter filter;
  private final Callbacks callbacks;
  private final SamplerConfig config;

  private final int numEnvs;
  private final int rawSize;
  private final int obsSize;
  private final int actionSize;
  private final int horizon; // 0 = none
  private final boolean clipRewards;
  private final double[] clipLow; // null = no action clipping
  private final double[] clipHigh;
  private final SplittableRandom idRandom;

  private final float[] obs; // current filtered observations, policy input
  private final float[] newObs; // scratch row
  private final double[] sendActions;
  private final Episode[] episodes;
  private final FragmentCollector fragments;
  private final List<SampleBatch> ready = new ArrayList<>();
  private int readyRows;
  private boolean started;
  private boolean warnedLongEpisodes;

  private List<EpisodeMetrics> finished = new ArrayList<>();
  private final PerfCounters perf = new PerfCounters();
  private long totalSteps;

  /**
   * Creates a sampler; the envs are reset at the first {@link #sample()}.
   *
   * @param env the envs to run
   * @param policy computes actions and postprocesses fragments
   * @param preprocessor for the env's observation space; {@code rawSize()} must equal {@code
   *     env.observationSize()} and {@code size()} the policy's {@code observationSize()}
   * @param filter observation filter applied after preprocessing
   * @param callbacks episode hooks ({@link Callbacks#NONE} for none)
   * @param config sampling settings
   * @throws IllegalArgumentException if the sizes of env, preprocessor and policy disagree
   */
  public Sampler(VectorEnv env, Policy policy, Preprocessor preprocessor,
      ObservationFilter filter, Callbacks callbacks, SamplerConfig config) {
    this.env = env;
    this.policy = policy;
    this.preprocessor = preprocessor;
    this.filter = filter;
    this.callbacks = callbacks == null ? Callbacks.NONE : callbacks;
    this.config = config;
    numEnvs = env.numEnvs();
    rawSize = env.observationSize();
    obsSize = preprocessor.size();
    actionSize = env.actionSize();
    if (preprocessor.rawSize() != rawSize) {
      throw new IllegalArgumentException("Sampler: preprocessor reads raw rows of width "
          + preprocessor.rawSize() + " but env.observationSize() is " + rawSize);
    }
    if (policy.observationSize() != obsSize) {
      throw new IllegalArgumentException("Sampler: policy.observationSize() is "
          + policy.observationSize() + " but the preprocessor produces rows of width " + obsSize);
    }
    if (policy.actionSize() != actionSize) {
      throw new IllegalArgumentException("Sampler: policy.actionSize() is " + policy.actionSize()
          + " but env.actionSize() is " + actionSize);
    }
    if (filter instanceof MeanStdFilter m && m.size() != obsSize) {
      throw new IllegalArgumentException("Sampler: observation_filter has width " + m.size()
          + " but preprocessed observations have width " + obsSize);
    }
    horizon = config.horizon() == null ? 0 : config.horizon();
    clipRewards = Boolean.TRUE.equals(config.clipRewards());
    if (config.clipActions() && env.actionSpace() instanceof Box box) {
      clipLow = box.low();
      clipHigh = box.high();
    } else {
      clipLow = null;
      clipHigh = null;
    }
    long seedBase = config.seed() == null ? System.nanoTime() ^ System.identityHashCode(this)
        : config.seed() ^ (0x9E3779B97F4A7C15L * (config.workerIndex() + 1));
    SplittableRandom root = new SplittableRandom(seedBase);
    if (config.seed() != null) {
      for (int i = 0; i < numEnvs; i++) {
        env.env(i).seed(root.nextLong());
      }
    }
    idRandom = root.split();
    obs = new float[numEnvs * obsSize];
    newObs = new float[obsSize];
    sendActions = new double[numEnvs * actionSize];
    episodes = new Episode[numEnvs];
    fragments = new FragmentCollector(numEnvs, obsSize, actionSize);
    fragments.setPolicyName(policy.getClass().getSimpleName());
  }

  /**
   * Runs the envs and returns the postprocessed experience: exactly {@code sampleBatchSize *
   * numEnvs} rows in truncate_episodes mode; at least that many, all from finished episodes, in
   * complete_episodes mode. Calls {@link Callbacks#onSampleEnd} on the batch before returning.
   */
  public SampleBatch sample() {
    if (!started) {
      start();
    }
    int target = config.sampleBatchSize() * numEnvs;
    if (config.completeEpisodes()) {
      long warnAt = Math.max(1000L, 10L * config.sampleBatchSize());
      for (long steps = 1; readyRows < target; steps++) {
        step();
        if (steps == warnAt && !warnedLongEpisodes) {
          warnedLongEpisodes = true;
          LOG.warning("complete_episodes: " + steps + " steps of " + numEnvs + " envs in one"
              + " sample() and only " + readyRows + " of " + target + " rows from finished"
              + " episodes; if episodes never end, set `horizon` or use truncate_episodes");
        }
      }
    } else {
      for (int s = 0; s < config.sampleBatchSize(); s++) {
        step();
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < numEnvs; i++) {
        if (fragments.rows(i) > 0) {
          finishFragment(i, false);
        }
      }
      perf.processingNs += System.nanoTime() - t0;
    }
    SampleBatch batch = ready.size() == 1 ? ready.get(0) : SampleBatch.concat(ready);
    ready.clear();
    readyRows = 0;
    callbacks.onSampleEnd(batch);
    return batch;
  }

  private void start() {
    long t0 = System.nanoTime();
    env.resetAll();
    long t1 = System.nanoTime();
    started = true; // only once the reset succeeded, so a failed reset is retried, not misreported
    for (int i = 0; i < numEnvs; i++) {
      startEpisode(i);
    }
    perf.envWaitNs += t1 - t0;
    perf.processingNs += System.nanoTime() - t1;
  }

  /** Starts a new episode on env {@code i} from its row of {@code env.observations()}. */
  private void startEpisode(int i) {
    double[] raw = env.observations();
    int off = i * obsSize;
    preprocessor.transformRow(raw, i * rawSize, obs, off);
    filter.apply(obs, off, true);
    Episode ep = new Episode(idRandom.nextLong() & Long.MAX_VALUE, i, obsSize, rawSize,
        actionSize);
    ep.setLastObservation(obs, off, raw, i * rawSize);
    episodes[i] = ep;
    callbacks.onEpisodeStart(ep, env);
  }

  /** One step of every env. */
  private void step() {
    long t0 = System.nanoTime();
    ActionOutput out = policy.computeActions(obs, numEnvs, config.explore());
    long t1 = System.nanoTime();
    double[] actions = out.actions();
    if (actions == null || actions.length != numEnvs * actionSize) {
      throw new IllegalStateException(policy.getClass().getSimpleName()
          + ".computeActions returned " + (actions == null ? "null" : actions.length + " values")
          + " for " + numEnvs + " rows of action size " + actionSize);
    }
    double[] send = actions;
    if (clipLow != null) {
      send = sendActions;
      for (int i = 0, k = 0; i < numEnvs; i++) {
        for (int j = 0; j < actionSize; j++, k++) {
          double a = actions[k];
          send[k] = a < clipLow[j] ? clipLow[j] : (a > clipHigh[j] ? clipHigh[j] : a);
        }
      }
    }
    long t2 = System.nanoTime();
    env.step(send);
    long t3 = System.nanoTime();
    long resetNs = processObservations(actions, out);
    long t4 = System.nanoTime();
    perf.inferenceNs += t1 - t0;
    perf.envWaitNs += t3 - t2 + resetNs;
    perf.processingNs += (t2 - t1) + (t4 - t3) - resetNs;
    perf.steps++;
    totalSteps += numEnvs;
  }

  /** Records the step of every env; returns the nanoseconds spent in horizon resets. */
  private long processObservations(double[] actions, ActionOutput out) {
    double[] raw = env.observations();
    double[] terminal = env.terminalObservations();
    double[] rewards = env.rewards();
    boolean[] dones = env.dones();
    boolean[] truncated = env.truncated();
    fragments.bindExtras(out.extras(), numEnvs);
    long resetNs = 0;
    for (int i = 0; i < numEnvs; i++) {
      Episode ep = episodes[i];
      boolean done = dones[i];
      double[] src = done ? terminal : raw;
      int rawOff = i * rawSize;
      preprocessor.transformRow(src, rawOff, newObs, 0);
      filter.apply(newObs, 0, true);
      double reward = rewards[i];
      ep.recordStep(actions, i * actionSize, reward, null);
      ep.setLastObservation(newObs, 0, src, rawOff);
      boolean hitHorizon = !done && horizon > 0 && ep.length() >= horizon;
      boolean ended = done || hitHorizon;
      fragments.addRow(i, ep, obs, actions, reward, ended, newObs);
      callbacks.onEpisodeStep(ep, env);
      if (ended) {
        // RLlib 2019 ends an episode cut by its time limit like a terminal one (value 0);
        // no_done_at_end bootstraps it from V(last observation) instead.
        finishFragment(i, done && !(truncated[i] && config.noDoneAtEnd()));
        callbacks.onEpisodeEnd(ep, env);
        finished.add(ep.metrics()); // after the hook, which may set custom metrics
        if (hitHorizon) {
          long r0 = System.nanoTime();
          env.resetAt(i);
          resetNs += System.nanoTime() - r0;
        }
        startEpisode(i);
      } else {
        System.arraycopy(newObs, 0, obs, i * obsSize, obsSize);
      }
    }
    return resetNs;
  }

  /** Postprocesses env {@code i}'s buffered fragment and queues it for the batch. */
  private void finishFragment(int i, boolean terminated) {
    SampleBatch fragment = fragments.take(i);
    if (clipRewards) {
      float[] r = fragment.floats(SampleBatch.REWARDS);
      for (int k = 0; k < r.length; k++) {
        r[k] = Math.signum(r[k]);
      }
    }
    SampleBatch post = policy.postprocessTrajectory(fragment, terminated);
    callbacks.onPostprocessTraj(episodes[i], post);
    ready.add(post);
    readyRows += post.count();
  }

  /** Metrics of the episodes finished since the last call (the list is handed over). */
  public List<EpisodeMetrics> pollMetrics() {
    List<EpisodeMetrics> out = finished;
    finished = new ArrayList<>();
    return out;
  }

  /** Timings per vector step since the last call, then resets them. */
  public SamplerPerf pollPerf() {
    return perf.poll();
  }


  /** Env steps taken since creation (rows produced, including rows still buffered). */
  public long totalSteps() {
    return totalSteps;
  }

  /** The vector env (for {@code foreachEnv}). */
  public VectorEnv env() {
    return env;
  }

  /** The policy. */
  public Policy policy() {
    return policy;
  }

  /** The observation filter (synchronise it through its byte[] state methods). */
  public ObservationFilter filter() {
    return filter;
  }

  /** The sampling settings. */
  public SamplerConfig config() {
    return config;
  }
}
