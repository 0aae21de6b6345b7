package io.tune4j.rllib.cli;

import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Tune4j program for {@link StackCommandTest} to inspect: one function trial that prints
 * {@code ready} and then sleeps in {@code StackTarget.waitHere} until the process is killed.
 */
public final class StackTarget {
  private StackTarget() {}

  /** Sleeps forever (the test kills the process). */
  static void waitHere() throws InterruptedException {
    while (true) {
      Thread.sleep(1_000);
    }
  }

  /**
   * Runs the trial.
   *
   * @param args the local directory
   */
  public static void main(String[] args) {
    Tune.run(RunOptions.of((config, reporter) -> {
          System.out.println("ready");
          System.out.flush();
          waitHere();
        })
        .name("stack_target").localDir(Path.of(args[0])).verbose(0).stop(Map.of("training_iteration", 1)));
  }
}
