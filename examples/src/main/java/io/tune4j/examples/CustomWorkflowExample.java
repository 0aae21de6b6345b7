package io.tune4j.examples;

import io.tune4j.rllib.agents.pg.PgPolicy;
import io.tune4j.rllib.agents.pg.PgTrainer;
import io.tune4j.rllib.evaluation.EpisodeMetrics;
import io.tune4j.rllib.evaluation.Metrics;
import io.tune4j.rllib.evaluation.SamplerPerf;
import io.tune4j.rllib.evaluation.WorkerMetrics;
import io.tune4j.rllib.evaluation.WorkerSet;
import io.tune4j.rllib.evaluation.WorkerSpec;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import io.tune4j.tune.trainable.TrainableFunction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fully customized training workflow from RLlib's building blocks ({@code bin/tune4j example
 * custom-workflow}), RLlib's {@code rollout_worker_custom_workflow.py}: no {@code Trainer}; a Tune
 * function builds a {@link WorkerSet} (a local worker holding the learning policy plus {@code
 * num_workers} rollout-worker actors) and runs its own loop: broadcast the weights, gather a batch
 * from every worker in parallel, learn on it with the local policy, report episode metrics.
 *
 * <p>Arguments: {@code --iterations N} (default 10), {@code --workers N} (default 1), {@code
 * --local-dir DIR}.
 */
public final class CustomWorkflowExample {
  private CustomWorkflowExample() {}

  /** The workflow: PG's policy on CartPole-v0, {@code num_iters} rounds. */
  static final TrainableFunction WORKFLOW =
      (config, reporter) -> {
        int numWorkers = ((Number) config.get("num_workers")).intValue();
        int numIters = ((Number) config.get("num_iters")).intValue();
        Map<String, Object> pgConfig = new LinkedHashMap<>();
        pgConfig.put("env", "CartPole-v0");
        pgConfig.put("num_workers", numWorkers);
        Map<String, Object> merged = new PgTrainer().mergeConfig(pgConfig); // defaults, checked
        WorkerSet workers =
            new WorkerSet(new WorkerSpec("PG", PgPolicy::new, merged, 0), numWorkers);
        Policy policy = workers.localWorker().getPolicy();
        try {
          for (int i = 0; i < numIters; i++) {
            workers.syncWeights(); // broadcast the weights to the rollout workers
            List<SampleBatch> batches =
                numWorkers > 0
                    ? workers.sampleRemote() // gather a batch from each worker, in parallel
                    : List.of(workers.localWorker().sampleBatch());
            SampleBatch batch = SampleBatch.concat(batches);
            Map<String, Object> stats = policy.learnOnBatch(batch); // improve the policy
            Map<String, Object> result = new LinkedHashMap<>(episodeMetrics(workers));
            result.put("timesteps_this_iter", batch.count());
            result.put("learner", stats);
            reporter.report(result);
          }
        } finally {
          workers.stop();
        }
      };

  /** RLlib's {@code collect_metrics}: the episodes every worker finished since the last call. */
  static Map<String, Object> episodeMetrics(WorkerSet workers) {
    List<EpisodeMetrics> episodes = new ArrayList<>();
    List<SamplerPerf> perfs = new ArrayList<>();
    for (WorkerMetrics m : workers.pollMetrics()) {
      episodes.addAll(m.episodes());
      perfs.add(m.perf());
    }
    return Metrics.summarizeEpisodes(episodes, episodes.size(), perfs);
  }

  /** Runs the example. */
  public static void main(String[] args) {
    ExampleArgs a =
        ExampleArgs.parse(
            "custom-workflow", args, Map.of("iterations", "10", "workers", "1", "local-dir", ""));
    TrialResult t =
        run(a.getInt("iterations"), a.getInt("workers"), a.getString("local-dir"), 2)
            .trials()
            .get(0);
    System.out.printf(
        "%s: episode_reward_mean %s after %s iterations, %s env steps%n",
        t.name(),
        t.lastResult().get("episode_reward_mean"),
        t.lastResult().get("training_iteration"),
        t.lastResult().get("timesteps_total"));
  }

  /** Runs the workflow as one Tune trial with 1 CPU plus one per worker. */
  static ExperimentAnalysis run(int iterations, int workers, String localDir, int verbose) {
    RunOptions options =
        RunOptions.of(WORKFLOW)
            .name("custom_workflow")
            .config(Map.of("num_workers", workers, "num_iters", iterations))
            .resourcesPerTrial(
                Map.of("cpu", 1, "extra_cpu", Tune.sampleFrom(spec -> spec.config("num_workers"))))
            .verbose(verbose);
    if (!localDir.isEmpty()) {
      options.localDir(Path.of(localDir));
    }
    return Tune.run(options);
  }
}
