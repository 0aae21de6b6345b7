package io.tune4j.viewer.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.viewer.Sweeps;
import io.tune4j.viewer.data.ResultsStore;
import io.tune4j.viewer.data.TrialData;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class MetricChartTest {
  @TempDir static Path dir;
  static List<TrialData> trials;

  @BeforeAll
  static void sweep() {
    Sweeps.quadratic(dir, "quad");
    ResultsStore store = new ResultsStore(dir);
    store.refresh();
    trials = store.experiment("quad").trials();
  }

  @Test
  void curvesFollowTheResultsAndSkipMissingPoints() throws Exception {
    List<MetricChart.Curve> curves = MetricChart.curves(trials, "mean_loss", "training_iteration");
    assertEquals(3, curves.size());
    MetricChart.Curve first = curves.get(0);
    assertTrue(first.label().startsWith("Quadratic_0_lr=0.01"), first.label());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5}, first.x());
    assertEquals(1.0 / (1 + 10 * 0.01 * 3), first.y()[2], 1e-12);
    assertEquals(2, curves.get(2).x().length, "lr 1.0 failed after two results");
    assertTrue(MetricChart.curves(trials, "no_such_metric", "training_iteration").isEmpty());
    assertTrue(MetricChart.curves(trials, "mean_loss", "no_such_x").isEmpty(), "no x column: left out");
  }

  @Test
  void pngIsAnImageOfTheAskedSize() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MetricChart.write(MetricChart.create("mean_loss", "timesteps_total",
        MetricChart.curves(trials, "mean_loss", "time_total_s")), MetricChart.Format.PNG, out, 640, 360);
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
    assertEquals(640, img.getWidth());
    assertEquals(360, img.getHeight());
    // The first curve's colour is in the picture: something was drawn, not just a frame.
    int blue = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xffffff) == 0x1f77b4) {
          blue++;
        }
      }
    }
    assertTrue(blue > 50, "curve pixels: " + blue);
  }

  @Test
  void svgIsAWellFormedDocumentNamingTheTrials() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MetricChart.write(MetricChart.create("mean_loss", "training_iteration",
        MetricChart.curves(trials, "mean_loss", "training_iteration")), MetricChart.Format.SVG, out, 800, 400);
    String svg = out.toString(StandardCharsets.UTF_8);
    DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
    xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document doc = xml.newDocumentBuilder()
        .parse(new ByteArrayInputStream(out.toByteArray()));
    assertEquals("svg", doc.getDocumentElement().getNodeName());
    assertTrue(svg.contains("Quadratic_1_lr=0.1"), "the legend names the trials");
    assertTrue(svg.contains("<path") || svg.contains("<line") || svg.contains("<polyline"), "curves are drawn");
  }

  @Test
  void theFormatComesFromTheFileName() {
    assertEquals(MetricChart.Format.PNG, MetricChart.Format.ofFileName("a/b.PNG"));
    assertEquals(MetricChart.Format.SVG, MetricChart.Format.ofFileName("c.svg"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MetricChart.Format.ofFileName("c.jpg"));
    assertTrue(e.getMessage().contains("c.jpg"), e.getMessage());
    assertTrue(Files.isDirectory(dir));
  }
}
