package io.tune4j.rllib.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rllib stack} against a real Tune4j JVM running a trial. */
class StackCommandTest {
  @TempDir Path dir;

  private Process startTarget() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-") || arg.startsWith("-Xss") || arg.startsWith("-Dray.")) {
        cmd.add(arg); // the JVM flags Ray needs, as this test JVM got them
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        StackTarget.class.getName(), dir.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
    StringBuilder seen = new StringBuilder();
    for (String line; (line = r.readLine()) != null; ) {
      seen.append(line).append('\n');
      if (line.equals("ready")) {
        return p;
      }
    }
    throw new AssertionError("the target JVM ended before its trial started:\n" + seen);
  }

  @Test
  void printsTheTrialThreadsOfAGivenJvmAndFindsItWithoutAPid() throws Exception {
    Process target = startTarget();
    try {
      Cli one = Cli.rllib("stack", Long.toString(target.pid()));
      assertEquals(0, one.code(), one.toString());
      assertTrue(one.out().startsWith("== pid " + target.pid() + ": java "), one.out());
      assertTrue(one.out().contains("StackTarget " + dir), "the header shows the main class and its arguments: " + one.out());
      int group = one.out().indexOf("-- trial func_0 --");
      assertTrue(group >= 0, "the trial's threads are grouped under its name:\n" + one.out());
      assertTrue(one.out().indexOf("StackTarget.waitHere", group) > group, "its stack shows where it waits");
      assertTrue(one.out().contains("other threads: JVM and Ray; --all shows them"), one.out());
      Cli all = Cli.rllib("stack", "--all", Long.toString(target.pid()));
      assertTrue(all.out().length() > one.out().length() && all.out().contains("-- other threads (JVM, Ray) --"));

      Cli any = Cli.rllib("stack");
      assertEquals(0, any.code(), any.toString());
      assertTrue(any.out().contains("== pid " + target.pid() + ": "), "found without a pid:\n" + any.out());
    } finally {
      target.destroyForcibly();
      target.waitFor();
    }
  }

  @Test
  void theHeaderDropsTheJvmOptionsButKeepsTheProgramsArguments() {
    assertEquals("java io.tune4j.rllib.cli.RllibCommand train --run PPO --env CartPole-v0",
        StackCommand.abbreviate("/usr/lib/jvm/bin/java --add-opens=java.base/java.lang=ALL-UNNAMED -Xss4m -cp a.jar:b.jar"
            + " io.tune4j.rllib.cli.RllibCommand train --run PPO --env CartPole-v0"));
  }

  @Test
  void anUnknownPidIsAnError() {
    Cli r = Cli.rllib("stack", "999999999");
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("no process 999999999"), r.err());
  }
}
