package io.tune4j.rllib.agents;

import io.tune4j.rllib.env.Env;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.env.StepResult;
import io.tune4j.rllib.evaluation.ObservationFilter;
import io.tune4j.rllib.models.Preprocessor;
import io.tune4j.rllib.models.Preprocessors;
import io.tune4j.rllib.policy.ActionOutput;
import io.tune4j.rllib.policy.Dl4jPolicy;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A single-threaded train loop for learning tests: samples one env with the policy (one action per
 * step), postprocesses every episode fragment with the policy, trains on each train batch and
 * tracks the mean reward of the last 100 episodes (RLlib's {@code metrics_smoothing_episodes}). It
 * stands in for the trainer + rollout worker so policies can be tested on their own.
 */
public final class PolicyLearningHarness {
  /** Outcome of a run. */
  public record Result(
      long steps, double seconds, double mean100, int iterations, boolean reached) {}

  private final Dl4jPolicy policy;
  private final Env env;
  private final Preprocessor pre;
  private final ObservationFilter filter; // null: none
  private final boolean completeEpisodes;
  private final int trainBatchSize;
  private final int obsSize;

  private final SampleBatch.Builder fragment = new SampleBatch.Builder();
  private final Deque<Double> last100 = new ArrayDeque<>();
  private float[] obs;
  private double episodeReward;
  private long t;
  private long epsId;
  private long steps;
  private int episodes;

  /**
   * @param completeEpisodes RLlib's {@code batch_mode: complete_episodes}; else {@code
   *     truncate_episodes} with batches of exactly {@code trainBatchSize} rows
   * @param filter an observation filter applied with update on, or null
   */
  public PolicyLearningHarness(
      Dl4jPolicy policy,
      String envId,
      long seed,
      boolean completeEpisodes,
      int trainBatchSize,
      ObservationFilter filter) {
    this.policy = policy;
    this.env = Envs.make(envId);
    env.seed(seed);
    this.pre = Preprocessors.get(env.observationSpace());
    this.filter = filter;
    this.completeEpisodes = completeEpisodes;
    this.trainBatchSize = trainBatchSize;
    this.obsSize = pre.size();
    resetEpisode();
  }

  private float[] observe(Object raw) {
    float[] row = new float[obsSize];
    pre.transform(raw, row, 0);
    if (filter != null) {
      filter.apply(row, 0, true);
    }
    return row;
  }

  private void resetEpisode() {
    obs = observe(env.reset());
    episodeReward = 0;
    t = 0;
    epsId++;
  }

  /** Collects one train batch. */
  public SampleBatch sample() {
    List<SampleBatch> parts = new ArrayList<>();
    int rows = 0;
    while (completeEpisodes ? rows < trainBatchSize : rows + fragment.count() < trainBatchSize) {
      ActionOutput out = policy.computeActions(obs, 1, true);
      int action = (int) out.actions()[0];
      StepResult sr = env.step(action);
      float[] next = observe(sr.observation());
      fragment.addFloats(SampleBatch.OBS, obsSize, obs, 0);
      fragment.addFloats(SampleBatch.NEW_OBS, obsSize, next, 0);
      fragment.addFloat(SampleBatch.ACTIONS, action);
      fragment.addFloat(SampleBatch.REWARDS, (float) sr.reward());
      fragment.addFloat(SampleBatch.DONES, sr.done() ? 1f : 0f);
      fragment.addLong(SampleBatch.EPS_ID, epsId);
      fragment.addLong(SampleBatch.T, t++);
      for (Map.Entry<String, float[]> e : out.extras().entrySet()) {
        fragment.addFloats(e.getKey(), e.getValue().length, e.getValue(), 0);
      }
      episodeReward += sr.reward();
      steps++;
      obs = next;
      if (sr.done()) {
        parts.add(policy.postprocessTrajectory(fragment.build(), !sr.truncated()));
        rows += parts.get(parts.size() - 1).count();
        fragment.clear();
        last100.addLast(episodeReward);
        if (last100.size() > 100) {
          last100.removeFirst();
        }
        episodes++;
        resetEpisode();
      }
    }
    if (!completeEpisodes && fragment.count() > 0 && rows < trainBatchSize) {
      parts.add(policy.postprocessTrajectory(fragment.build(), false)); // cut: bootstrap
      rows += parts.get(parts.size() - 1).count();
      fragment.clear();
    }
    return SampleBatch.concat(parts);
  }

  /** Mean reward of the last (up to) 100 episodes; NaN before the first. */
  public double mean100() {
    return last100.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** Trains until {@link #mean100()} reaches {@code bar} or {@code maxSteps} were sampled. */
  public Result train(String label, double bar, long maxSteps) {
    long t0 = System.nanoTime();
    int iter = 0;
    double learnSeconds = 0;
    while (steps < maxSteps) {
      SampleBatch batch = sample();
      policy.setTimestep(steps);
      long l0 = System.nanoTime();
      Map<String, Object> stats = policy.learnOnBatch(batch);
      learnSeconds += (System.nanoTime() - l0) / 1e9;
      iter++;
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "%s iter %d steps %d episodes %d mean100 %.1f time %.1fs (learn %.1fs) %s%n",
          label, iter, steps, episodes, mean100(), secs, learnSeconds, stats);
      if (mean100() >= bar) {
        System.out.printf("%s reached %.0f: %d steps, %.1f s%n", label, bar, steps, secs);
        return new Result(steps, secs, mean100(), iter, true);
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        "%s missed %.0f: mean100 %.1f after %d steps, %.1f s%n",
        label, bar, mean100(), steps, secs);
    return new Result(steps, secs, mean100(), iter, false);
  }
}
