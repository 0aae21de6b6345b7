package io.tune4j.rllib.cli;

import io.tune4j.rllib.agents.Algorithms;
import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.agents.TrainerCheckpoint;
import io.tune4j.rllib.env.EnvContext;
import io.tune4j.rllib.env.Envs;
import io.tune4j.tune.trainable.TrainableContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rllib rollout}: RLlib's {@code rollout.py}. Rebuilds the trainer from the checkpoint file
 * alone (its algorithm and config are stored in it; {@code --config} overrides keys, {@code
 * num_workers} is forced to 0 so no Ray actors start), restores the policy and observation filter,
 * and runs episodes in the env.
 *
 * <pre>{@code
 * rllib rollout ~/ray_results/default/PPO_CartPole-v0_0_.../checkpoint_1/checkpoint-1 \
 *     --run PPO --env CartPole-v0 --steps 10000 --out rollouts.jsonl
 * }</pre>
 */
@Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description =
        "Roll out a reinforcement learning agent given a checkpoint (RLlib's rollout.py).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rllib rollout \\",
      "      ~/ray_results/default/PG_CartPole-v0_0_<date>/checkpoint_1/checkpoint-1 \\",
      "      --run PG --env CartPole-v0 --steps 10000",
      "  rllib rollout .../checkpoint_10 --episodes 5 --no-explore --out out.jsonl",
      "",
      "The algorithm, env and config come from the checkpoint; --config overrides",
      "keys of that config, and num_workers is always 0 (no Ray actors start).",
      "Prints \"Episode reward <total>\" per episode, as RLlib does. --out writes one",
      "JSON line per env step, [obs, action, next_obs, reward, done] (RLlib pickles",
      "a list of episodes instead).",
      "Exit codes: 0 done, 1 the rollout failed while running, 2 usage or input",
      "error (missing or corrupt checkpoint, unknown algorithm or env, bad config)."
    })
