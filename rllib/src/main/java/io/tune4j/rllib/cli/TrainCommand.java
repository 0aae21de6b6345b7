package io.tune4j.rllib.cli;

import io.tune4j.tune.RunOptions;
import io.tune4j.tune.TrialsFailedException;
import io.tune4j.tune.Tune;
import io.tune4j.tune.TuneException;
import io.tune4j.tune.runtime.ActorRuntime;
import io.tune4j.tune.runtime.LocalRayCluster;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code rllib train}: RLlib's {@code train.py}. Builds one experiment from the flags (named by
 * {@code --experiment-name}, default {@code default}) or reads several from {@code -f FILE}, checks
 * them all, then runs them one after another with {@code Tune.run}.
 *
 * <pre>{@code
 * rllib train --run PPO --env CartPole-v0 --config '{"num_workers": 1}' \
 *     --stop '{"training_iteration": 5}'
 * rllib train -f tuned_examples/regression_tests/cartpole-ppo.yaml
 * }</pre>
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = "Train a reinforcement learning agent with Tune (RLlib's train.py).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rllib train --run PPO --env CartPole-v0",
      "  rllib train --run PG --env CartPole-v0 --config '{\"num_workers\": 0}' \\",
      "      --stop '{\"training_iteration\": 10}' --checkpoint-freq 5",
      "  rllib train --run PPO --env CartPole-v0 \\",
      "      --config '{\"lr\": {\"grid_search\": [0.01, 0.001]}}'",
      "  rllib train -f tuned_examples/regression_tests/cartpole-ppo.yaml",
      "  rllib train --run PPO --env CartPole-v0 --num-samples 4 \\",
      "      --scheduler AsyncHyperBand --scheduler-config \\",
      "      '{\"metric\": \"episode_reward_mean\", \"mode\": \"max\", \"max_t\": 20}'",
      "  rllib train --run PPO --env CartPole-v0 --checkpoint-freq 5 --resume",
      "",
      "Note that -f overrides all trial-specific options, as in RLlib: --run, --env,",
      "--config, --stop, --checkpoint-freq, --checkpoint-at-end, --num-samples,",
      "--local-dir, --experiment-name, --restore, --resources-per-trial,",
      "--max-failures, --keep-checkpoints-num and --checkpoint-score-attr are",
      "ignored with -f (a warning names them); -v, --seed, --resume, --scheduler,",
      "--scheduler-config and the --ray-* options still apply. The experiments of a file run one after",
      "another, in file order. Config values may be {\"grid_search\": [...]}.",
      "",
      "Results go to <local-dir>/<experiment-name>/<trial>/",
      "(default ~/ray_results/default/<trial>/).",
      "Exit codes: 0 done, 1 a trial failed, 2 usage or input error."
    })
public final class TrainCommand implements Callable<Integer> {
  /** The options {@code -f} overrides, by their first name. */
  static final List<String> TRIAL_OPTIONS =
      List.of(
          "--run",
          "--env",
          "--config",
          "--stop",
          "--checkpoint-freq",
          "--checkpoint-at-end",
          "--num-samples",
          "--local-dir",
          "--experiment-name",
          "--restore",
          "--resources-per-trial",
          "--max-failures",
          "--keep-checkpoints-num",
          "--checkpoint-score-attr");

  @Spec CommandSpec spec;
  @Mixin VerboseMixin verbose;

  @Option(
      names = "--run",
      paramLabel = "ALGO",
      description =
          "The algorithm to train: PPO, PG, ... (RLlib's names), or a trainable"
              + " registered with Tune.")
  String run;

  @Option(
      names = "--env",
      paramLabel = "ENV",
      description = "The environment id, e.g. CartPole-v0 (any id registered with Envs).")
  String env;

  @Mixin ConfigMixin config;

  @Option(
      names = "--stop",
      paramLabel = "JSON",
      converter = JsonObject.Converter.class,
      description =
          "Stopping criteria as JSON: a trial stops when any result key reaches its value,"
              + " e.g. '{\"time_total_s\": 600, \"training_iteration\": 100000}'.")
  JsonObject stop;

