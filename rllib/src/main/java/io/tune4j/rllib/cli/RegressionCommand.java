package io.tune4j.rllib.cli;

import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.TuneException;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rllib regression [FILE|DIR]...}: RLlib's learning regression run ({@code
 * run_regression_tests.py}). Every experiment of every YAML runs through Tune; it passes when its
 * last {@code episode_reward_mean} reaches the {@code episode_reward_mean} of its {@code stop}
 * before the other stop conditions (the timestep cap) end it, with up to {@code --tries} tries (3,
 * as RLlib's CI). A bar on {@code evaluation/episode_reward_mean} (an offline algorithm evaluated on
 * the real env) is read the same way. A try after the first adds its number minus one to the
 * config's {@code seed}, so a seeded file does not repeat the same run. An experiment without a
 * reward bar passes when its trials end without an error. An experiment that writes experience
 * ({@code output}) starts from an output directory emptied of earlier {@code output-*.json} files,
 * so that the next experiment reads only this run's data. Prints a table and exits with 1 if any
 * experiment failed, 2 on a bad file before anything runs.
 *
 * <pre>{@code
 * int exit = RllibCommand.newCommandLine().execute("regression", "regression_tests/cartpole-pg.yaml");
 * }</pre>
 */
@Command(
    name = "regression",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Runs RLlib-format learning regression files and prints a table: algorithm, env, bar, reward",
      "reached, steps, seconds, tries, PASS/FAIL. Each experiment passes when its last",
      "episode_reward_mean (or evaluation/episode_reward_mean) reaches the same key of its stop",
      "before its other stop conditions (the timestep cap) end it; it gets up to --tries tries (a try",
      "after the first shifts the config's seed by its number minus one). Without FILE|DIR it runs",
      "the files Tune4j ships (regression_tests: every algorithm on RLlib's bars, seeded)."
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  rllib regression                                   # every shipped file",
      "  rllib regression regression_tests/cartpole-dqn.yaml",
      "  rllib regression my_regressions/ --tries 1",
      "",
      "Exit codes: 0 all passed, 1 an experiment failed, 2 a file is missing or invalid."
    })
public final class RegressionCommand implements Callable<Integer> {
  /** The shipped regression files, on the classpath. */
  public static final String SHIPPED = "regression_tests";

  @Spec CommandSpec spec;
  @Mixin VerboseMixin verbose;

  @Parameters(
      arity = "0..*",
      paramLabel = "FILE|DIR",
      description = "YAML or JSON experiment files, or directories of them (default: the shipped files).")
  List<String> paths = new ArrayList<>();

  @Option(names = "--tries", paramLabel = "N", defaultValue = "3",
      description = "Tries per experiment before it fails (default ${DEFAULT-VALUE}).")
  int tries;

  @Option(names = "--local-dir", paramLabel = "DIR",
      description = "Where the trials' results go (default: ~/ray_results/regression).")
  Path localDir;

  /** For picocli. */
  public RegressionCommand() {}

  /** One experiment to run: where it came from, its name and its spec. */
  private record Case(ExperimentFile file, String name, Map<String, Object> spec) {}

