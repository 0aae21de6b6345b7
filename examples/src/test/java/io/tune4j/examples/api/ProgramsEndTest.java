package io.tune4j.examples.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A {@code main} that uses Tune or a trainer ends by itself when it returns: run as a real child
 * JVM, with no {@code System.exit} in it.
 */
@Tag("ray")
class ProgramsEndTest {

  /** Runs {@code main} in a child JVM; returns its output and seconds from "DONE" to exit. */
  private static Object[] run(Class<?> main, String... args) throws Exception {
    return run(true, main, args);
  }

  private static Object[] run(boolean flags, Class<?> main, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flags && (a.startsWith("--add-opens") || a.startsWith("-Xss"))) {
        cmd.add(a);
      }
    }
    cmd.add("-Duser.dir=" + System.getProperty("java.io.tmpdir"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("OMP_NUM_THREADS", "1");
    pb.environment().put("HOME", java.nio.file.Files.createTempDirectory("home").toString());
    Process p = pb.start();
    p.getOutputStream().close();
    StringBuilder out = new StringBuilder();
    long doneAt = -1;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.append(line).append('\n');
        if (line.equals("DONE")) {
          doneAt = System.nanoTime();
        }
      }
    }
    boolean ended = p.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      p.destroyForcibly();
    }
    double after = doneAt < 0 ? -1 : (System.nanoTime() - doneAt) / 1e9;
    return new Object[] {ended ? p.exitValue() : -999, out.toString(), after};
  }

  @Test
  void aTuneSweepsMainEndsByItself() throws Exception {
    Object[] r = run(TuneSweepMain.class);
    assertEquals(0, r[0], (String) r[1]);
    assertTrue(((String) r[1]).contains("trials: 2"), (String) r[1]);
    double after = (Double) r[2];
    assertTrue(after >= 0 && after < 10, "the JVM took " + after + " s to end after main returned\n" + r[1]);
  }

  @Test
  void aTrainersMainEndsByItself() throws Exception {
    Object[] r = run(PpoTwoIterationsMain.class);
    assertEquals(0, r[0], (String) r[1]);
    assertTrue(((String) r[1]).contains("iteration 2 timesteps 800"), (String) r[1]);
    double after = (Double) r[2];
    assertTrue(after >= 0 && after < 10, "the JVM took " + after + " s to end after main returned\n" + r[1]);
  }

  @Test
  void withoutTheJvmFlagsTheFirstCallSaysWhichToAdd() throws Exception {
    Object[] r = run(false, TuneSweepMain.class);
    String out = (String) r[1];
    assertEquals(1, r[0], out);
    assertTrue(out.contains("needs JVM flags on JDK 17") && out.contains("bin/tune4j jvm-flags")
        && out.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), out);
    assertTrue(!out.contains("InaccessibleObjectException"), out);
  }
}
