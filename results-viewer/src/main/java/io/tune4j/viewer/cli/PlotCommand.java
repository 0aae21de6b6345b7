package io.tune4j.viewer.cli;

import io.tune4j.viewer.charts.MetricChart;
import io.tune4j.viewer.data.ExperimentData;
import io.tune4j.viewer.data.ResultsStore;
import io.tune4j.viewer.data.TrialData;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/tune4j plot}: writes the viewer's chart of one metric for the trials under a
 * directory to a PNG or SVG file.
 *
 * <pre>{@code
 * int exit = new CommandLine(new PlotCommand()).execute(
 *     "--logdir", "/tmp/ray_results/my_sweep", "--metric", "mean_loss", "--out", "loss.png");
 * }</pre>
 */
@Command(
    name = "tune4j plot",
    description = "Writes a chart of one metric against training_iteration (or --x) for every trial under"
        + " --logdir (an experiment directory, or a results root: then every experiment's trials): the chart"
        + " the results viewer shows. The file's extension picks PNG or SVG.")
public final class PlotCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
  boolean help;

  @Option(names = "--logdir", required = true, paramLabel = "DIR", description = "an experiment directory or a results root")
  Path logdir;

  @Option(names = "--metric", required = true, paramLabel = "M", description = "the metric to plot, e.g. episode_reward_mean")
  String metric;

  @Option(names = "--x", paramLabel = "X",
      description = "the x axis: training_iteration (default), timesteps_total, time_total_s or any numeric column")
  String x = "training_iteration";

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "the image to write: FILE.png or FILE.svg")
  Path out;

  @Option(names = "--trial", paramLabel = "NAME",
      description = "only this trial (its directory name, or the start of it); repeat for more")
  List<String> trials = new ArrayList<>();

  @Option(names = "--width", paramLabel = "PX", description = "image width (default: ${DEFAULT-VALUE})")
  int width = 1000;

  @Option(names = "--height", paramLabel = "PX", description = "image height (default: ${DEFAULT-VALUE})")
  int height = 560;

  @Override
  public Integer call() throws IOException {
    MetricChart.Format format;
    try {
      format = MetricChart.Format.ofFileName(out.getFileName().toString());
    } catch (IllegalArgumentException e) {
      System.err.println("tune4j plot: --out " + e.getMessage());
      return 2;
    }
    if (width < 100 || height < 100 || width > 10000 || height > 10000) {
      System.err.println("tune4j plot: --width and --height must be from 100 to 10000 pixels");
      return 2;
    }
    if (!Files.isDirectory(logdir)) {
      System.err.println("tune4j plot: --logdir " + logdir + " is not a directory");
      return 2;
    }
    ResultsStore store = new ResultsStore(logdir);
    store.refresh();
    List<ExperimentData> exps = store.experiments();
    List<TrialData> all = new ArrayList<>();
    for (ExperimentData e : exps) {
      all.addAll(e.trials());
    }
    if (all.isEmpty()) {
      System.err.println("tune4j plot: no trials (directories with a params.json) under " + logdir);
      return 2;
    }
    List<TrialData> chosen = new ArrayList<>();
    for (String want : trials) {
      List<TrialData> match = all.stream().filter(t -> t.name().equals(want) || t.name().startsWith(want)).toList();
      if (match.isEmpty()) {
        System.err.println("tune4j plot: --trial: no trial named '" + want + "' under " + logdir);
        return 2;
      }
      chosen.addAll(match);
    }
    if (chosen.isEmpty()) {
      chosen = all;
    }
    Set<String> metrics = new LinkedHashSet<>();
    chosen.forEach(t -> metrics.addAll(t.metrics()));
    for (String[] need : new String[][] {{"--metric", metric}, {"--x", x}}) {
      if (!metrics.contains(need[1]) && !(need[0].equals("--x") && need[1].equals("training_iteration"))) {
        System.err.println("tune4j plot: " + need[0] + " " + need[1] + ": no trial reported it; the numeric columns are: "
            + abbreviate(metrics));
        return 2;
      }
    }
    List<MetricChart.Curve> curves = MetricChart.curves(chosen, metric, x);
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream o = Files.newOutputStream(out)) {
      MetricChart.write(MetricChart.create(metric, x, curves), format, o, width, height);
    }
    System.out.println("wrote " + out + ": " + metric + " against " + x + ", " + curves.size() + " trials");
    return 0;
  }

  private static String abbreviate(Set<String> metrics) {
    List<String> l = new ArrayList<>(metrics);
    return l.size() <= 30 ? String.join(", ", l) : String.join(", ", l.subList(0, 30)) + ", ... (" + l.size() + " in all)";
  }

  /**
   * Entry point.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new PlotCommand()).execute(args));
  }
}