public final class RolloutCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseMixin verbose;

  @Parameters(
      index = "0",
      paramLabel = "CHECKPOINT",
      description =
          "Checkpoint file to roll out (checkpoint_<N>/checkpoint-<N>, or its directory).")
  String checkpoint;

  @Option(
      names = "--run",
      paramLabel = "ALGO",
      description =
          "The algorithm that wrote the checkpoint, e.g. PPO (default: the one recorded"
              + " in the checkpoint; must match it).")
  String run;

  @Option(
      names = "--env",
      paramLabel = "ENV",
      description = "The environment id (default: the checkpoint config's env).")
  String env;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Number of env steps to roll out (default ${DEFAULT-VALUE}; 0: no step limit).")
  long steps;

  @Option(
      names = "--episodes",
      paramLabel = "N",
      defaultValue = "0",
      description = "Stop after this many episodes (default ${DEFAULT-VALUE}: no episode limit).")
  long episodes;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Write the rollouts to FILE, one JSON line [obs, action, next_obs, reward,"
              + " done] per env step.")
  Path out;

  @Mixin ConfigMixin config;

  @Option(
      names = "--video-dir",
      paramLabel = "DIR",
      description =
          "Record a video of every episode into DIR, as gym's monitor does: openaigym.video.*.mp4"
              + " (H.264) with a .meta.json each, the episode stats and a manifest. Monitor files"
              + " already in DIR are removed first.")
  Path videoDir;

  @Option(
      names = "--no-explore",
      description = "Take the most likely action instead of sampling (RLlib 2019 samples).")
  boolean noExplore;

  @Option(
      names = "--no-render",
      description = "Accepted for RLlib compatibility; rollouts are never rendered.")
  boolean noRender;

  /** For picocli. */
  public RolloutCommand() {}

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    String me = spec.qualifiedName();
    if (steps < 0 || episodes < 0 || (steps == 0 && episodes == 0)) {
      return verbose.fail(
          err,
          me,
          "--steps and --episodes must be >= 0 and one of them > 0, got "
              + steps
              + " and "
              + episodes,
          null,
          2);
    }
    if (run != null && !Algorithms.names().contains(run)) {
      return verbose.fail(err, me, ExperimentCheck.unknownAlgorithm(run), null, 2);
    }
    Path file;
    TrainerCheckpoint ckpt;
    try {
      file = checkpointFile(Path.of(io.tune4j.tune.RunOptions.expandHome(checkpoint)));
      ckpt = TrainerCheckpoint.read(file);
    } catch (IOException | IllegalArgumentException e) {
      return verbose.fail(err, me, e.getMessage(), e, 2);
    }
    String algo = run != null ? run : ckpt.algorithm();
    if (!algo.equals(ckpt.algorithm())) {
      return verbose.fail(
          err,
          me,
          "checkpoint "
              + file
              + " was written by "
              + ckpt.algorithm()
              + ", not "
              + algo
              + "; use --run "
              + ckpt.algorithm(),
          null,
          2);
    }
    if (!Algorithms.names().contains(algo)) {
      return verbose.fail(
          err,
          me,
          "checkpoint " + file + " was written by " + ExperimentCheck.unknownAlgorithm(algo),
          null,
          2);
    }
    Map<String, Object> cfg = Configs.deepMerge(ckpt.config(), config.config());
    cfg.put("num_workers", 0);
    if (env != null) {
      cfg.put("env", env);
    }
    if (!(cfg.get("env") instanceof String envId)) {
      return verbose.fail(
          err, me, "missing --env ENV: the checkpoint's config names no env", null, 2);
    }
    Trainer trainer;
    io.tune4j.rllib.env.Env environment;
    if (env != null && ckpt.config().get("env") instanceof String trainedOn && !trainedOn.equals(env)) {
      String mismatch = spacesMismatch(trainedOn, env, cfg);
      if (mismatch != null) {
        return verbose.fail(err, me, mismatch, null, 2);
      }
    }
    try {
      Envs.spec(envId);
      trainer = Algorithms.create(algo);
      trainer.initialize(cfg, TrainableContext.detached());
    } catch (Exception e) {
      return verbose.fail(err, me, e.getMessage(), e, 2);
    }
    try {
      trainer.restore(file);
      environment = Envs.make(envId, EnvContext.of(envConfig(trainer.config())));
      if (trainer.config().get("seed") instanceof Number n) {
        environment.seed(n.longValue());
      }
      if (videoDir != null) {
        io.tune4j.rllib.env.monitor.Monitor.clearMonitorFiles(videoDir);
        environment = io.tune4j.rllib.env.monitor.Monitor.wrap(environment, videoDir, envId, episode -> true);
      }
    } catch (Exception e) {
      shutdown(trainer);
      return verbose.fail(err, me, String.valueOf(e.getMessage()), e, 2);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    try (Writer rollouts =
        out == null ? null : Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      Rollout.run(trainer, environment, steps, episodes, !noExplore, stdout, rollouts);
    } catch (IOException e) {
      return verbose.fail(err, me, "cannot write " + out + ": " + e.getMessage(), e, 2);
    } catch (RuntimeException e) {
      return verbose.fail(err, me, "rollout failed: " + e, e, 1);
    } finally {
      environment.close();
      shutdown(trainer);
    }
    return 0;
  }

  /**
   * Why a policy trained on {@code trainedOn} cannot act in {@code env} (their observation or
   * action spaces differ), or null when they match or cannot be compared.
   */
  private static String spacesMismatch(String trainedOn, String env, Map<String, Object> cfg) {
    try (io.tune4j.rllib.env.Env a = Envs.make(trainedOn, EnvContext.of(envConfig(cfg)));
        io.tune4j.rllib.env.Env b = Envs.make(env, EnvContext.of(envConfig(cfg)))) {
      String sa = a.observationSpace() + " observations and " + a.actionSpace() + " actions";
      String sb = b.observationSpace() + " observations and " + b.actionSpace() + " actions";
      return sa.equals(sb)
          ? null
          : "--env " + env + " does not fit the checkpoint: its policy was trained on " + trainedOn + " with "
              + sa + ", but " + env + " has " + sb;
    } catch (Exception e) {
      return null; // an unknown env is reported below with the registry's message
    }
  }

  /** A checkpoint file, or the single {@code checkpoint-*} file of a {@code checkpoint_N} dir. */
  static Path checkpointFile(Path p) throws IOException {
    if (!Files.isDirectory(p)) {
      return p;
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(p)) {
      files =
          s.filter(
                  f ->
                      f.getFileName().toString().startsWith("checkpoint-")
                          && !f.getFileName().toString().endsWith(".tune_metadata")
                          && !f.getFileName().toString().endsWith(".tmp"))
              .sorted()
              .toList();
    }
    if (files.size() != 1) {
      throw new IOException(
          "checkpoint directory "
              + p
              + " holds "
              + files.size()
              + " checkpoint-* files; give the checkpoint file itself");
    }
    return files.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> envConfig(Map<String, Object> config) {
    return config.get("env_config") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static void shutdown(Trainer t) {
    try {
      t.shutdown();
    } catch (Exception e) {
      // nothing to keep: the rollout is over
    }
  }
}
