package io.tune4j.tune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.TrialResult;
import io.tune4j.tune.trainable.Trainable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keep_checkpoints_num} with {@code checkpoint_score_attr}: retention follows the score. */
class CheckpointRetentionTest {
  @TempDir Path dir;

  /** Reports the scores 5, 1, 9, 3, 7, 2 at iterations 1..6. */
  public static class Scores extends Trainable {
    static final double[] SCORES = {5, 1, 9, 3, 7, 2};

    @Override
    protected Map<String, Object> step() {
      return Map.of("score", SCORES[(int) iteration()]);
    }

    @Override
    protected Path saveCheckpoint(Path d) throws Exception {
      return Files.writeString(d.resolve("state"), Long.toString(iteration()));
    }
  }

  private TreeSet<Integer> kept(String name, String attr) throws Exception {
    TrialResult t = Tune.run(RunOptions.of(Scores.class).name(name).localDir(dir).verbose(0).rayNumCpus(1)
        .stop(Map.of("training_iteration", 6)).checkpointFreq(1).keepCheckpointsNum(2)
        .checkpointScoreAttr(attr)).trials().get(0);
    TreeSet<Integer> out = new TreeSet<>();
    try (Stream<Path> s = Files.list(t.logdir())) {
      for (Path p : s.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith("checkpoint_")) {
          out.add(Integer.parseInt(n.substring("checkpoint_".length())));
        }
      }
    }
    assertEquals(t.logdir().resolve("checkpoint_6/state").toString(), t.checkpoint(), "the newest is the trial's checkpoint");
    return out;
  }

  @Test
  void keepsTheBestTwoByScoreAndTheNewest() throws Exception {
    assertEquals(new TreeSet<>(List.of(3, 5, 6)), kept("max", "score"), "9 at 3, 7 at 5, and the newest");
  }

  @Test
  void minPrefixKeepsTheLowestScores() throws Exception {
    assertEquals(new TreeSet<>(List.of(2, 6)), kept("min", "min-score"), "1 at 2 and 2 at 6 (also the newest)");
  }
}
