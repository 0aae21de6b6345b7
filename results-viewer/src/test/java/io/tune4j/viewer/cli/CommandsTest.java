package io.tune4j.viewer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.viewer.Sweeps;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandsTest {
  @TempDir static Path dir;
  static Path exp;

  @BeforeAll
  static void sweep() {
    exp = Sweeps.quadratic(dir, "quad");
  }

  record Run(int exit, String out, String err) {}

  static Run run(Object command, String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = new CommandLine(command).execute(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void plotWritesThePngOfEveryTrial() throws Exception {
    Path png = dir.resolve("out/loss.png");
    Run r = run(new PlotCommand(), "--logdir", exp.toString(), "--metric", "mean_loss", "--x", "time_total_s",
        "--out", png.toString(), "--width", "700", "--height", "400");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("3 trials"), r.out());
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(700, img.getWidth());
    assertEquals(400, img.getHeight());
  }

  @Test
  void plotTakesSvgAndChosenTrialsFromAResultsRoot() throws Exception {
    Path svg = dir.resolve("acc.svg");
    Run r = run(new PlotCommand(), "--logdir", dir.toString(), "--metric", "mean_accuracy", "--out", svg.toString(),
        "--trial", "Quadratic_0", "--trial", "Quadratic_2");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("2 trials"), r.out());
    String text = Files.readString(svg);
    assertTrue(text.contains("Quadratic_0_lr=0.01") && !text.contains("Quadratic_1_lr"), "only the chosen trials");
  }

  @Test
  void plotRefusesBadInputNamingWhatIsWrong() {
    Run bad = run(new PlotCommand(), "--logdir", exp.toString(), "--metric", "reward", "--out", dir.resolve("a.png").toString());
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("--metric reward: no trial reported it") && bad.err().contains("mean_loss"), bad.err());
    Run ext = run(new PlotCommand(), "--logdir", exp.toString(), "--metric", "mean_loss", "--out", "a.jpg");
    assertEquals(2, ext.exit());
    assertTrue(ext.err().contains("--out 'a.jpg' must end in .png or .svg"), ext.err());
    Run none = run(new PlotCommand(), "--logdir", dir.resolve("missing").toString(), "--metric", "m", "--out", "a.png");
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("is not a directory"), none.err());
    Run trial = run(new PlotCommand(), "--logdir", exp.toString(), "--metric", "mean_loss", "--out", "b.png", "--trial", "XYZ");
    assertEquals(2, trial.exit());
    assertTrue(trial.err().contains("no trial named 'XYZ'"), trial.err());
  }

  @Test
  void viewerSaysWhenThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Run r = run(new ViewerCommand(), "--logdir", dir.toString(), "--port", Integer.toString(taken.getLocalPort()));
      assertEquals(2, r.exit());
      assertTrue(r.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()) && r.err().contains("--port"), r.err());
    }
    Run file = run(new ViewerCommand(), "--logdir", exp.resolve("experiment_state-x.json").toString() + "missing", "--port", "70000");
    assertEquals(2, file.exit());
    assertTrue(file.err().contains("--port 70000"), file.err());
  }

  @Test
  void viewerServesUntilStopped() throws Exception {
    ViewerCommand cmd = new ViewerCommand();
    cmd.stop = new java.util.concurrent.CountDownLatch(1);
    cmd.stop.countDown(); // serve, print the address, then stop at once
    Run r = run(cmd, "--logdir", dir.toString(), "--port", "0");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Tune4j results viewer on http://127.0.0.1:"), r.out());
  }
}
