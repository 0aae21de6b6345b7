package io.tune4j.rllib.agents.pg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.PolicyLearningHarness;
import io.tune4j.rllib.env.Envs;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RLlib's regression test {@code tuned_examples/regression_tests/cartpole-pg.yaml}: PG with its
 * defaults (lr 4e-4, train batch 200 of truncated episode fragments, [256, 256] tanh) must reach a
 * mean reward of 100 within 100k steps.
 */
@Tag("learning")
class PgLearningTest {

  @Test
  void cartPoleReaches100Within100kSteps() {
    Map<String, Object> config = new HashMap<>(PgConfig.DEFAULTS);
    config.put("gamma", 0.99);
    config.put("model", Map.of());
    config.put("seed", 1L);
    PgConfig.validate(config);
    var env = Envs.make("CartPole-v0");
    PgPolicy policy = new PgPolicy(env.observationSpace(), env.actionSpace(), config);
    PolicyLearningHarness h =
        new PolicyLearningHarness(policy, "CartPole-v0", 1L, false, 200, null);
    PolicyLearningHarness.Result r = h.train("PG", 100, 100_000);
    assertTrue(r.reached(), "PG CartPole-v0 mean100 " + r.mean100() + " after " + r.steps());
  }
}
