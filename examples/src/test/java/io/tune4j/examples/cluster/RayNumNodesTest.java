package io.tune4j.examples.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/rllib train --ray-num-nodes N}: starts a local N-node cluster, trains on it, and stops
 * exactly that cluster (no process naming a Tune4j Ray directory is left).
 */
@Tag("cluster")
class RayNumNodesTest {
  @TempDir Path out;

  @Test
  void trainsOnAClusterItStartsAndStops() throws Exception {
    ClusterTest.venv = RayInstall.venv();
    ClusterTest.out = out;
    List<Long> before = tune4jRayProcesses();
    ClusterTest.Run r =
        ClusterTest.launch(
            Map.of(),
            "bin/rllib", "train", "--ray-num-nodes", "2", "--ray-num-cpus", "2", "--run", "PG",
            "--env", "CartPole-v0", "--stop", "{\"training_iteration\": 2}",
            "--config", "{\"num_workers\": 2}", "--local-dir", out.toString());
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("started a local Ray cluster of 2 nodes at 127.0.0.1:"), r.output());
    assertTrue(r.output().contains("Resources requested: 0/4 CPUs"), r.output());
    List<Long> after = tune4jRayProcesses();
    after.removeAll(before);
    assertEquals(List.of(), after, "processes of the --ray-num-nodes cluster outlived the run");
  }

  private static List<Long> tune4jRayProcesses() {
    return new java.util.ArrayList<>(
        ProcessHandle.allProcesses()
            .filter(h -> h.info().commandLine().map(c -> c.contains("/tmp/tune4j-ray")).orElse(false))
            .map(ProcessHandle::pid)
            .toList());
  }
}
