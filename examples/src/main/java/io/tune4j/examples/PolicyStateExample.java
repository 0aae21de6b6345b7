package io.tune4j.examples;

import io.tune4j.rllib.agents.ppo.PpoTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accessing policy state ({@code bin/tune4j example policy-state}): the four ways the seed page
 * reads a trainer's weights, here as {@code byte[]}:
 *
 * <pre>{@code
 * trainer.getPolicy().getWeights();                                                 // local policy
 * trainer.workers().localWorker().policyMap().get("default_policy").getWeights();  // same
 * trainer.workers().foreachWorker(w -> w.getPolicy().getWeights());               // every worker
 * trainer.workers().foreachWorkerWithIndex((w, i) -> w.getPolicy().getWeights()); // same, with i
 * }</pre>
 *
 * <p>The local worker holds the "master" copy; remote workers get it broadcast before they sample,
 * so after {@code train()} they may lag one update behind until {@code workers().syncWeights()}.
 * The example trains, prints the size and a checksum of every copy, syncs, and prints them again.
 * Arguments: {@code --iterations N} (default 1), {@code --workers N} (default 2), {@code --config
 * JSON}.
 */
public final class PolicyStateExample {
  private PolicyStateExample() {}

  /** What the example read. */
  record Snapshot(
      byte[] local, byte[] viaPolicyMap, List<byte[]> perWorker, List<byte[]> perWorkerIndexed) {

    /** Whether every copy equals the local policy's weights. */
    boolean allEqual() {
      List<byte[]> all = new ArrayList<>(perWorker);
      all.addAll(perWorkerIndexed);
      all.add(viaPolicyMap);
      return all.stream().allMatch(w -> Arrays.equals(w, local));
    }
  }

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    ExampleArgs a =
        ExampleArgs.parse(
            "policy-state", args, Map.of("iterations", "1", "workers", "2", "config", "{}"));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("num_workers", a.getInt("workers"));
    config.putAll(a.getConfig("config"));
    PpoTrainer trainer = new PpoTrainer(config, "CartPole-v0");
    try {
      for (int i = 0; i < a.getInt("iterations"); i++) {
        trainer.train();
      }
      print("after train()", read(trainer));
      trainer.workers().syncWeights();
      print("after workers().syncWeights()", read(trainer));
    } finally {
      trainer.shutdown();
    }
  }

  /** Reads the weights the four ways. */
  static Snapshot read(PpoTrainer trainer) {
    // Get weights of the default local policy
    byte[] local = trainer.getPolicy().getWeights();
    // Same as above
    byte[] viaMap = trainer.workers().localWorker().policyMap().get("default_policy").getWeights();
    // Get a list of the weights of each worker, including remote replicas
    List<byte[]> perWorker = trainer.workers().foreachWorker(w -> w.getPolicy().getWeights());
    // Same as above
    List<byte[]> indexed =
        trainer.workers().foreachWorkerWithIndex((w, i) -> w.getPolicy().getWeights());
    return new Snapshot(local, viaMap, perWorker, indexed);
  }

  private static void print(String when, Snapshot s) {
    System.out.println(when + ":");
    System.out.printf(
        "  getPolicy().getWeights(): %d bytes, crc %08x%n", s.local().length, crc(s.local()));
    System.out.printf(
        "  policyMap().get(\"default_policy\"): %d bytes, crc %08x%n",
        s.viaPolicyMap().length, crc(s.viaPolicyMap()));
    for (int i = 0; i < s.perWorker().size(); i++) {
      byte[] w = s.perWorker().get(i);
      System.out.printf(
          "  worker %d (%s): %d bytes, crc %08x%n",
          i, i == 0 ? "local" : "remote", w.length, crc(w));
    }
    System.out.println("  every copy equals the local policy: " + s.allEqual());
  }

  /** CRC-32 of {@code bytes}, to compare weights at a glance. */
  static long crc(byte[] bytes) {
    java.util.zip.CRC32 c = new java.util.zip.CRC32();
    c.update(bytes);
    return c.getValue();
  }
}
