package io.tune4j.rllib.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.pg.PgTrainer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Policies by id: getPolicy(id) and foreachPolicy over every worker. */
@Tag("ray")
class PolicyMapTest {
  @Test
  void policiesAreFoundByIdOnEveryWorker() {
    try (PgTrainer t = new PgTrainer(Map.of("num_workers", 1, "train_batch_size", 200), "CartPole-v0")) {
      t.train();
      assertSame(t.getPolicy(), t.getPolicy("default_policy"));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.getPolicy("car"));
      assertTrue(e.getMessage().contains("no policy 'car'; this trainer has [default_policy]"), e.getMessage());
      List<byte[]> weights = t.workers().foreachPolicy((policy, id) -> policy.getWeights());
      assertEquals(2, weights.size(), "one policy on the local and one on the remote worker");
      assertTrue(!java.util.Arrays.equals(weights.get(0), weights.get(1)), "train() learned after the broadcast");
      t.workers().syncWeights();
      weights = t.workers().foreachPolicy((policy, id) -> policy.getWeights());
      assertArrayEquals(weights.get(0), weights.get(1), "equal after a broadcast");
      assertEquals(List.of("default_policy", "default_policy"), t.workers().foreachPolicy((policy, id) -> id));
    }
  }
}