  @Option(
      names = {"-f", "--config-file"},
      paramLabel = "FILE",
      description =
          "Run the experiments of this YAML (or .json) file in RLlib's tuned-example"
              + " format; a name that is not a file is looked up on the classpath. Overrides the"
              + " trial-specific options (see below).")
  String configFile;

  @Option(
      names = "--checkpoint-freq",
      paramLabel = "N",
      defaultValue = "0",
      description = "Training iterations between checkpoints; 0 (default) disables checkpointing.")
  int checkpointFreq;

  @Option(names = "--checkpoint-at-end", description = "Checkpoint each trial when it finishes.")
  boolean checkpointAtEnd;

  @Option(
      names = "--num-samples",
      paramLabel = "N",
      defaultValue = "1",
      description = "Number of times to repeat each trial (default ${DEFAULT-VALUE}).")
  int numSamples;

  @Option(
      names = "--local-dir",
      paramLabel = "DIR",
      description = "Directory for results (default $TUNE_RESULT_DIR, else ~/ray_results).")
  String localDir;

  @Option(
      names = "--experiment-name",
      paramLabel = "NAME",
      defaultValue = "default",
      description = "Subdirectory of the local dir for results (default: ${DEFAULT-VALUE}).")
  String experimentName;

  @Option(
      names = "--restore",
      paramLabel = "CHECKPOINT",
      description = "Restore every trial from this checkpoint file before training.")
  String restore;

  @Option(
      names = "--resources-per-trial",
      paramLabel = "JSON",
      converter = JsonObject.Converter.class,
      description =
          "Override the resources of each trial as JSON, e.g. '{\"cpu\": 2, \"gpu\": 0}'."
              + " For RLlib, prefer num_workers and num_gpus in --config.")
  JsonObject resourcesPerTrial;

  @Option(
      names = "--max-failures",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Restart a failed trial from its latest checkpoint up to N times (default"
              + " ${DEFAULT-VALUE}).")
  int maxFailures;

  @Option(
      names = "--keep-checkpoints-num",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Keep only the best N checkpoints of each trial by --checkpoint-score-attr, plus the"
              + " newest (default 0: keep all).")
  int keepCheckpointsNum;

  @Option(
      names = "--checkpoint-score-attr",
      paramLabel = "ATTR",
      description =
          "The result key ranking checkpoints for --keep-checkpoints-num, higher is better;"
              + " prefix min- to minimize, e.g. min-mean_loss (default training_iteration).")
  String checkpointScoreAttr;

  @Option(
      names = "--resume",
      description =
          "Continue the experiment in <local-dir>/<experiment-name> from its newest experiment"
              + " state: finished trials stay finished, the others restart from their latest"
              + " checkpoints.")
  boolean resume;

  @Option(
      names = "--scheduler",
      paramLabel = "NAME",
      defaultValue = "FIFO",
      description =
          "The trial scheduler: FIFO (default), MedianStopping, HyperBand, AsyncHyperBand"
              + " (ASHA) or PBT.")
  String scheduler;

  @Option(
      names = "--scheduler-config",
      paramLabel = "JSON",
      converter = JsonObject.Converter.class,
      description =
          "The scheduler's arguments as JSON, with Tune's names, e.g. '{\"metric\":"
              + " \"episode_reward_mean\", \"mode\": \"max\", \"grace_period\": 5}'.")
  JsonObject schedulerConfig;

  @Option(
      names = "--queue-trials",
      description =
          "Queue trials that do not fit the cluster yet, for an autoscaler to make room: not"
              + " supported yet (Tune4j reads the cluster's resources once, at the start).")
  boolean queueTrials;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      description =
          "Seed for reproducible runs: sets config \"seed\" (weights, sampling, envs) and"
              + " seeds Tune's variant generation. Applies to -f experiments too.")
  Long seed;

