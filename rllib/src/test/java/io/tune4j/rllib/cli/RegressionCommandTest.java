package io.tune4j.rllib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rllib regression}: a file with a passing and an impossible bar gives the table and exit 1. */
@Tag("ray")
class RegressionCommandTest {
  @TempDir Path dir;

  @Test
  void aPassingAndAnImpossibleBarGiveATableAndExitCode1() throws Exception {
    Path f = dir.resolve("bars.yaml");
    Files.writeString(f, String.join("\n",
        "# PG's first iteration already averages more than 10 on CartPole (a random policy gets ~22).",
        "cartpole-pg-easy:",
        "    env: CartPole-v0",
        "    run: PG",
        "    stop: {episode_reward_mean: 10, timesteps_total: 2000}",
        "    config: {num_workers: 0, train_batch_size: 400, seed: 1}",
        "# CartPole-v0 ends at 200 steps: 1000 cannot be reached.",
        "cartpole-pg-impossible:",
        "    env: CartPole-v0",
        "    run: PG",
        "    stop: {episode_reward_mean: 1000, timesteps_total: 800}",
        "    config: {num_workers: 0, train_batch_size: 400, seed: 1}",
        ""));
    Cli r = Cli.rllib("regression", f.toString(), "--local-dir", dir.resolve("results").toString());
    assertEquals(1, r.code(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).matches("experiment\\s+algorithm\\s+env\\s+bar\\s+reached\\s+steps\\s+seconds\\s+tries\\s+result"),
        lines.get(0));
    String easy = lines.stream().filter(l -> l.startsWith("cartpole-pg-easy")).findFirst().orElseThrow();
    String impossible = lines.stream().filter(l -> l.startsWith("cartpole-pg-impossible")).findFirst().orElseThrow();
    assertTrue(easy.matches("cartpole-pg-easy\\s+PG\\s+CartPole-v0\\s+10\\s+[\\d.]+\\s+[\\d,]+\\s+[\\d.]+\\s+1\\s+PASS"), easy);
    assertTrue(impossible.matches("cartpole-pg-impossible\\s+PG\\s+CartPole-v0\\s+1000\\s+[\\d.]+\\s+8\\d\\d\\s+[\\d.]+\\s+3\\s+FAIL"),
        "three tries, each stopped by the 800-step cap: " + impossible);
    assertTrue(r.out().contains("1 of 2 passed"), r.out());
    assertTrue(r.err().contains("cartpole-pg-impossible (" + f + "), try 3 of 3"), r.err());
  }

  @Test
  void badInputExits2BeforeAnythingRuns() throws Exception {
    Cli missing = Cli.rllib("regression", dir.resolve("nope.yaml").toString());
    assertEquals(2, missing.code(), missing.toString());
    assertTrue(missing.err().contains("nope.yaml"), missing.err());
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "x:\n    env: CartPole-v0\n    run: PPOO\n");
    Cli unknown = Cli.rllib("regression", bad.toString());
    assertEquals(2, unknown.code(), unknown.toString());
    assertTrue(unknown.err().contains("PPOO"), unknown.err());
    Cli tries = Cli.rllib("regression", bad.toString(), "--tries", "0");
    assertEquals(2, tries.code());
    assertTrue(tries.err().contains("--tries must be at least 1"), tries.err());
  }
}
