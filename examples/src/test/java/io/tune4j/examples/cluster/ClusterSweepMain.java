package io.tune4j.examples.cluster;

import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.runtime.ActorInfo;
import io.tune4j.tune.runtime.ActorRuntime;
import java.nio.file.Path;
import java.util.Map;

/**
 * The cluster test's sweep, run as a user's program through {@code bin/tune4j java} with {@code
 * -Dray.address}: four function trials, each reporting three results with the pid and Ray node
 * that ran it. Argument: the local dir.
 */
public final class ClusterSweepMain {
  private ClusterSweepMain() {}

  /** Runs the sweep. */
  public static void main(String[] args) throws Exception {
    Tune.run(
        RunOptions.of(
                (config, reporter) -> {
                  ActorInfo self = ActorRuntime.localNode();
                  for (int i = 1; i <= 3; i++) {
                    Thread.sleep(300); // long enough that three trials run at once
                    reporter.report("mean_loss", ((Number) config.get("x")).doubleValue() / i,
                        "node_id", self.nodeId(), "actor_pid", self.pid());
                  }
                })
            .name("cluster_sweep")
            .config(Map.of("x", Tune.gridSearch(1.0, 2.0, 3.0, 4.0)))
            .stop(Map.of("training_iteration", 3))
            .localDir(Path.of(args[0]))
            .verbose(1));
    System.exit(0);
  }
}
