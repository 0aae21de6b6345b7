package io.tune4j.rllib.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

class ModelTest {

  static Model tiny(String act, DataType dt, long seed) {
    Map<String, Object> cfg = new HashMap<>();
    cfg.put("fcnet_hiddens", List.of(5, 4));
    cfg.put("fcnet_activation", act);
    return ModelCatalog.buildModel(
        3, 2, ModelCatalog.resolve(cfg), new float[] {0.5f, 1f}, 1e-3, new Random(seed), dt);
  }

  static float[] randomRows(Random rng, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    return x;
  }

  @Test
  void plainJavaForwardMatchesDl4j() {
    for (String act : List.of("tanh", "relu", "sigmoid", "linear")) {
      Model m = tiny(act, DataType.FLOAT, 1);
      assertTrue(m.hasFastPath(), act);
      float[] x = randomRows(new Random(2), 7 * 3);
      float[] fast = new float[14];
      m.forward(x, 7, fast);
      assertArrayEquals(m.forwardDl4j(x, 7), fast, 1e-5f, act);
    }
    // elu has no plain-Java path: falls back to DL4J.
    Model elu = tiny("elu", DataType.FLOAT, 1);
    assertFalse(elu.hasFastPath());
    float[] out = new float[2];
    elu.forward(new float[3], 1, out);
    assertArrayEquals(elu.forwardDl4j(new float[3], 1), out);
  }

  @Test
  void normcInitialisationScalesOutputColumns() {
    Model m = tiny("tanh", DataType.FLOAT, 3);
    float[] p = m.params();
    // layers: 3x5 W, 5 b, 5x4 W, 4 b, 4x2 W ('f' order: column j = p[off + j*4 ...]), 2 b
    int off = 15 + 5 + 20 + 4;
    for (int j = 0; j < 2; j++) {
      double ss = 0;
      for (int i = 0; i < 4; i++) {
        ss += p[off + j * 4 + i] * p[off + j * 4 + i];
      }
      assertEquals(j == 0 ? 0.5 : 1.0, Math.sqrt(ss), 1e-5);
    }
    assertEquals(0f, p[p.length - 1]);
  }

  /** Backprop through DL4J of a callback loss against central differences on the parameters. */
  @Test
  void callbackGradientMatchesFiniteDifferences() {
    Model m = tiny("tanh", DataType.DOUBLE, 4);
    int n = 6;
    float[] x = randomRows(new Random(5), n * 3);
    float[] c = {0.7f, -1.3f};
    // L = mean_r Σ_j c_j out_rj² / 2  ->  ∂L/∂out_rj = c_j out_rj / n
    CallbackLoss.Fn fn =
        (out, rows, w, grad) -> {
          double l = 0;
          for (int r = 0; r < rows; r++) {
            for (int j = 0; j < w; j++) {
              double o = out[r * w + j];
              l += c[j] * o * o / 2 / rows;
              grad[r * w + j] = c[j] * o / rows;
            }
          }
          return l;
        };
    m.computeGradient(x, n, fn);
    float[] g = m.gradient();
    float[] p0 = m.params();
    assertEquals(p0.length, g.length);
    for (int k = 0; k < p0.length; k++) {
      float h = 1e-2f;
      float[] p = p0.clone();
      p[k] += h;
      m.setParams(p);
      double up = loss(m.forwardDl4j(x, n), c, n);
      p[k] -= 2 * h;
      m.setParams(p);
      double dn = loss(m.forwardDl4j(x, n), c, n);
      assertEquals((up - dn) / (2 * h), g[k], 2e-4 + 1e-2 * Math.abs(g[k]), "param " + k);
    }
    m.setParams(p0);
  }

