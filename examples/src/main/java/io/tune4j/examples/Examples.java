package io.tune4j.examples;

import io.tune4j.tune.runtime.ActorRuntime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dispatches {@code bin/tune4j example NAME [ARGS]} to the runnable examples, one per example of
 * RLlib's Training APIs page ({@code docs/rllib.md} walks through them).
 *
 * <pre>{@code
 * bin/tune4j example ppo-api --iterations 5
 * bin/tune4j example custom-metrics --iterations 3 --config '{"train_batch_size": 400}'
 * }</pre>
 */
public final class Examples {
  private Examples() {}

  /** An example's entry point. */
  @FunctionalInterface
  interface Main {
    void run(String[] args) throws Exception;
  }

  /** The examples by name, with a one-line summary each. */
  static final Map<String, Map.Entry<String, Main>> EXAMPLES = new LinkedHashMap<>();

  static {
    add(
        "ppo-api",
        "train PPO on CartPole with the Java API, printing results and saving checkpoints",
        PpoApiExample::main);
    add(
        "tune-ppo-sweep",
        "Tune.run(\"PPO\") over a grid of three learning rates",
        TunePpoSweepExample::main);
    add(
        "custom-train-fn",
        "a function trainable that trains PPO in two phases (custom workflow)",
        CustomTrainFnExample::main);
    add(
        "custom-workflow",
        "a training loop built from WorkerSet and Policy, without a Trainer",
        CustomWorkflowExample::main);
    add(
        "policy-state",
        "read the policy weights locally and from every worker",
        PolicyStateExample::main);
    add(
        "global-counter",
        "a named Ray actor counting env steps across all workers",
        GlobalCounterExample::main);
    add(
        "multi-agent-cartpole",
        "four CartPoles as the agents of one env, trained as two PPO policies",
        MultiAgentCartPoleExample::main);
    add(
        "custom-metrics",
        "PG with callbacks that report a pole_angle custom metric",
        CustomMetricsExample::main);
    add(
        "curriculum-trainer",
        "curriculum learning from a Tune function trainable (approach 1)",
        CurriculumTrainerExample::main);
    add(
        "curriculum-callbacks",
        "curriculum learning from an onTrainResult callback (approach 2)",
        CurriculumCallbacksExample::main);
    add(
        "cartpole-server",
        "serve a PPO (or DQN) trainer over HTTP with JSON commands; learns from cartpole-client",
        CartPoleServer::main);
    add(
        "cartpole-client",
        "play CartPole against a cartpole-server, asking it for every action over HTTP",
        CartPoleClient::main);
    add("loss-inspection", "print PPO's ratio and advantages for SGD minibatches (the eager-mode counterpart)",
        LossInspectionExample::main);
    add("sweep", "a Tune sweep of a toy function trainable (grid x random)", SweepExample::main);
    add("asha", "ASHA stops the worse of 30 trials of a toy objective early", AshaExample::main);
    add("pbt-ppo", "population-based training of PPO on CartPole (lr, num_sgd_iter)", PbtPpoExample::main);
    add("bayesopt", "Bayesian optimisation against random search on the Branin function", BayesOptExample::main);
  }

  private static void add(String name, String summary, Main main) {
    EXAMPLES.put(name, Map.entry(summary, main));
  }

  /**
   * Runs the named example and exits: 0 when it ran, 1 when it failed (stack trace on stderr), 2
   * for an unknown name or bad arguments.
   */
  public static void main(String[] args) {
    int code;
    try {
      ActorRuntime.get();
      code = run(args);
    } catch (Throwable t) {
      t.printStackTrace();
      code = 1;
    }
    // Ray's LOCAL mode leaves non-daemon executor threads behind, so end the JVM explicitly.
    System.exit(code);
  }

  /**
   * Runs the named example.
   *
   * @return 0 when it ran, 2 for a missing or unknown name or bad arguments (message on stderr)
   */
  static int run(String[] args) throws Exception {
    String name = args.length == 0 ? "" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    if (name.isEmpty() || name.equals("--help") || name.equals("-h")) {
      System.err.println("Usage: bin/tune4j example NAME [--flag value ...]\n" + list());
      return name.isEmpty() ? 2 : 0;
    }
    Map.Entry<String, Main> e = EXAMPLES.get(name);
    if (e == null) {
      System.err.println("Unknown example '" + name + "'.\n" + list());
      return 2;
    }
    try {
      e.getValue().run(rest);
      return 0;
    } catch (IllegalArgumentException bad) {
      if (bad.getMessage() != null && bad.getMessage().startsWith(name + ": ")) {
        System.err.println(bad.getMessage()); // a bad flag, reported by ExampleArgs
        return 2;
      }
      throw bad;
    }
  }

  private static String list() {
    StringBuilder sb = new StringBuilder("Examples:\n");
    EXAMPLES.forEach((n, e) -> sb.append(String.format("  %-22s %s%n", n, e.getKey())));
    return sb.toString();
  }
}
