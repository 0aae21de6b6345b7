package io.tune4j.rllib.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiAgentBatchTest {
  @Test
  void encodeDecodeKeepsEveryPolicysRowsAndTheEnvSteps() {
    SampleBatch cars = new SampleBatch().putFloats(SampleBatch.REWARDS, 1, new float[] {1, 2, 3}).putLongs("t", new long[] {0, 1, 2});
    SampleBatch walkers = new SampleBatch().putFloats(SampleBatch.REWARDS, 1, new float[] {-1, -2});
    MultiAgentBatch b = new MultiAgentBatch(Map.of("car", cars, "walker", walkers), 3);
    assertEquals(5, b.agentSteps());
    MultiAgentBatch same = MultiAgentBatch.decode(b.encode());
    assertEquals(3, same.envSteps());
    assertEquals(b.policyBatches().keySet(), same.policyBatches().keySet());
    assertArrayEquals(new float[] {1, 2, 3}, same.policyBatches().get("car").floats(SampleBatch.REWARDS));
    assertArrayEquals(new long[] {0, 1, 2}, same.policyBatches().get("car").longs("t"));
    assertArrayEquals(new float[] {-1, -2}, same.policyBatches().get("walker").floats(SampleBatch.REWARDS));
    MultiAgentBatch single = MultiAgentBatch.of(cars);
    assertEquals(List.of("default_policy"), List.copyOf(single.policyBatches().keySet()));
    assertEquals(3, single.envSteps());
    assertThrows(IllegalArgumentException.class, () -> MultiAgentBatch.decode(new byte[] {1, 2, 3, 4}));
  }
}