  @Option(
      names = {"--ray-address", "--redis-address"},
      paramLabel = "ADDRESS",
      description =
          "Connect to an existing Ray cluster at this address (sets the ray.address"
              + " system property) instead of running Ray in this JVM (LOCAL mode).")
  String rayAddress;

  @Option(
      names = "--ray-num-nodes",
      paramLabel = "N",
      description =
          "Emulate N cluster nodes for debugging: starts a local Ray cluster of N nodes with"
              + " --ray-num-cpus CPUs each (default 1), runs on it and stops it (needs the"
              + " 'ray' command on the PATH).")
  Integer rayNumNodes;

  @Option(
      names = "--ray-num-cpus",
      paramLabel = "N",
      description = "CPUs Tune may use when it runs Ray in this JVM (default: all cores).")
  Integer rayNumCpus;

  @Option(
      names = "--ray-num-gpus",
      paramLabel = "N",
      description = "GPUs Tune may use when it runs Ray in this JVM (default 0).")
  Integer rayNumGpus;

  /** For picocli. */
  public TrainCommand() {}

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    String me = spec.qualifiedName();
    List<Map.Entry<String, RunOptions>> plan = new ArrayList<>();
    try {
      if (configFile != null) {
        warnIgnored(err, me);
        ExperimentFile file = ExperimentFile.read(configFile);
        for (Map.Entry<String, Map<String, Object>> e : file.experiments().entrySet()) {
          Map<String, Object> s = withSeed(e.getValue());
          plan.add(Map.entry(e.getKey(), ExperimentCheck.check(e.getKey(), s, file)));
        }
      } else {
        plan.add(
            Map.entry(
                experimentName,
                ExperimentCheck.check(experimentName, withSeed(fromFlags()), null)));
      }
    } catch (IllegalArgumentException | TuneException e) {
      return verbose.fail(err, me, e.getMessage(), e, 2);
    }
    if (queueTrials) {
      return verbose.fail(err, me, "--queue-trials is not supported yet: Tune4j reads the cluster's"
          + " resources once, at the start, and has no autoscaler to wait for", null, 2);
    }
    try {
      newScheduler(); // checks --scheduler and --scheduler-config before Ray starts
    } catch (IllegalArgumentException e) {
      return verbose.fail(err, me, e.getMessage(), e, 2);
    }
    if (rayNumNodes != null && rayNumNodes < 1) {
      return verbose.fail(err, me, "--ray-num-nodes must be at least 1, got " + rayNumNodes, null, 2);
    }
    if (rayNumNodes != null && rayAddress != null) {
      return verbose.fail(err, me, "give --ray-address or --ray-num-nodes, not both", null, 2);
    }
    if (rayAddress != null && !rayAddress.isBlank()) {
      System.setProperty("ray.address", rayAddress);
    }
    LocalRayCluster cluster = null;
    if (rayNumNodes != null) {
      try {
        cluster = LocalRayCluster.start(rayNumNodes, rayNumCpus == null ? 1 : rayNumCpus);
      } catch (IllegalStateException e) {
        return verbose.fail(err, me, e.getMessage(), e, 2);
      }
      System.setProperty("ray.address", cluster.address());
      err.println(me + ": started a local Ray cluster of " + rayNumNodes + " nodes at " + cluster.address());
      err.flush();
    }
    try {
      return runAll(plan, err, me);
    } finally {
      if (cluster != null) {
        ActorRuntime.shutdown();
        cluster.close();
      }
    }
  }

  private int runAll(List<Map.Entry<String, RunOptions>> plan, PrintWriter err, String me) {
    PrintStream out = WriterOutputStream.of(spec.commandLine().getOut());
    List<String> failed = new ArrayList<>();
    for (Map.Entry<String, RunOptions> e : plan) {
      RunOptions o = e.getValue();
      try {
        configureGlobal(o, out);
        Tune.run(o);
      } catch (TrialsFailedException ex) {
        failed.add(e.getKey());
        verbose.fail(err, me, "experiment '" + e.getKey() + "': " + ex.getMessage(), ex, 1);
      } catch (TuneException | IllegalArgumentException ex) {
        return verbose.fail(err, me, "experiment '" + e.getKey() + "': " + ex.getMessage(), ex, 2);
      } catch (RuntimeException ex) {
        return verbose.fail(err, me, "experiment '" + e.getKey() + "' failed: " + ex, ex, 1);
      } finally {
        out.flush();
      }
    }
    return failed.isEmpty() ? 0 : 1;
  }

  /** The experiment spec the flags describe (train.py's dict, keys in RLlib's spelling). */
  Map<String, Object> fromFlags() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("run", run);
    Map<String, Object> c = config.config();
    if (env != null) {
      Object inConfig = c.get("env");
      if (inConfig != null && !env.equals(inConfig)) {
        throw new IllegalArgumentException(
            "--env " + env + " and --config's \"env\": " + inConfig + " disagree; give one of them");
      }
      c.put("env", env);
      s.put("env", env);
    }
    s.put("config", c);
    s.put("stop", stop == null ? new LinkedHashMap<>() : stop.value());
    s.put("checkpoint_freq", checkpointFreq);
    s.put("checkpoint_at_end", checkpointAtEnd);
    s.put("num_samples", numSamples);
    s.put("max_failures", maxFailures);
    if (keepCheckpointsNum != 0) {
      s.put("keep_checkpoints_num", keepCheckpointsNum);
    }
    if (checkpointScoreAttr != null) {
      s.put("checkpoint_score_attr", checkpointScoreAttr);
    }
    if (localDir != null) {
      s.put("local_dir", localDir);
    }
    if (restore != null) {
      s.put("restore", restore);
    }
    if (resourcesPerTrial != null) {
      s.put("resources_per_trial", resourcesPerTrial.value());
    }
    return s;
  }

  /** Puts {@code --seed} into the spec's config (a copy) and its {@code seed} key. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> withSeed(Map<String, Object> spec) {
    if (seed == null) {
      return spec;
    }
    Map<String, Object> s = new LinkedHashMap<>(spec);
    Map<String, Object> c = new LinkedHashMap<>();
    if (s.get("config") instanceof Map<?, ?> m) {
      c.putAll((Map<String, Object>) m);
    } else if (s.get("config") != null) {
      return s; // not a map: ExperimentCheck reports it
    }
    c.put("seed", seed);
    s.put("config", c);
    s.put("seed", seed);
    return s;
  }

  /** A fresh scheduler from --scheduler and --scheduler-config (one per experiment). */
  private io.tune4j.schedulers.TrialScheduler newScheduler() {
    Map<String, Object> args = schedulerConfig == null ? Map.of() : schedulerConfig.value();
    try {
      return io.tune4j.schedulers.Schedulers.create(scheduler, args);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--scheduler " + scheduler + " / --scheduler-config: " + e.getMessage(), e);
    }
  }

  /** Options that apply to every experiment, from the command line. */
  private void configureGlobal(RunOptions o, PrintStream out) {
    o.out(out);
    o.scheduler(newScheduler());
    if (resume) {
      o.resume(true);
    }
    if (verbose.isVerbose()) {
      o.verbose(3);
    }
    if (rayNumCpus != null) {
      o.rayNumCpus(rayNumCpus);
    }
    if (rayNumGpus != null) {
      o.rayNumGpus(rayNumGpus);
    }
  }

  private void warnIgnored(PrintWriter err, String me) {
    ParseResult pr = spec.commandLine().getParseResult();
    List<String> given = new ArrayList<>();
    for (String name : TRIAL_OPTIONS) {
      if (pr != null && pr.hasMatchedOption(name)) {
        given.add(name);
      }
    }
    if (!given.isEmpty()) {
      err.println(
          me
              + ": warning: -f overrides trial-specific options; ignoring "
              + String.join(", ", given));
      err.flush();
    }
  }
}
