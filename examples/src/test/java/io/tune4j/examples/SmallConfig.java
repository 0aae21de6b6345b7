package io.tune4j.examples;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A PPO/PG config small enough that one training iteration takes well under a second. */
final class SmallConfig {
  private SmallConfig() {}

  /** PPO: 400 steps per iteration, 2 SGD epochs, a 16x16 network, seeded. */
  static Map<String, Object> ppo(int numWorkers) {
    Map<String, Object> c = new HashMap<>();
    c.put("num_workers", numWorkers);
    c.put("train_batch_size", 400);
    c.put("sample_batch_size", 100);
    c.put("sgd_minibatch_size", 100);
    c.put("num_sgd_iter", 2);
    c.put("model", Map.of("fcnet_hiddens", List.of(16, 16)));
    c.put("seed", 7);
    return c;
  }

  /** The same as a JSON object, for {@code --config}. */
  static String ppoJson() {
    return "{\"train_batch_size\": 400, \"sample_batch_size\": 100, \"sgd_minibatch_size\": 100,"
        + " \"num_sgd_iter\": 2, \"model\": {\"fcnet_hiddens\": [16, 16]}, \"seed\": 7}";
  }
}
