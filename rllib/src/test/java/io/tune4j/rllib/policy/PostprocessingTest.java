package io.tune4j.rllib.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PostprocessingTest {

  @Test
  void discountIsAReverseDiscountedSum() {
    // y2 = 3; y1 = 2 + 0.5*3 = 3.5; y0 = 1 + 0.5*3.5 = 2.75
    assertArrayEquals(
        new float[] {2.75f, 3.5f, 3f}, Postprocessing.discount(new float[] {1, 2, 3}, 0.5), 1e-6f);
  }

  @Test
  void gaeByHand() {
    // r = [1, 1, 1], V = [0.5, 1.0, 1.5], lastR = 2, γ = 0.9, λ = 0.5 (γλ = 0.45)
    // δ0 = 1 + 0.9*1.0 - 0.5 = 1.4
    // δ1 = 1 + 0.9*1.5 - 1.0 = 1.35
    // δ2 = 1 + 0.9*2.0 - 1.5 = 1.3
    // A2 = 1.3; A1 = 1.35 + 0.45*1.3 = 1.935; A0 = 1.4 + 0.45*1.935 = 2.27075
    // targets = A + V = [2.77075, 2.935, 2.8]
    SampleBatch b =
        new SampleBatch()
            .putFloats(SampleBatch.REWARDS, 1, new float[] {1, 1, 1})
            .putFloats(SampleBatch.VF_PREDS, 1, new float[] {0.5f, 1.0f, 1.5f});
    Postprocessing.computeAdvantages(b, 2f, 0.9, 0.5, true);
    assertArrayEquals(
        new float[] {2.27075f, 1.935f, 1.3f}, b.floats(SampleBatch.ADVANTAGES), 1e-5f);
    assertArrayEquals(
        new float[] {2.77075f, 2.935f, 2.8f}, b.floats(SampleBatch.VALUE_TARGETS), 1e-5f);
  }

  @Test
  void discountedReturnsWithoutGaeBootstrapFromLastR() {
    // r = [1, 0, 2], lastR = 10, γ = 0.5
    // A2 = 2 + 0.5*10 = 7; A1 = 0 + 0.5*7 = 3.5; A0 = 1 + 0.5*3.5 = 2.75; targets zero
    SampleBatch b = new SampleBatch().putFloats(SampleBatch.REWARDS, 1, new float[] {1, 0, 2});
    Postprocessing.computeAdvantages(b, 10f, 0.5, 1.0, false);
    assertArrayEquals(new float[] {2.75f, 3.5f, 7f}, b.floats(SampleBatch.ADVANTAGES), 1e-6f);
    assertArrayEquals(new float[3], b.floats(SampleBatch.VALUE_TARGETS));
  }

  @Test
  void gaeWithLambdaOneEqualsReturnMinusValue() {
    // λ = 1: A_t = discounted return bootstrapped from lastR minus V(s_t).
    float[] r = {1, 2, 3, 4};
    float[] v = {0.3f, -0.2f, 1.1f, 0.7f};
    SampleBatch b =
        new SampleBatch()
            .putFloats(SampleBatch.REWARDS, 1, r)
            .putFloats(SampleBatch.VF_PREDS, 1, v);
    Postprocessing.computeAdvantages(b, 0.5f, 0.99, 1.0, true);
    SampleBatch ret = new SampleBatch().putFloats(SampleBatch.REWARDS, 1, r.clone());
    float[] g =
        Postprocessing.computeAdvantages(ret, 0.5f, 0.99, 1.0, false)
            .floats(SampleBatch.ADVANTAGES);
    float[] expected = new float[4];
    for (int i = 0; i < 4; i++) {
      expected[i] = g[i] - v[i];
    }
    assertArrayEquals(expected, b.floats(SampleBatch.ADVANTAGES), 1e-5f);
    assertArrayEquals(g, b.floats(SampleBatch.VALUE_TARGETS), 1e-5f);
  }

  @Test
  void gaeWithoutValuesNamesTheColumn() {
    SampleBatch b = new SampleBatch().putFloats(SampleBatch.REWARDS, 1, new float[] {1});
    assertThrows(
        IllegalArgumentException.class, () -> Postprocessing.computeAdvantages(b, 0, .9, 1, true));
  }
}
