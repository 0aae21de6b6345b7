package io.tune4j.rllib.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code rllib}, the command {@code bin/rllib} runs: train an agent ({@link TrainCommand}) or roll
 * out a checkpoint ({@link RolloutCommand}), as RLlib's {@code rllib} script does.
 *
 * <pre>{@code
 * System.exit(RllibCommand.newCommandLine().execute(args));
 * }</pre>
 *
 * <p>Exit codes: 0 done, 1 a trial (or the rollout) failed, 2 usage or input error. A usage error
 * prints {@code rllib <command>: <picocli's message>}, picocli's suggestions for a mistyped option,
 * and {@code Try 'rllib <command> --help' for more information.}
 */
@Command(
    name = "rllib",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Train or run an RLlib agent (Tune4j: Ray Tune and RLlib for the JVM).",
    subcommands = {TrainCommand.class, RolloutCommand.class, StackCommand.class, RegressionCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  rllib train --run PPO --env CartPole-v0",
      "  rllib train -f tuned_examples/regression_tests/cartpole-ppo.yaml",
      "  rllib rollout ~/ray_results/default/<trial>/checkpoint_1/checkpoint-1 \\",
      "      --run PPO --env CartPole-v0 --steps 10000",
      "  rllib stack                 # thread stacks of the Tune4j JVMs on this machine",
      "  rllib regression            # every algorithm against RLlib's learning bars",
      "",
      "Exit codes: 0 done, 1 a trial failed, 2 usage or input error."
    })
public final class RllibCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** For picocli. */
  public RllibCommand() {}

  /** {@code bin/rllib}'s entry point: exits with the command's exit code. */
  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line (short usage errors); {@code execute(args)} runs it. */
  public static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new RllibCommand());
    cl.setParameterExceptionHandler(new ShortErrors());
    return cl;
  }

  /** {@code rllib} without a command: the usage on stderr, exit code 2. */
  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    err.println("rllib: missing command: train, rollout or stack");
    spec.commandLine().usage(err);
    err.flush();
    return spec.exitCodeOnInvalidInput();
  }

  /** Usage errors as one line plus suggestions and a hint, instead of the whole usage text. */
  static final class ShortErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
      UnmatchedArgumentException.printSuggestions(ex, err);
      err.println(
          "Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
      err.flush();
      return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
  }
}
