package io.tune4j.tune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tune4j.schedulers.PopulationBasedTraining;
import io.tune4j.search.Mode;
import io.tune4j.tune.RunOptions;
import io.tune4j.tune.Tune;
import io.tune4j.tune.analysis.ExperimentAnalysis;
import io.tune4j.tune.analysis.TrialResult;
import io.tune4j.tune.trainable.Trainable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PBT through the real runner: a trial in the lower quantile continues from an upper trial's
 * checkpoint with a perturbed config, and every exploit is logged in the experiment directory.
 */
class PbtRunnerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Adds {@code lr} to its score every step; checkpoints the score. */
  public static class Accumulator extends Trainable {
    double score;

    @Override
    protected Map<String, Object> step() throws InterruptedException {
      Thread.sleep(10);
      score += ((Number) config().get("lr")).doubleValue();
      return Map.of("score", score);
    }

    @Override
    protected Path saveCheckpoint(Path d) throws Exception {
      return Files.writeString(d.resolve("score"), Double.toString(score));
    }

    @Override
    protected void loadCheckpoint(Path p) throws Exception {
      score = Double.parseDouble(Files.readString(p).trim());
    }
  }

  @Test
  void lowerTrialsContinueFromUpperTrialsCheckpoints() throws Exception {
    PopulationBasedTraining pbt = PopulationBasedTraining.builder().timeAttr("training_iteration")
        .perturbationInterval(2).quantileFraction(0.5).hyperparamMutations(Map.of("lr", List.of(0.1, 0.2, 0.5, 0.9, 1.0)))
        .seed(3).build();
    ExperimentAnalysis a = Tune.run(RunOptions.of(Accumulator.class).name("pbt").localDir(dir).verbose(0)
        .rayNumCpus(4).scheduler(pbt).metric("score").mode(Mode.MAX)
        .config(Map.of("lr", Tune.gridSearch(0.1, 0.2, 0.9, 1.0))).stop(Map.of("training_iteration", 12)));
    List<String> log = Files.readAllLines(dir.resolve("pbt/pbt_global.txt"));
    assertTrue(!log.isEmpty(), "exploits are logged");
    boolean perturbed = false;
    for (TrialResult t : a.trials()) {
      perturbed |= t.name().contains("@perturbed[");
    }
    assertTrue(perturbed, "an exploited trial's name shows its new config");
    // The first exploit: the target's next result continues the clone's state at clone_iter.
    JsonNode first = JSON.readTree(log.get(0));
    List<JsonNode> target = results(a, first.get(0).asText());
    List<JsonNode> clone = results(a, first.get(1).asText());
    int targetIter = first.get(2).asInt();
    int cloneIter = first.get(3).asInt();
    double newLr = first.get(5).get("lr").asDouble();
    double cloneScore = Double.NaN;
    for (JsonNode r : clone) {
      if (r.get("training_iteration").asInt() == cloneIter) {
        cloneScore = r.get("score").asDouble();
      }
    }
    boolean continued = false;
    for (int i = 0; i + 1 < target.size(); i++) {
      if (target.get(i).get("training_iteration").asInt() == targetIter) {
        JsonNode next = target.get(i + 1);
        assertEquals(cloneIter + 1, next.get("training_iteration").asInt(), "Tune's counters came with the checkpoint");
        assertEquals(cloneScore + newLr, next.get("score").asDouble(), 1e-9, "the clone's state went on with the new lr");
        continued = true;
        break;
      }
    }
    assertTrue(continued, "the target logged its exploit point: " + log);
  }

  private static List<JsonNode> results(ExperimentAnalysis a, String tag) throws Exception {
    for (TrialResult t : a.trials()) {
      if (t.name().startsWith("Accumulator_" + tag)) {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(t.logdir().resolve("result.json"))) {
          out.add(JSON.readTree(line));
        }
        return out;
      }
    }
    throw new AssertionError("no trial tagged " + tag);
  }
}
