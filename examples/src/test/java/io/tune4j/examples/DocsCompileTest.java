package io.tune4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fenced {@code java} block of README.md and docs/**.md compiles against the project. A block
 * that is a whole compilation unit (it has {@code import} lines) compiles as it is; any other block
 * becomes the body of a method, its top-level type declarations nested classes, with the project's
 * packages imported. A block may opt out only with a visible {@code <!-- not compiled: REASON -->}
 * line right above its fence. The README's first example also runs.
 */
@Tag("ray")
class DocsCompileTest {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  static final Pattern FENCE = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);
  static final Pattern TYPE_START =
      Pattern.compile("^(public |static |final |abstract )*(class|interface|record|enum) (\\w+)");
  static final String IMPORTS =
      String.join(
          "\n",
          "import io.tune4j.tune.*;",
          "import io.tune4j.tune.analysis.*;",
          "import io.tune4j.tune.trainable.*;",
          "import io.tune4j.tune.runtime.*;",
          "import io.tune4j.rllib.agents.*;",
          "import io.tune4j.rllib.agents.ppo.*;",
          "import io.tune4j.rllib.agents.pg.*;",
          "import io.tune4j.rllib.agents.dqn.*;",
          "import io.tune4j.rllib.agents.ddpg.*;",
          "import io.tune4j.rllib.agents.marwil.*;",
          "import io.tune4j.rllib.agents.a3c.*;",
          "import io.tune4j.rllib.agents.impala.*;",
          "import io.tune4j.rllib.agents.es.*;",
          "import io.tune4j.rllib.env.*;",
          "import io.tune4j.rllib.serving.*;",
          "import io.tune4j.rllib.env.classic.*;",
          "import io.tune4j.rllib.env.monitor.*;",
          "import io.tune4j.rllib.evaluation.*;",
          "import io.tune4j.rllib.policy.*;",
          "import io.tune4j.rllib.models.ModelConfigBuilder;",
          "import io.tune4j.rllib.agents.ppo.PpoConfig;",
          "import io.tune4j.examples.CurriculumCartPole;",
          "import io.tune4j.examples.SimpleCorridor;",
          "import io.tune4j.examples.MultiAgentCartPole;",
          "import io.tune4j.search.Mode;",
          "import io.tune4j.search.Searcher;",
          "import io.tune4j.search.SearchSpace;",
          "import io.tune4j.search.algorithms.*;",
          "import io.tune4j.schedulers.*;",
          "import io.ray.api.*;",
          "import java.util.*;",
          "import java.nio.file.*;",
          "import java.io.OutputStream;",
          "import io.tune4j.viewer.data.*;",
          "import io.tune4j.viewer.charts.*;",
          "import io.tune4j.viewer.web.*;",
          "import io.tune4j.viewer.cli.*;",
          "import picocli.CommandLine;",
          "import org.jfree.chart.JFreeChart;",
          "");

  @TempDir Path tmp;

  /** A block of a doc: file, line of its fence, code. */
  record Block(Path file, int line, String code) {
    String className() {
      String f = ROOT.relativize(file).toString().replaceAll("[^A-Za-z0-9]", "_");
      return "Doc_" + f + "_" + line;
    }
  }

  static List<Block> blocks() throws IOException {
    List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> s = Files.walk(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    List<Block> out = new ArrayList<>();
    for (Path f : files) {
      String text = Files.readString(f);
      Matcher m = FENCE.matcher(text);
      while (m.find()) {
        String before = text.substring(0, m.start());
        int line = before.split("\n", -1).length;
        String prev = before.strip();
        int nl = prev.lastIndexOf('\n');
        String lastLine = nl < 0 ? prev : prev.substring(nl + 1);
        if (lastLine.startsWith("<!-- not compiled:")) {
          continue;
        }
        out.add(new Block(f, line, m.group(1)));
      }
    }
    return out;
  }

  /** The source file for a block. */
  static String source(Block b) {
    String code = b.code();
    if (code.lines().anyMatch(l -> l.startsWith("import "))) {
      return code; // a whole compilation unit
    }
    StringBuilder types = new StringBuilder();
    StringBuilder body = new StringBuilder();
    List<String> lines = code.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      Matcher t = TYPE_START.matcher(l);
      if (t.find()) {
        int depth = 0;
        boolean opened = false;
        for (; i < lines.size(); i++) {
          String x = lines.get(i);
          types.append(x.startsWith("public class") || x.startsWith("class")
              ? "static " + x.replaceFirst("^public ", "") : x).append('\n');
          for (char c : x.toCharArray()) {
            if (c == '{') {
              depth++;
              opened = true;
            } else if (c == '}') {
              depth--;
            }
          }
          if (opened && depth == 0) {
            break;
          }
        }
      } else {
        body.append(l).append('\n');
      }
    }
    return IMPORTS
        + "@SuppressWarnings({\"unchecked\", \"unused\"})\n"
        + "public class " + b.className() + " {\n"
        + types
        + "  static void snippet() throws Exception {\n"
        + body
        + "  }\n}\n";
  }

  @Test
  void everyJavaBlockCompiles() throws IOException {
    List<Block> blocks = blocks();
    assertTrue(blocks.size() >= 15, "found only " + blocks.size() + " java blocks");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> failures = new ArrayList<>();
    for (Block b : blocks) {
      Path dir = Files.createDirectories(tmp.resolve(b.className()));
      String src = source(b);
      Matcher cls = Pattern.compile("public class (\\w+)").matcher(src);
      String name = cls.find() ? cls.group(1) : b.className();
      Path file = dir.resolve(name + ".java");
      Files.writeString(file, src);
      StringWriter err = new StringWriter();
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      int code =
          javac.run(null, new PrintStream(sink), new PrintStream(new WriterStream(err)),
              "-proc:none", "-nowarn", "-cp", System.getProperty("java.class.path"), "-d", dir.toString(), file.toString());
      if (code != 0) {
        failures.add(ROOT.relativize(b.file()) + ":" + b.line() + " does not compile:\n" + err);
      }
    }
    assertEquals(List.of(), failures, String.join("\n", failures));
  }

  /** The public API types whose javadoc examples must compile (STYLE.md: javadoc is API). */
  static final List<String> API_TYPES =
      List.of(
          "tune/src/main/java/io/tune4j/tune/Tune.java",
          "tune/src/main/java/io/tune4j/tune/RunOptions.java",
          "tune/src/main/java/io/tune4j/tune/analysis/ExperimentAnalysis.java",
          "schedulers/src/main/java/io/tune4j/schedulers/AsyncHyperBandScheduler.java",
          "schedulers/src/main/java/io/tune4j/schedulers/HyperBandScheduler.java",
          "schedulers/src/main/java/io/tune4j/schedulers/MedianStoppingRule.java",
          "schedulers/src/main/java/io/tune4j/schedulers/PopulationBasedTraining.java",
          "schedulers/src/main/java/io/tune4j/schedulers/PB2.java",
          "search/src/main/java/io/tune4j/search/algorithms/BayesOptSearcher.java",
          "search/src/main/java/io/tune4j/search/algorithms/TpeSearcher.java",
          "search/src/main/java/io/tune4j/search/algorithms/ConcurrencyLimiter.java",
          "rllib/src/main/java/io/tune4j/rllib/agents/Trainer.java",
          "rllib/src/main/java/io/tune4j/rllib/agents/ppo/PpoConfig.java",
          "rllib/src/main/java/io/tune4j/rllib/agents/pg/PgConfig.java",
          "rllib/src/main/java/io/tune4j/rllib/agents/dqn/DqnConfig.java",
          "rllib/src/main/java/io/tune4j/rllib/agents/dqn/DqnTrainer.java",
          "rllib/src/main/java/io/tune4j/rllib/agents/dqn/ApexTrainer.java",
          "rllib/src/main/java/io/tune4j/rllib/agents/ddpg/DdpgConfig.java",
          "rllib/src/main/java/io/tune4j/rllib/agents/ddpg/DdpgTrainer.java",
          "rllib/src/main/java/io/tune4j/rllib/agents/impala/ImpalaTrainer.java",
          "rllib/src/main/java/io/tune4j/rllib/agents/es/EsTrainer.java",
          "rllib/src/main/java/io/tune4j/rllib/policy/PolicySpec.java",
          "rllib/src/main/java/io/tune4j/rllib/env/Env.java",
          "rllib/src/main/java/io/tune4j/rllib/env/monitor/Monitor.java",
          "rllib/src/main/java/io/tune4j/rllib/env/EnvWrapper.java",
          "rllib/src/main/java/io/tune4j/rllib/env/monitor/VideoRecorder.java",
          "rllib/src/main/java/io/tune4j/rllib/policy/SampleBatch.java",
          "results-viewer/src/main/java/io/tune4j/viewer/web/ResultsViewer.java",
          "results-viewer/src/main/java/io/tune4j/viewer/data/ResultsStore.java",
          "results-viewer/src/main/java/io/tune4j/viewer/data/ExperimentData.java",
          "results-viewer/src/main/java/io/tune4j/viewer/data/TrialData.java",
          "results-viewer/src/main/java/io/tune4j/viewer/charts/MetricChart.java",
          "results-viewer/src/main/java/io/tune4j/viewer/cli/PlotCommand.java",
          "results-viewer/src/main/java/io/tune4j/viewer/cli/ViewerCommand.java");

  static final Pattern JAVADOC_CODE = Pattern.compile("<pre>\\{@code\\n(.*?)\\n\\s*\\* \\}</pre>", Pattern.DOTALL);

  @Test
  void theJavadocExamplesOfThePublicApiCompile() throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> failures = new ArrayList<>();
    int n = 0;
    for (String rel : API_TYPES) {
      Path f = ROOT.resolve(rel);
      String text = Files.readString(f);
      Matcher m = JAVADOC_CODE.matcher(text);
      while (m.find()) {
        n++;
        String code =
            m.group(1).lines().map(l -> l.replaceFirst("^\\s*\\* ?", "")).reduce("", (a, b) -> a + b + "\n")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("{@literal @}", "@");
        int line = text.substring(0, m.start()).split("\n", -1).length;
        Block b = new Block(f, line, code);
        Path dir = Files.createDirectories(tmp.resolve("javadoc").resolve(b.className()));
        Path file = dir.resolve(b.className() + ".java");
        Files.writeString(file, source(b));
        StringWriter err = new StringWriter();
        int code2 =
            javac.run(null, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new WriterStream(err)),
                "-proc:none", "-nowarn", "-cp", System.getProperty("java.class.path"), "-d", dir.toString(), file.toString());
        if (code2 != 0) {
          failures.add(rel + ":" + line + " javadoc example does not compile:\n" + err);
        }
      }
    }
    assertTrue(n >= 12, "found only " + n + " javadoc examples");
    assertEquals(List.of(), failures, String.join("\n", failures));
  }

  @Test
  void theReadmesFirstExampleRuns() throws Exception {
    Block first = blocks().stream().filter(b -> b.file().endsWith("README.md")).findFirst().orElseThrow();
    Path dir = Files.createDirectories(tmp.resolve("readme"));
    String src = source(first).replace("static void snippet()", "public static void snippet()");
    Files.writeString(dir.resolve(first.className() + ".java"), src);
    int code =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-proc:none", "-cp", System.getProperty("java.class.path"), "-d", dir.toString(),
                dir.resolve(first.className() + ".java").toString());
    assertEquals(0, code);
    String oldHome = System.getProperty("user.home");
    System.setProperty("user.home", tmp.toString()); // results under tmp/ray_results
    try (URLClassLoader cl = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Thread.currentThread().setContextClassLoader(cl);
      cl.loadClass(first.className()).getMethod("snippet").invoke(null);
    } finally {
      Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
      System.setProperty("user.home", oldHome);
    }
    try (Stream<Path> s = Files.walk(tmp.resolve("ray_results"))) {
      assertEquals(2, s.filter(p -> p.endsWith("result.json")).count(), "two trials ran");
    }
  }

  /** A PrintStream target writing into a StringWriter. */
  static final class WriterStream extends java.io.OutputStream {
    private final StringWriter w;

    WriterStream(StringWriter w) {
      this.w = w;
    }

    @Override
    public void write(int b) {
      w.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      w.write(new String(b, off, len, StandardCharsets.UTF_8));
    }
  }
}
