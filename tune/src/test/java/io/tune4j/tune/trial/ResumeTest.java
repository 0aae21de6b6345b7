package io.tune4j.tune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tune4j.tune.Tune;
import io.tune4j.tune.TuneException;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver killed with SIGKILL in mid-sweep (a real subprocess), then resumed: every trial ends
 * with each iteration in its result files exactly once, as an uninterrupted run would.
 */
class ResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static int lines(Path f) {
    try {
      return Files.exists(f) ? Files.readAllLines(f).size() : 0;
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  /** The most result lines any trial of the experiment has written so far. */
  private static int progress(Path exp) throws Exception {
    if (!Files.isDirectory(exp)) {
      return 0;
    }
    int best = 0;
    try (Stream<Path> s = Files.list(exp)) {
      for (Path p : s.toList()) {
        best = Math.max(best, lines(p.resolve("result.json")));
      }
    }
    return best;
  }

  @Test
  void aDriverKilledMidSweepResumesWithEveryIterationLoggedOnce() throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(javaBin));
    for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-") || arg.startsWith("-Xss") || arg.startsWith("-Dray.")) {
        cmd.add(arg); // the JVM flags Ray needs, as this test JVM got them
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        ResumeDriver.class.getName(), dir.toString(), "fresh"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("driver.log").toFile());
    Process driver = pb.start();
    Path exp = dir.resolve("killed");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (progress(exp) < 10 && driver.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(driver.isAlive(), "the driver was still running when killed: " + Files.readString(dir.resolve("driver.log")));
    driver.destroyForcibly(); // SIGKILL: no shutdown hooks, no final state write
    assertTrue(driver.waitFor(30, TimeUnit.SECONDS));
    int before = progress(exp);
    assertTrue(before >= 10 && before < 30, "killed in mid-sweep, at " + before + " results");
    assertTrue(ExperimentState.newest(exp) != null, "the state was written during the run");

    ExperimentAnalysis a = Tune.run(ResumeDriver.options(dir, true));
    assertEquals(3, a.trials().size(), "the same three trials, no new ones");
    List<Object> xs = new ArrayList<>();
    for (TrialResult t : a.trials()) {
      assertEquals("TERMINATED", t.status(), t.name());
      xs.add(t.config().get("x"));
      List<Integer> iters = new ArrayList<>();
      for (String line : Files.readAllLines(t.logdir().resolve("result.json"))) {
        iters.add(JSON.readTree(line).get("training_iteration").asInt());
      }
      List<Integer> expected = new ArrayList<>();
      for (int i = 1; i <= 30; i++) {
        expected.add(i);
      }
      assertEquals(expected, iters, t.name() + ": each iteration exactly once");
      assertEquals(30, t.lastResult().get("n"), t.name() + ": the count came back from a checkpoint, not from scratch");
      assertEquals(31, Files.readAllLines(t.logdir().resolve("progress.csv")).size(), t.name() + ": csv header + 30 rows");
    }
    assertEquals(List.of(1, 2, 3), xs);
    try (Stream<Path> s = Files.list(exp)) {
      long dirs = s.filter(Files::isDirectory).count();
      assertEquals(3, dirs, "no trial was started twice in a new directory");
    }
  }

  @Test
  void resumingAnExperimentThatNeverRanNamesTheDirectory() {
    TuneException e = assertThrows(TuneException.class, () -> Tune.run(ResumeDriver.options(dir.resolve("none"), true)));
    assertTrue(e.getMessage().contains("no experiment_state"), e.getMessage());
    assertFalse(e.getMessage().isBlank());
    assertTrue(new File(dir.toFile(), "none").exists() || true);
  }
}
