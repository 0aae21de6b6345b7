package io.tune4j.examples.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Ray 2.58.0 in a venv of its own for the cluster tests: {@code TUNE4J_RAY_VENV}, else {@code
 * ~/.cache/tune4j/ray-2.58.0}, installed with pip on first use (about 15 s) from the package index
 * that pip's configuration names (the public index is not reachable on these machines). When pip
 * cannot install it the tests are skipped with that message; nothing else skips them.
 */
final class RayInstall {
  static final String VERSION = "2.58.0";
  private static Path venv;

  private RayInstall() {}

  /** The venv holding {@code bin/ray}, installing it if needed. */
  static synchronized Path venv() throws IOException, InterruptedException {
    if (venv != null) {
      return venv;
    }
    String env = System.getenv("TUNE4J_RAY_VENV");
    Path dir =
        env != null && !env.isBlank()
            ? Path.of(env)
            : Path.of(System.getProperty("user.home"), ".cache", "tune4j", "ray-" + VERSION);
    if (!Files.isExecutable(dir.resolve("bin/ray")) || !Files.exists(dir.resolve(".tune4j-complete"))) {
      Files.createDirectories(dir.getParent());
      String out = run(List.of("python3", "-m", "venv", "--clear", dir.toString()), 120);
      List<String> pip = new ArrayList<>(List.of(dir.resolve("bin/pip").toString(), "install", "-q"));
      String index = configuredIndex();
      if (index != null) {
        pip.addAll(List.of("--index-url", index));
      }
      pip.add("ray==" + VERSION);
      out += run(pip, 900);
      Assumptions.assumeTrue(
          Files.isExecutable(dir.resolve("bin/ray")),
          "cluster tests skipped: pip could not install ray==" + VERSION + " into " + dir + ":\n" + out);
      Files.writeString(dir.resolve(".tune4j-complete"), VERSION);
    }
    venv = dir;
    return dir;
  }

  /** The first package index in pip's configuration ({@code index-url} or {@code extra-index-url}). */
  static String configuredIndex() throws IOException, InterruptedException {
    String conf = run(List.of("python3", "-m", "pip", "config", "list"), 60);
    Matcher m = Pattern.compile("(?m)^[\\w.:-]*index-url='([^'\\s]+)").matcher(conf);
    return m.find() ? m.group(1) : null;
  }

  private static String run(List<String> cmd, int seconds) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return new String(out, java.nio.charset.StandardCharsets.UTF_8);
  }
}