  private static double loss(float[] out, float[] c, int n) {
    double l = 0;
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < 2; j++) {
        l += c[j] * out[r * 2 + j] * out[r * 2 + j] / 2 / n;
      }
    }
    return l;
  }

  @Test
  void adamStepsReduceTheLossAndStateRoundTrips() {
    Model m = tiny("tanh", DataType.FLOAT, 6);
    float[] x = randomRows(new Random(7), 8 * 3);
    float[] c = {1f, 1f};
    CallbackLoss.Fn fn =
        (out, rows, w, grad) -> {
          for (int i = 0; i < out.length; i++) {
            grad[i] = c[i % 2] * out[i] / rows;
          }
          return 0;
        };
    double before = loss(m.forwardDl4j(x, 8), c, 8);
    for (int i = 0; i < 50; i++) {
      m.computeGradient(x, 8, fn);
      m.applyGradient();
    }
    float[] fast = new float[16];
    m.forward(x, 8, fast);
    assertTrue(loss(fast, c, 8) < 0.5 * before, "loss " + before + " -> " + loss(fast, c, 8));
    assertEquals(50, m.iterations());
    float[] state = m.updaterState();
    assertEquals(2 * m.numParams(), state.length); // Adam: m and v
    Model other = tiny("tanh", DataType.FLOAT, 99);
    other.setParams(m.params());
    other.setUpdaterState(state, m.iterations());
    m.computeGradient(x, 8, fn);
    m.applyGradient();
    other.computeGradient(x, 8, fn);
    other.applyGradient();
    assertArrayEquals(m.params(), other.params(), 1e-6f);
    assertThrows(IllegalArgumentException.class, () -> other.setParams(new float[3]));
  }

  @Test
  void setGradientAppliesAnExternalGradient() {
    Model m = tiny("tanh", DataType.FLOAT, 8);
    float[] p0 = m.params();
    float[] g = new float[m.numParams()];
    g[0] = 1f;
    m.setGradient(g);
    m.applyGradient();
    float[] p1 = m.params();
    // Adam's first step moves a parameter by ~lr against the sign of its gradient.
    assertEquals(p0[0] - 1e-3, p1[0], 1e-5);
    assertEquals(p0[1], p1[1], 1e-7);
  }

  @Test
  void customModelsAndUnknownKeys(@TempDir Path dir) throws Exception {
    ModelCatalog.registerCustomModel(
        "two_relu",
        (in, opts) ->
            List.of(
                new DenseLayer.Builder()
                    .nOut(((Number) opts.getOrDefault("width", 3)).intValue())
                    .activation(Activation.RELU)
                    .build()));
    Map<String, Object> cfg =
        ModelCatalog.resolve(
            Map.of("custom_model", "two_relu", "custom_options", Map.of("width", 7)));
    Model m =
        ModelCatalog.buildModel(4, 2, cfg, new float[] {1, 1}, 1e-3, new Random(1), DataType.FLOAT);
    assertEquals(4 * 7 + 7 + 7 * 2 + 2, m.numParams());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ModelCatalog.resolve(Map.of("fcnet_hidden", 3)));
    assertTrue(e.getMessage().contains("fcnet_hidden"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> ModelCatalog.resolve(Map.of("custom_model", "nope")));
    assertThrows(
        IllegalArgumentException.class,
        () -> ModelCatalog.resolve(Map.of("fcnet_activation", "swish")));
    // DL4J's own format, custom loss included.
    File f = dir.resolve("m.zip").toFile();
    m.save(f);
    MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f);
    assertArrayEquals(m.params(), back.params().toFloatVector());
    assertTrue(Files.size(f.toPath()) > 0);
  }

  @Test
  void plainJavaTrainingMatchesDl4jForEveryActivation() {
    for (String act : List.of("tanh", "relu", "sigmoid", "linear")) {
      Model java = ModelCatalog.buildMlp(3, List.of(7, 5), act, 2, act, false, 1e-3, new Random(4), DataType.FLOAT);
      Model dl4j = ModelCatalog.buildMlp(3, List.of(7, 5), act, 2, act, false, 1e-3, new Random(4), DataType.FLOAT);
      dl4j.forceDl4jTraining = true;
      assertTrue(java.trainsInJava(6), act);
      assertFalse(dl4j.trainsInJava(6), act);
      float[] x = randomRows(new Random(5), 6 * 3);
      float[] c = randomRows(new Random(6), 6 * 2);
      CallbackLoss.Fn fn = (out, n, w, g) -> {
        double l = 0;
        for (int i = 0; i < n * w; i++) {
          l += c[i] * out[i] * out[i];
          g[i] = 2 * c[i] * out[i] / n;
        }
        return l / n;
      };
      java.computeGradient(x, 6, fn);
      dl4j.computeGradient(x, 6, fn);
      assertArrayEquals(dl4j.gradient(), java.gradient(), 1e-5f, act + " computeGradient");
      float[] gx1 = java.backward(x, 6, c);
      float[] gx2 = dl4j.backward(x, 6, c);
      assertArrayEquals(gx2, gx1, 1e-5f, act + " input gradient");
      assertArrayEquals(dl4j.gradient(), java.gradient(), 1e-5f, act + " backward");
    }
  }
}
