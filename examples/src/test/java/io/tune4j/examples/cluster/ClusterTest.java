package io.tune4j.examples.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tune4j.tune.runtime.LocalRayCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster path for real: Ray 2.58.0 (pip), a head node with 2 CPUs and a second node with 1
 * CPU on loopback, and Tune4j's own launchers ({@code bin/tune4j java}, {@code bin/rllib train
 * --ray-address}) as a user runs them, with the cluster's {@code ray_dist.jar}. Trials and rollout
 * workers must run in worker JVMs (not the driver) spread over both nodes, with complete result
 * files. Only this test's cluster is stopped, by its own pids. Runs in {@code mvn verify} after
 * the unit tests (the launchers use the packaged jars).
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PPO_CONFIG =
      "{\"num_workers\": 2, \"num_envs_per_worker\": 8, \"sample_batch_size\": 125,"
          + " \"train_batch_size\": 2000, \"sgd_minibatch_size\": 500, \"num_sgd_iter\": 8, \"lr\": 0.003,"
          + " \"lambda\": 0.95, \"vf_clip_param\": 100, \"model\": {\"fcnet_hiddens\": [64, 64]}, \"seed\": 1}";

  static Path venv;
  static LocalRayCluster cluster;
  static Map<String, List<String>> ppoKeys = new HashMap<>();

  @TempDir static Path out;

  @BeforeAll
  static void startCluster() throws Exception {
    venv = RayInstall.venv();
    cluster = LocalRayCluster.start(venv.resolve("bin/ray").toString(), List.of(2, 1));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
      assertEquals(List.of(), cluster.pids(), "processes of the test's cluster are still alive");
    }
  }

  /** Runs a launcher with the venv's ray on the PATH; returns exit code, output and the JVM's pid. */
  record Run(int exit, String output, long pid) {}

  static Run launch(Map<String, String> env, String... cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", venv.resolve("bin") + ":" + System.getenv("PATH"));
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().putAll(env);
    Path log = Files.createTempFile(out, "launch", ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(240, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " did not end in 240 s:\n" + Files.readString(log));
    }
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), p.pid());
  }

  static List<JsonNode> results(Path trialDir) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(trialDir.resolve("result.json"))) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  static List<Path> trialDirs(Path experiment) throws IOException {
    try (Stream<Path> s = Files.list(experiment)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** "<what> runs in pid P on node N" lines the actors logged into the cluster's session logs. */
  static Map<String, String[]> placements(String what) throws IOException {
    Map<String, String[]> found = new HashMap<>();
    Pattern p = Pattern.compile("(" + what + "[^\\n]*?) runs in pid (\\d+) on node (\\w+)");
    try (Stream<Path> s = Files.walk(cluster.tempDir())) {
      for (Path f : (Iterable<Path>) s.filter(f -> f.toString().contains("/logs/") && Files.isRegularFile(f))::iterator) {
        Matcher m = p.matcher(Files.readString(f, StandardCharsets.ISO_8859_1));
        while (m.find()) {
          found.put(m.group(1), new String[] {m.group(2), m.group(3)});
        }
      }
    }
    return found;
  }

  @Test
  @Order(1)
  void aSweepOfFourFunctionTrialsRunsInWorkerJvmsOnBothNodes() throws Exception {
    Path local = out.resolve("sweep");
    Run r =
        launch(
            Map.of(
                "TUNE4J_CLASSPATH", ROOT.resolve("examples/target/test-classes").toString(),
                "TUNE4J_JAVA_OPTS", "-Dray.address=" + cluster.address()),
            "bin/tune4j", "java", ClusterSweepMain.class.getName(), local.toString());
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("4/4 CPUs") || r.output().contains("/3 CPUs"), r.output());
    List<Path> trials = trialDirs(local.resolve("cluster_sweep"));
    assertEquals(4, trials.size(), trials.toString());
    Set<String> nodes = new HashSet<>();
    Set<Long> pids = new HashSet<>();
    for (Path t : trials) {
      List<JsonNode> rs = results(t);
      assertEquals(3, rs.size(), t + " has " + rs.size() + " results");
      for (JsonNode j : rs) {
        long pid = j.get("pid").asLong();
        assertNotEquals(r.pid(), pid, "a trial ran in the driver's JVM");
        assertEquals(pid, j.get("actor_pid").asLong());
        nodes.add(j.get("node_id").asText());
        pids.add(pid);
        assertTrue(!j.get("node_ip").asText().isEmpty());
      }
      assertEquals(3, Files.readAllLines(t.resolve("progress.csv")).size() - 1, "progress.csv rows of " + t);
      assertTrue(Files.exists(t.resolve("params.json")));
    }
    assertEquals(2, nodes.size(), "trials ran on nodes " + nodes);
    assertTrue(pids.size() >= 3, "three trials run at once in separate JVMs, got pids " + pids);
  }

  @Test
  @Order(2)
  void ppoWithTwoRolloutWorkersReachesTheReadmeBarOnTheCluster() throws Exception {
    Path local = out.resolve("ppo");
    Run r =
        launch(
            Map.of(),
            "bin/rllib", "train", "--ray-address", cluster.address(), "--run", "PPO", "--env", "CartPole-v0",
            "--stop", "{\"episode_reward_mean\": 195, \"timesteps_total\": 200000}",
            "--config", PPO_CONFIG, "--local-dir", local.toString(), "--experiment-name", "cluster_ppo");
    assertEquals(0, r.exit(), r.output());
    Path trial = trialDirs(local.resolve("cluster_ppo")).get(0);
    List<JsonNode> rs = results(trial);
    JsonNode last = rs.get(rs.size() - 1);
    assertTrue(last.get("episode_reward_mean").asDouble() >= 195, "reached " + last.get("episode_reward_mean"));
    long trialPid = last.get("pid").asLong();
    assertNotEquals(r.pid(), trialPid);
    Map<String, String[]> workers = placements("rollout worker");
    Map<String, String[]> trials = placements("trial PPO_CartPole-v0");
    assertTrue(workers.containsKey("rollout worker 1") && workers.containsKey("rollout worker 2"), workers.keySet().toString());
    Set<String> pids = new HashSet<>();
    Set<String> nodes = new HashSet<>();
    pids.add(String.valueOf(trialPid));
    for (String w : List.of("rollout worker 1", "rollout worker 2")) {
      pids.add(workers.get(w)[0]);
      nodes.add(workers.get(w)[1]);
    }
    trials.values().forEach(t -> nodes.add(t[1]));
    assertEquals(3, pids.size(), "trial and both workers in separate JVMs: " + pids);
    assertTrue(!pids.contains(String.valueOf(r.pid())));
    assertEquals(2, nodes.size(), "the trial and its workers span both nodes: " + nodes);
    ppoKeys.put("cluster", flatKeys(last));
    System.out.printf("cluster PPO: mean %.1f at %d steps, %.1f s of training%n",
        last.get("episode_reward_mean").asDouble(), last.get("timesteps_total").asLong(), last.get("time_total_s").asDouble());
  }

  @Test
  @Order(3)
  void theClusterRunsResultKeysEqualTheEmbeddedRuns() throws Exception {
    Path local = out.resolve("embedded");
    Run r =
        launch(
            Map.of(),
            "bin/rllib", "train", "--run", "PPO", "--env", "CartPole-v0", "--ray-num-cpus", "3",
            "--stop", "{\"training_iteration\": 2}",
            "--config", PPO_CONFIG, "--local-dir", local.toString(), "--experiment-name", "embedded_ppo");
    assertEquals(0, r.exit(), r.output());
    List<JsonNode> rs = results(trialDirs(local.resolve("embedded_ppo")).get(0));
    assertEquals(2, rs.size());
    assertTrue(ppoKeys.containsKey("cluster"), "the cluster run comes first");
    assertEquals(ppoKeys.get("cluster"), flatKeys(rs.get(1)));
  }

  static List<String> flatKeys(JsonNode n) {
    TreeSet<String> keys = new TreeSet<>();
    flatten("", n, keys);
    return new ArrayList<>(keys);
  }

  private static void flatten(String prefix, JsonNode n, Set<String> keys) {
    if (n.isObject() && n.size() > 0) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        // Config values and custom metrics are the run's own; compare Tune's and RLlib's keys.
        if (prefix.isEmpty() && e.getKey().equals("config")) {
          keys.add("config");
          continue;
        }
        flatten(prefix + e.getKey() + "/", e.getValue(), keys);
      }
    } else {
      keys.add(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1));
    }
  }
}
