package io.tune4j.rllib.agents.ppo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.models.PolicyNetworks;
import io.tune4j.rllib.policy.ActionOutput;
import io.tune4j.rllib.policy.Policy;
import io.tune4j.rllib.policy.SampleBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class PpoPolicyTest {
  static final Space OBS = new Box(new double[] {-1, -1, -1}, new double[] {1, 1, 1});

  static Map<String, Object> config(Object... overrides) {
    Map<String, Object> c = new HashMap<>(PpoConfig.DEFAULTS);
    c.put("gamma", 0.99);
    c.put("seed", 7L);
    c.put("model", Map.of("fcnet_hiddens", List.of(5)));
    for (int i = 0; i < overrides.length; i += 2) {
      c.put((String) overrides[i], overrides[i + 1]);
    }
    return c;
  }

  /** A postprocessed-looking batch: behaviour outputs from a perturbed copy of the policy. */
  static SampleBatch batch(PpoPolicy p, int n, long seed) {
    Random rng = new Random(seed);
    float[] obs = new float[n * 3];
    for (int i = 0; i < obs.length; i++) {
      obs[i] = (float) rng.nextGaussian();
    }
    ActionOutput out = p.computeActions(obs, n, true);
    float[] actions = new float[out.actions().length];
    for (int i = 0; i < actions.length; i++) {
      actions[i] = (float) out.actions()[i];
    }
    float[] logits = out.extras().get(SampleBatch.BEHAVIOUR_LOGITS).clone();
    for (int i = 0; i < logits.length; i++) {
      logits[i] += (float) (0.4 * rng.nextGaussian()); // so some ratios leave [1-ε, 1+ε]
    }
    float[] adv = new float[n];
    float[] vf = new float[n];
    float[] targets = new float[n];
    for (int i = 0; i < n; i++) {
      adv[i] = (float) rng.nextGaussian();
      vf[i] = (float) (0.1 * rng.nextGaussian());
      targets[i] = (float) rng.nextGaussian();
    }
    return new SampleBatch()
        .putFloats(SampleBatch.OBS, 3, obs)
        .putFloats(SampleBatch.ACTIONS, p.actionSize(), actions)
        .putFloats(SampleBatch.BEHAVIOUR_LOGITS, logits.length / n, logits)
        .putFloats(SampleBatch.ADVANTAGES, 1, adv)
        .putFloats(SampleBatch.VF_PREDS, 1, vf)
        .putFloats(SampleBatch.VALUE_TARGETS, 1, targets);
  }

  /** Total PPO loss at the current parameters, forward pass in plain Java. */
  static double totalLoss(PpoPolicy p, SampleBatch b) {
    PolicyNetworks nets = p.networks();
    int n = b.count();
    float[] in = new float[n * nets.dist().inputSize()];
    float[] v = new float[n];
    nets.forward(b.floats(SampleBatch.OBS), n, in, v);
    PolicyNetworks.Loss loss = p.loss(b);
    return loss.policyLoss(in, n, new double[in.length]) + loss.valueLoss(v, n, new double[n]);
  }

  // The loss gradients (discrete; Gaussian with shared layers and free log std) are checked
  // against finite differences by PpoPolicyGradientTest (PolicyGradientContractTest).

  @Test
  void surrogateIsFlatWhereTheRatioIsClipped() {
    // One row, Â > 0, behaviour logits far below the current ones for the taken action:
    // ratio >> 1 + ε, so min picks the clipped (constant) term and the gradient is zero.
    PpoPolicy p = new PpoPolicy(OBS, new Discrete(2), config("kl_coeff", 0.0), DataType.DOUBLE);
    PpoPolicy.Loss loss =
        new PpoPolicy.Loss(
            p.networks().dist(),
            new SampleBatch()
                .putFloats(SampleBatch.ACTIONS, 1, new float[] {0})
                .putFloats(SampleBatch.ADVANTAGES, 1, new float[] {1})
                .putFloats(SampleBatch.BEHAVIOUR_LOGITS, 2, new float[] {-3, 3})
                .putFloats(SampleBatch.VF_PREDS, 1, new float[] {0})
                .putFloats(SampleBatch.VALUE_TARGETS, 1, new float[] {0}),
            true,
            0.0,
            0.3,
            10,
            1,
            0,
            true);
    double[] grad = new double[2];
    double l = loss.policyLoss(new float[] {0, 0}, 1, grad);
    assertTrue(loss.tensors().get("ratio")[0] > 1.3f, "the recorded ratio is past 1 + clip");
    assertEquals(-1.3, l, 1e-9); // −min(Â r, Â (1 + ε)) with r = 0.5 / sigmoid(-6) ≈ 202
    assertArrayEquals(new double[] {0, 0}, grad);
    // V − V_old = 20 > vf_clip 10: loss = max((20−0)², (10−0)²) = 400, gradient 2·20.
    double[] vg = new double[1];
    assertEquals(400, loss.valueLoss(new float[] {20}, 1, vg), 1e-9);
    assertEquals(40, vg[0], 1e-9);
  }

  @Test
  void klCoefficientAdaptsLikeRllib() {
    PpoPolicy p = new PpoPolicy(OBS, new Discrete(2), config());
    assertEquals(0.2, p.klCoeff(), 1e-12);
    p.updateKl(0.03); // > 2 · 0.01
    assertEquals(0.3, p.klCoeff(), 1e-12);
    p.updateKl(0.001); // < 0.5 · 0.01
    assertEquals(0.15, p.klCoeff(), 1e-12);
    p.updateKl(0.01);
    assertEquals(0.15, p.klCoeff(), 1e-12);
  }

  @Test
  void standardizeUsesPopulationStd() {
    // mean 2, population std sqrt(2/3)
    float[] s = PpoPolicy.standardize(new float[] {1, 2, 3});
    double sd = Math.sqrt(2.0 / 3);
    assertArrayEquals(new float[] {(float) (-1 / sd), 0, (float) (1 / sd)}, s, 1e-6f);
    assertArrayEquals(new float[] {0, 0}, PpoPolicy.standardize(new float[] {5, 5}));
  }

  @Test
  void learnOnBatchReportsRllibStatsAndImprovesTheSurrogate() {
    PpoPolicy p =
        new PpoPolicy(
            OBS, new Discrete(3), config("sgd_minibatch_size", 16, "num_sgd_iter", 4, "lr", 1e-2));
    SampleBatch b = batch(p, 70, 3);
    double before = totalLoss(p, b);
    Map<String, Object> stats = p.learnOnBatch(b);
    assertEquals(
        List.of(
            "cur_kl_coeff",
            "cur_lr",
            "total_loss",
            "policy_loss",
            "vf_loss",
            "vf_explained_var",
            "kl",
            "entropy"),
        List.copyOf(stats.keySet()));
    assertEquals(0.2, (Double) stats.get("cur_kl_coeff"), 1e-12);
    assertEquals(1e-2, (Double) stats.get("cur_lr"), 1e-12);
    assertTrue(totalLoss(p, b) < before, "loss did not decrease: " + before);
    assertTrue((Double) stats.get("entropy") > 0);
  }

  @Test
  void postprocessingBootstrapsOnlyCutFragments() {
    PpoPolicy p = new PpoPolicy(OBS, new Discrete(2), config("lambda", 0.95));
    float[] obs = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
    ActionOutput out = p.computeActions(obs, 2, true);
    float[] vf = out.extras().get(SampleBatch.VF_PREDS);
    float[] next = {0.4f, 0.5f, 0.6f, -0.3f, 0.2f, 0.9f};
    SampleBatch frag =
        new SampleBatch()
            .putFloats(SampleBatch.OBS, 3, obs)
            .putFloats(SampleBatch.NEW_OBS, 3, next)
            .putFloats(SampleBatch.REWARDS, 1, new float[] {1, 1})
            .putFloats(SampleBatch.VF_PREDS, 1, vf);
    float[] done = p.postprocessTrajectory(frag.copy(), true).floats(SampleBatch.ADVANTAGES);
    float[] cut = p.postprocessTrajectory(frag.copy(), false).floats(SampleBatch.ADVANTAGES);
    float vLast =
        p.computeActions(new float[] {-0.3f, 0.2f, 0.9f}, 1, false)
            .extras()
            .get(SampleBatch.VF_PREDS)[0];
    // last row: δ = r + γ·lastR − V
    assertEquals(1 - vf[1], done[1], 1e-6);
    assertEquals(1 + 0.99 * vLast - vf[1], cut[1], 1e-6);
  }

  @Test
  void weightsRoundTripGivesIdenticalActions() {
    PpoPolicy a = new PpoPolicy(OBS, new Discrete(3), config("seed", 1L));
    PpoPolicy b = new PpoPolicy(OBS, new Discrete(3), config("seed", 2L));
    float[] obs = {0.3f, -0.2f, 0.9f, -1f, 0.5f, 0.1f};
    float[] la = a.computeActions(obs, 2, false).extras().get(SampleBatch.BEHAVIOUR_LOGITS);
    assertNotEquals(
        la[0], b.computeActions(obs, 2, false).extras().get(SampleBatch.BEHAVIOUR_LOGITS)[0]);
    b.setWeights(a.getWeights());
    ActionOutput oa = a.computeActions(obs, 2, false);
    ActionOutput ob = b.computeActions(obs, 2, false);
    assertArrayEquals(oa.actions(), ob.actions());
    assertArrayEquals(la, ob.extras().get(SampleBatch.BEHAVIOUR_LOGITS));
    assertArrayEquals(oa.extras().get(SampleBatch.VF_PREDS), ob.extras().get(SampleBatch.VF_PREDS));
    assertThrows(IllegalArgumentException.class, () -> b.setWeights(new byte[] {1, 2, 3}));
  }

  @Test
  void sameSeedGivesSameWeightsSamplesAndUpdates() {
    PpoPolicy a = new PpoPolicy(OBS, new Discrete(3), config("sgd_minibatch_size", 16));
    PpoPolicy b = new PpoPolicy(OBS, new Discrete(3), config("sgd_minibatch_size", 16));
    assertArrayEquals(a.networks().params(), b.networks().params());
    float[] obs = new float[30];
    assertArrayEquals(
        a.computeActions(obs, 10, true).actions(), b.computeActions(obs, 10, true).actions());
    a.learnOnBatch(batch(a, 48, 9));
    b.learnOnBatch(batch(b, 48, 9));
    assertArrayEquals(a.networks().params(), b.networks().params());
  }

  @Test
  void stateRoundTripRestoresAdamAndKlCoefficient(@TempDir Path dir) throws Exception {
    Map<String, Object> c = config("sgd_minibatch_size", 16, "num_sgd_iter", 2);
    PpoPolicy a = new PpoPolicy(OBS, new Discrete(3), c);
    SampleBatch b1 = batch(a, 32, 4);
    a.learnOnBatch(b1);
    a.updateKl(1.0); // kl_coeff 0.2 -> 0.3 (or more): part of the state
    PpoPolicy b =
        new PpoPolicy(
            OBS, new Discrete(3), config("seed", 99L, "sgd_minibatch_size", 16, "num_sgd_iter", 2));
    b.setState(a.getState());
    assertEquals(a.klCoeff(), b.klCoeff(), 1e-6);
    SampleBatch b2 = batch(a, 32, 5);
    a.computeGradients(b2);
    Policy.Gradients ga = a.computeGradients(b2);
    Policy.Gradients gb = b.computeGradients(b2);
    assertArrayEquals(ga.flat(), gb.flat(), 1e-6f);
    a.applyGradients(ga);
    b.applyGradients(gb);
    assertArrayEquals(a.networks().params(), b.networks().params(), 1e-6f);
    a.exportModel(dir.resolve("export"));
    assertTrue(Files.size(dir.resolve("export/policy.zip")) > 0);
    assertTrue(Files.size(dir.resolve("export/value.zip")) > 0);
  }

  @Test
  void lrScheduleIsPiecewiseLinearOverTimesteps() {
    PpoPolicy p =
        new PpoPolicy(
            OBS,
            new Discrete(2),
            config("lr_schedule", List.of(List.of(0, 1e-3), List.of(1000, 1e-4))));
    assertEquals(5e-5, p.curLr(), 1e-12); // lr until the first timestep update
    p.setTimestep(500);
    assertEquals(5.5e-4, p.curLr(), 1e-12);
    p.setTimestep(5000);
    assertEquals(1e-4, p.curLr(), 1e-12);
  }

  @Test
  void validateChecksCrossKeyConstraints() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PpoConfig.validate(config("sgd_minibatch_size", 500, "train_batch_size", 400)));
    assertTrue(e.getMessage().contains("500") && e.getMessage().contains("400"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> PpoConfig.validate(config("use_gae", false)));
    assertTrue(e.getMessage().contains("truncate_episodes"), e.getMessage());
    PpoConfig.validate(config("use_gae", false, "batch_mode", "complete_episodes"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new PpoPolicy(OBS, new Discrete(2), config("clip_param", "big")));
    assertTrue(e.getMessage().contains("clip_param"), e.getMessage());
    assertTrue(PpoConfig.DESCRIPTIONS.keySet().containsAll(PpoConfig.DEFAULTS.keySet()));
    assertThrows(UnsupportedOperationException.class, () -> PpoConfig.DEFAULTS.put("x", 1));
  }
}
