/**
 * RLlib's command line, {@code bin/rllib}: {@link io.tune4j.rllib.cli.RllibCommand} with the
 * subcommands {@code train} ({@link io.tune4j.rllib.cli.TrainCommand}, RLlib's {@code train.py}:
 * flags or tuned-example YAML files into {@code Tune.run}) and {@code rollout} ({@link
 * io.tune4j.rllib.cli.RolloutCommand}, RLlib's {@code rollout.py}: a policy rebuilt from a
 * checkpoint file alone, stepped through its env).
 *
 * <p>Exit codes: 0 done, 1 a trial (or the rollout) failed at run time, 2 usage or input error.
 * Errors are one line on stderr, {@code rllib <command>: <message>}; {@code -v} adds the stack
 * trace.
 *
 * <pre>{@code
 * int code =
 *     RllibCommand.newCommandLine().execute("train", "--run", "PPO", "--env", "CartPole-v0");
 * }</pre>
 */
package io.tune4j.rllib.cli;
