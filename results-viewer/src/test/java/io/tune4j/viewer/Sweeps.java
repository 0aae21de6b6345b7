package io.tune4j.viewer;

import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.trainable.Trainable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Real experiments written by {@code Tune.run}, for the viewer's tests. */
public final class Sweeps {
  private Sweeps() {}

  /**
   * A loss that falls faster with a larger lr; lr 1.0 diverges (throws) in its third iteration.
   * Reports a nested learner stat too, and checkpoints every iteration.
   */
  public static class Quadratic extends Trainable {
    @Override
    protected Map<String, Object> step() {
      double lr = ((Number) config().get("lr")).doubleValue();
      long it = iteration();
      if (lr >= 1.0 && it == 2) {
        throw new IllegalStateException("diverged at lr=" + lr);
      }
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("mean_loss", 1.0 / (1 + 10 * lr * (it + 1)));
      r.put("mean_accuracy", 1.0 - 1.0 / (2 + lr * (it + 1)));
      r.put("info", Map.of("learner", Map.of("grad_norm", lr * (it + 1))));
      return r;
    }

    @Override
    protected Path saveCheckpoint(Path d) throws Exception {
      return Files.writeString(d.resolve("it"), Long.toString(iteration()));
    }
  }

  /**
   * Runs three Quadratic trials (lr 0.01, 0.1 and 1.0; momentum 0.9) for 5 iterations into
   * {@code localDir/name}: two end TERMINATED with 5 results and checkpoints, one ends in ERROR
   * after 2.
   *
   * @return the experiment directory
   */
  public static Path quadratic(Path localDir, String name) {
    Tune.run(RunOptions.of(Quadratic.class).name(name).localDir(localDir).verbose(0).rayNumCpus(2)
        .checkpointFreq(1).raiseOnFailedTrial(false)
        .config(Map.of("lr", Tune.gridSearch(0.01, 0.1, 1.0), "momentum", 0.9, "model", Map.of("hidden", List.of(8))))
        .stop(Map.of("training_iteration", 5)));
    return localDir.resolve(name);
  }

  /**
   * Writes an H.264 MP4 of {@code frames} frames (a square moving right on white) as gym's
   * monitor names them, into a trial directory.
   *
   * @return the file
   */
  public static Path monitorVideo(Path trialDir, int episode, int frames, int fps) throws Exception {
    Path file = trialDir.resolve(String.format("openaigym.video.0.%d.video%06d.mp4", 4242, episode));
    org.jcodec.api.awt.AWTSequenceEncoder enc = org.jcodec.api.awt.AWTSequenceEncoder.createSequenceEncoder(file.toFile(), fps);
    for (int i = 0; i < frames; i++) {
      java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_INT_RGB);
      java.awt.Graphics2D g = img.createGraphics();
      g.setColor(java.awt.Color.WHITE);
      g.fillRect(0, 0, 320, 240);
      g.setColor(java.awt.Color.BLACK);
      g.fillRect(10 + i * 5, 100, 40, 40);
      g.dispose();
      enc.encodeImage(img);
    }
    enc.finish();
    return file;
  }

  /**
   * Runs two function trainables that report {@code iterations} times, sleeping {@code sleepMs}
   * between reports: an experiment being written while a test reads it.
   *
   * @return the experiment directory
   */
  public static Path slow(Path localDir, String name, int iterations, long sleepMs) {
    Tune.run(RunOptions.of((io.tune4j.tune.trainable.TrainableFunction) (config, reporter) -> {
          double lr = ((Number) config.get("lr")).doubleValue();
          for (int i = 1; i <= iterations; i++) {
            Thread.sleep(sleepMs);
            reporter.report("mean_loss", lr / i, "step", i);
          }
        }).name(name).localDir(localDir).verbose(0).rayNumCpus(2)
        .config(Map.of("lr", Tune.gridSearch(0.5, 2.0))));
    return localDir.resolve(name);
  }
}
