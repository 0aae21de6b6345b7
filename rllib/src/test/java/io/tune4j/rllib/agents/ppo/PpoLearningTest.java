package io.tune4j.rllib.agents.ppo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.PolicyLearningHarness;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.evaluation.MeanStdFilter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * RLlib's regression test {@code tuned_examples/regression_tests/cartpole-ppo.yaml}: PPO with all
 * defaults ([256, 256] tanh, separate value net, train batch 4000, minibatch 128, 30 epochs, lr
 * 5e-5), {@code batch_mode: complete_episodes}, {@code observation_filter: MeanStdFilter}, must
 * reach a mean reward of 150 within 100k steps. ({@code num_workers: 1} does not apply to this
 * single-threaded harness; the filter runs in the sampling loop as on a single worker.)
 */
@Tag("learning")
class PpoLearningTest {

  @Test
  void cartPoleReaches150Within100kSteps() {
    Map<String, Object> config = new HashMap<>(PpoConfig.DEFAULTS);
    config.put("gamma", 0.99);
    config.put("batch_mode", "complete_episodes");
    config.put("observation_filter", "MeanStdFilter");
    config.put("model", Map.of());
    config.put("seed", 1L);
    PpoConfig.validate(config);
    var env = Envs.make("CartPole-v0");
    PpoPolicy policy = new PpoPolicy(env.observationSpace(), env.actionSpace(), config);
    PolicyLearningHarness h =
        new PolicyLearningHarness(
            policy, "CartPole-v0", 1L, true, 4000, new MeanStdFilter(policy.observationSize()));
    PolicyLearningHarness.Result r = h.train("PPO", 150, 100_000);
    assertTrue(r.reached(), "PPO CartPole-v0 mean100 " + r.mean100() + " after " + r.steps());
  }
}
