package io.tune4j.tune.trial;

import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.trainable.Trainable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The sweep {@link ResumeTest} kills and resumes: three trials of a slow counter that checkpoints
 * every third iteration. Run as a program, it runs the sweep (args: local dir, {@code resume} or
 * {@code fresh}).
 */
public final class ResumeDriver {
  private ResumeDriver() {}

  /** Counts steps slowly; checkpoints the count. */
  public static class SlowCounter extends Trainable {
    int n;

    @Override
    protected Map<String, Object> step() throws Exception {
      Thread.sleep(40);
      n++;
      return Map.of("n", n, "x", config().get("x"));
    }

    @Override
    protected Path saveCheckpoint(Path d) throws Exception {
      return Files.writeString(d.resolve("n.txt"), Integer.toString(n));
    }

    @Override
    protected void loadCheckpoint(Path p) throws Exception {
      n = Integer.parseInt(Files.readString(p).trim());
    }
  }

  /** The sweep's options. */
  static RunOptions options(Path localDir, boolean resume) {
    return RunOptions.of(SlowCounter.class).name("killed").localDir(localDir).verbose(0).rayNumCpus(2)
        .config(Map.of("x", Tune.gridSearch(1, 2, 3))).stop(Map.of("training_iteration", 30))
        .checkpointFreq(3).globalCheckpointPeriodS(0.1).resume(resume);
  }

  /**
   * Runs the sweep.
   *
   * @param args the local directory and {@code resume} or {@code fresh}
   */
  public static void main(String[] args) {
    Tune.run(options(Path.of(args[0]), args[1].equals("resume")));
    System.exit(0);
  }
}
