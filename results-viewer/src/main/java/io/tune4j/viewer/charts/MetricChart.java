package io.tune4j.viewer.charts;

import io.tune4j.viewer.data.TrialData;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * A line chart of one metric against {@code training_iteration}, {@code timesteps_total}, {@code
 * time_total_s} or any other numeric column, one curve per trial, as PNG or SVG.
 *
 * <pre>{@code
 * ResultsStore store = new ResultsStore(Path.of("/tmp/ray_results"));
 * store.refresh();
 * List<TrialData> trials = store.experiment("my_sweep").trials();
 * List<MetricChart.Curve> curves = MetricChart.curves(trials, "episode_reward_mean", "timesteps_total");
 * JFreeChart chart = MetricChart.create("episode_reward_mean", "timesteps_total", curves);
 * try (OutputStream out = Files.newOutputStream(Path.of("reward.png"))) {
 *   MetricChart.write(chart, MetricChart.Format.PNG, out, 900, 500);
 * }
 * }</pre>
 */
public final class MetricChart {
  /** More curves than this and the legend is left out: it would hide the plot. */
  public static final int MAX_LEGEND = 12;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf)
  };

  private MetricChart() {}

  /** An image format. */
  public enum Format {
    /** Portable Network Graphics. */
    PNG("image/png"),
    /** Scalable Vector Graphics. */
    SVG("image/svg+xml");

    private final String contentType;

    Format(String contentType) {
      this.contentType = contentType;
    }

    /**
     * The HTTP content type.
     *
     * @return e.g. {@code image/png}
     */
    public String contentType() {
      return contentType;
    }

    /**
     * The format a file name asks for.
     *
     * @param fileName a name ending in {@code .png} or {@code .svg}
     * @return the format
     * @throws IllegalArgumentException naming the file when its extension is neither
     */
    public static Format ofFileName(String fileName) {
      String n = fileName.toLowerCase(Locale.ROOT);
      if (n.endsWith(".png")) {
        return PNG;
      }
      if (n.endsWith(".svg")) {
        return SVG;
      }
      throw new IllegalArgumentException("'" + fileName + "' must end in .png or .svg");
    }
  }

  /**
   * One trial's curve.
   *
   * @param label the legend text
   * @param x the x values
   * @param y the y values, as many as {@code x}
   */
  public record Curve(String label, double[] x, double[] y) {}

  /**
   * The curves of {@code metric} against {@code x} for each trial, skipping results that lack
   * either value. A trial without an {@code x} column is drawn against its result number when
   * {@code x} is {@code training_iteration}, and left out otherwise.
   *
   * @param trials the trials, in legend order
   * @param metric the y metric
   * @param x the x metric
   * @return one curve per trial that has points
   */
  public static List<Curve> curves(List<TrialData> trials, String metric, String x) {
    List<Curve> out = new ArrayList<>();
    for (TrialData t : trials) {
      double[] ys = t.values(metric);
      double[] xs = t.values(x);
      if (ys == null) {
        continue;
      }
      if (xs == null) {
        if (!x.equals("training_iteration")) {
          continue;
        }
        xs = new double[ys.length];
        for (int i = 0; i < xs.length; i++) {
          xs[i] = i + 1;
        }
      }
      int n = 0;
      double[] cx = new double[ys.length];
      double[] cy = new double[ys.length];
      for (int i = 0; i < ys.length; i++) {
        if (Double.isFinite(xs[i]) && Double.isFinite(ys[i])) {
          cx[n] = xs[i];
          cy[n] = ys[i];
          n++;
        }
      }
      if (n > 0) {
        out.add(new Curve(t.label(), java.util.Arrays.copyOf(cx, n), java.util.Arrays.copyOf(cy, n)));
      }
    }
    return out;
  }

  /**
   * A line chart of the curves, titled with the metric.
   *
   * @param metric the y metric, the chart's title and y-axis label
   * @param x the x metric, the x-axis label
   * @param curves the curves
   * @return the chart; with no curves it says so in its subtitle
   */
  public static JFreeChart create(String metric, String x, List<Curve> curves) {
    XYSeriesCollection data = new XYSeriesCollection();
    int i = 0;
    for (Curve c : curves) {
      // Two trials may share a label (a resumed name); the series key must be unique.
      XYSeries s = new XYSeries(new SeriesKey(c.label(), i++), false, true);
      for (int k = 0; k < c.x().length; k++) {
        s.add(c.x()[k], c.y()[k], false);
      }
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(
        metric, x, metric, data, PlotOrientation.VERTICAL, curves.size() <= MAX_LEGEND, false, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    if (curves.isEmpty()) {
      chart.addSubtitle(new TextTitle("no results with " + metric + " and " + x + " yet"));
    } else if (curves.size() > MAX_LEGEND) {
      chart.addSubtitle(new TextTitle(curves.size() + " trials (legend left out)"));
    }
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xdddddd));
    plot.setRangeGridlinePaint(new Color(0xdddddd));
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    NumberAxis domain = (NumberAxis) plot.getDomainAxis();
    domain.setAutoRangeIncludesZero(false);
    if (curves.stream().allMatch(c -> java.util.Arrays.stream(c.x()).allMatch(v -> v == Math.rint(v)))) {
      domain.setStandardTickUnits(NumberAxis.createIntegerTickUnits()); // iterations, timesteps
    }
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    for (int k = 0; k < curves.size(); k++) {
      r.setSeriesPaint(k, PALETTE[k % PALETTE.length]);
      r.setSeriesStroke(k, new BasicStroke(2f));
      r.setSeriesShapesVisible(k, curves.get(k).x().length == 1);
    }
    plot.setRenderer(r);
    return chart;
  }

  /**
   * Writes the chart.
   *
   * @param chart the chart
   * @param format PNG or SVG
   * @param out where the bytes go (left open)
   * @param width the width in pixels
   * @param height the height in pixels
   * @throws IOException when {@code out} fails
   */
  public static void write(JFreeChart chart, Format format, OutputStream out, int width, int height)
      throws IOException {
    if (format == Format.PNG) {
      ChartUtils.writeChartAsPNG(out, chart, width, height);
    } else {
      SVGGraphics2D g = new SVGGraphics2D(width, height);
      chart.draw(g, new Rectangle(0, 0, width, height));
      out.write(g.getSVGDocument().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A legend label that stays unique when two trials share it. */
  private record SeriesKey(String label, int index) implements Comparable<SeriesKey> {
    @Override
    public int compareTo(SeriesKey o) {
      return Integer.compare(index, o.index);
    }

    @Override
    public String toString() {
      return label;
    }
  }
}