  /** One experiment's outcome, a row of the table. */
  record Row(String name, String algorithm, String env, String bar, double reward, long steps, double seconds,
      int tries, boolean passed) {}

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    String me = spec.qualifiedName();
    if (tries < 1) {
      return verbose.fail(err, me, "--tries must be at least 1, got " + tries, null, 2);
    }
    List<Case> cases = new ArrayList<>();
    try {
      for (String f : files(paths.isEmpty() ? List.of(SHIPPED) : paths)) {
        ExperimentFile file = ExperimentFile.read(f);
        for (Map.Entry<String, Map<String, Object>> e : file.experiments().entrySet()) {
          ExperimentCheck.check(e.getKey(), e.getValue(), file); // every file is valid before anything runs
          cases.add(new Case(file, e.getKey(), e.getValue()));
        }
      }
    } catch (IllegalArgumentException | TuneException | UncheckedIOException e) {
      return verbose.fail(err, me, e.getMessage(), e, 2);
    }
    if (cases.isEmpty()) {
      return verbose.fail(err, me, "no experiments in " + String.join(", ", paths), null, 2);
    }
    Path dir = localDir != null ? localDir : Tune.defaultLocalDir().resolve("regression");
    List<Row> rows = new ArrayList<>();
    for (Case c : cases) {
      Row row = null;
      for (int t = 1; t <= tries; t++) {
        err.printf("%s: %s (%s), try %d of %d%n", me, c.name(), c.file().source(), t, tries);
        err.flush();
        row = runOnce(c, t, dir);
        err.printf("%s: %s %s: reward %s after %,d steps, %.1f s%n", me, c.name(), row.passed() ? "passed" : "failed",
            fmt(row.reward()), row.steps(), row.seconds());
        err.flush();
        if (row.passed()) {
          break;
        }
      }
      rows.add(row);
    }
    out.print(table(rows));
    long failed = rows.stream().filter(r -> !r.passed()).count();
    out.printf("%d of %d passed%n", rows.size() - failed, rows.size());
    out.flush();
    return failed == 0 ? 0 : 1;
  }

  @SuppressWarnings("unchecked")
  private Row runOnce(Case c, int attempt, Path dir) {
    Map<String, Object> spec = new LinkedHashMap<>(c.spec());
    Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) spec.getOrDefault("config", Map.of()));
    if (attempt > 1 && config.get("seed") instanceof Number seed) {
      config.put("seed", seed.longValue() + attempt - 1);
    }
    spec.put("config", config);
    Map<String, Object> stop = (Map<String, Object>) spec.getOrDefault("stop", Map.of());
    String barKey = stop.containsKey("episode_reward_mean") ? "episode_reward_mean"
        : stop.containsKey("evaluation/episode_reward_mean") ? "evaluation/episode_reward_mean" : null;
    Object bar = barKey == null ? null : stop.get(barKey);
    if (config.get("output") instanceof String out) {
      emptyOutput(Path.of(RunOptions.expandHome(out)));
    }
    String algorithm = String.valueOf(spec.get("run"));
    String env = String.valueOf(spec.containsKey("env") ? spec.get("env") : config.get("env"));
    RunOptions o = ExperimentCheck.check(c.name(), spec, c.file()).localDir(dir).verbose(verbose.isVerbose() ? 1 : 0)
        .raiseOnFailedTrial(false);
    long t0 = System.nanoTime();
    ExperimentAnalysis a = Tune.run(o);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double reward = Double.NaN;
    long steps = 0;
    boolean passed = !a.trials().isEmpty();
    for (TrialResult t : a.trials()) {
      Map<String, Object> last = t.lastResult();
      Object v = last == null ? null : io.tune4j.tune.stopper.CriteriaStopper.lookup(last, barKey == null
          ? "episode_reward_mean" : barKey);
      double r = v instanceof Number n ? n.doubleValue() : Double.NaN;
      reward = Double.isNaN(reward) ? r : Math.max(reward, r);
      steps = Math.max(steps, last != null && last.get("timesteps_total") instanceof Number n ? n.longValue() : 0);
      boolean ok = !"ERROR".equals(t.status())
          && (!(bar instanceof Number b) || !Double.isNaN(r) && r >= b.doubleValue());
      passed &= ok;
    }
    String barText = bar instanceof Number b ? (barKey.startsWith("evaluation/") ? "eval " : "") + fmt(b.doubleValue()) : "-";
    return new Row(c.name(), algorithm, env, barText, reward, steps, seconds, attempt, passed);
  }

  /** Deletes a JSON writer's files ({@code output-*.json}) from an output directory. */
  private void emptyOutput(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      int n = 0;
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith("output-") && name.endsWith(".json")) {
          Files.delete(p);
          n++;
        }
      }
      if (n > 0) {
        spec.commandLine().getErr().printf("%s: removed %d earlier output files from %s%n", spec.qualifiedName(), n, dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty the output directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The table, one row per experiment. */
  static String table(List<Row> rows) {
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"experiment", "algorithm", "env", "bar", "reached", "steps", "seconds", "tries", "result"});
    for (Row r : rows) {
      cells.add(new String[] {r.name(), r.algorithm(), r.env(), r.bar(), fmt(r.reward()),
        String.format(Locale.ROOT, "%,d", r.steps()), String.format(Locale.ROOT, "%.1f", r.seconds()),
        Integer.toString(r.tries()), r.passed() ? "PASS" : "FAIL"});
    }
    int[] w = new int[cells.get(0).length];
    for (String[] row : cells) {
      for (int i = 0; i < row.length; i++) {
        w[i] = Math.max(w[i], row[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] row : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        boolean right = i >= 3 && i <= 7;
        String cell = right ? " ".repeat(w[i] - row[i].length()) + row[i] : row[i] + " ".repeat(w[i] - row[i].length());
        line.append(i == 0 ? "" : "  ").append(cell);
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  private static String fmt(double v) {
    return Double.isNaN(v) ? "-" : v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  /**
   * The experiment files the arguments name: files as given, directories (on disk, or on the
   * classpath such as the shipped one) as their {@code .yaml}, {@code .yml} and {@code .json}
   * files in name order.
   */
  static List<String> files(List<String> args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      Path p = Path.of(RunOptions.expandHome(a));
      if (Files.isDirectory(p)) {
        out.addAll(list(p).stream().map(Path::toString).toList());
      } else if (Files.exists(p)) {
        out.add(a);
      } else {
        List<String> inJar = classpathDir(a);
        if (inJar == null) {
          out.add(a); // a classpath file, or missing: ExperimentFile.read says which
        } else {
          out.addAll(inJar);
        }
      }
    }
    return out;
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.toString().matches(".*\\.(yaml|yml|json)$")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The experiment files of a classpath directory, as classpath names; null when it is not one. */
  private static List<String> classpathDir(String name) {
    String dir = name.replaceAll("/+$", "");
    URL url = RegressionCommand.class.getClassLoader().getResource(dir);
    if (url == null) {
      return null;
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("file")) {
        Path p = Path.of(uri);
        return Files.isDirectory(p) ? list(p).stream().map(f -> dir + "/" + f.getFileName()).toList() : null;
      }
      if (uri.getScheme().equals("jar")) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        Path p = fs.getPath(dir);
        return Files.isDirectory(p) ? list(p).stream().map(f -> dir + "/" + f.getFileName()).toList() : null;
      }
    } catch (IOException | URISyntaxException e) {
      throw new UncheckedIOException("cannot list the classpath directory " + dir + ": " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
    return Collections.emptyList();
  }
}
