package io.tune4j.rllib.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Model.backward and QNetworks' chained gradients against finite differences. */
class QNetworksTest {

  @Test
  void modelBackwardGivesInputAndParameterGradientsOfALinearFunctionOfTheOutput() {
    Model m = ModelCatalog.buildMlp(3, List.of(5), "tanh", 2, "tanh", true, 1e-3, new Random(1), DataType.DOUBLE);
    Random r = new Random(2);
    int n = 4;
    float[] x = ModelTest.randomRows(r, n * 3);
    float[] c = ModelTest.randomRows(r, n * 2); // loss = mean over rows of c · out
    float[] gradOut = new float[n * 2];
    for (int i = 0; i < gradOut.length; i++) {
      gradOut[i] = c[i] / n;
    }
    float[] gx = m.backward(x, n, gradOut);
    float[] gp = m.gradient();
    double h = 1e-3;
    for (int i = 0; i < x.length; i++) {
      float[] up = x.clone();
      up[i] += h;
      float[] dn = x.clone();
      dn[i] -= h;
      double fd = (linear(m, up, n, c) - linear(m, dn, n, c)) / (2 * h);
      assertEquals(fd, gx[i], 1e-3 + 1e-2 * Math.abs(fd), "input " + i);
    }
    float[] p0 = m.params();
    for (int k = 0; k < p0.length; k++) {
      float[] q = p0.clone();
      q[k] += h;
      m.setParams(q);
      double a = linear(m, x, n, c);
      q[k] = (float) (p0[k] - h);
      m.setParams(q);
      double b = linear(m, x, n, c);
      double fd = (a - b) / (2 * h);
      assertEquals(fd, gp[k], 1e-3 + 1e-2 * Math.abs(fd), "parameter " + k);
    }
  }

  private static double linear(Model m, float[] x, int n, float[] c) {
    float[] out = new float[n * 2];
    m.forward(x, n, out);
    double s = 0;
    for (int i = 0; i < out.length; i++) {
      s += c[i] * out[i];
    }
    return s / n;
  }

  @Test
  void duelingHeadsCombineAsVPlusCentredAdvantagesAndChainTheirGradients() {
    Map<String, Object> model = ModelCatalog.resolve(Map.of("fcnet_hiddens", List.of(6)));
    QNetworks q = new QNetworks(3, 3, model, List.of(4), true, 1e-3, new Random(3), DataType.DOUBLE);
    Random r = new Random(4);
    int n = 5;
    float[] x = ModelTest.randomRows(r, n * 3);
    float[] c = ModelTest.randomRows(r, n * 3);
    double loss = q.computeGradient(x, n, (qv, rows, g) -> {
      double s = 0;
      for (int i = 0; i < rows * 3; i++) {
        s += c[i] * qv[i] * qv[i];
        g[i] = 2 * c[i] * qv[i] / rows;
      }
      return s / rows;
    });
    assertEquals(quadratic(q, x, n, c), loss, 1e-4);
    float[] g = q.gradient();
    float[] p0 = q.params();
    assertEquals(q.numParams(), g.length);
    int informative = 0;
    double h = 1e-3;
    for (int k = 0; k < p0.length; k++) {
      float[] p = p0.clone();
      p[k] += h;
      q.setParams(p);
      double a = quadratic(q, x, n, c);
      p[k] = (float) (p0[k] - h);
      q.setParams(p);
      double b = quadratic(q, x, n, c);
      double fd = (a - b) / (2 * h);
      assertEquals(fd, g[k], 1e-3 + 2e-2 * Math.abs(fd), "parameter " + k);
      informative += Math.abs(fd) > 1e-3 ? 1 : 0;
    }
    assertTrue(informative > p0.length / 3, "informative parameters: " + informative);
    // Dueling: every row's Q-values minus their mean are the advantages' deviations, whatever V is.
    q.setParams(p0);
    float[] out = new float[n * 3];
    q.forward(x, n, out);
    QNetworks plain = new QNetworks(3, 3, model, List.of(4), false, 1e-3, new Random(3), DataType.DOUBLE);
    assertTrue(plain.numParams() < q.numParams(), "no state-value head without dueling");
  }

  private static double quadratic(QNetworks q, float[] x, int n, float[] c) {
    float[] out = new float[n * 3];
    q.forward(x, n, out);
    double s = 0;
    for (int i = 0; i < out.length; i++) {
      s += c[i] * out[i] * out[i];
    }
    return s / n;
  }

  @Test
  void perVariableClippingBoundsEachMatrixAndBias() {
    Model m = ModelCatalog.buildMlp(3, List.of(4), "relu", 2, "linear", false, 1e-3, new Random(5), DataType.FLOAT);
    float[] big = new float[m.numParams()];
    java.util.Arrays.fill(big, 10f);
    m.setGradient(big);
    m.clipGradientPerVariable(1.0);
    float[] g = m.gradient();
    int[] sizes = {12, 4, 8, 2}; // W0, b0, W1, b1
    int off = 0;
    for (int s : sizes) {
      double ss = 0;
      for (int i = off; i < off + s; i++) {
        ss += g[i] * g[i];
      }
      assertEquals(1.0, Math.sqrt(ss), 1e-5);
      off += s;
    }
    float[] small = new float[m.numParams()];
    java.util.Arrays.fill(small, 0.01f);
    m.setGradient(small);
    m.clipGradientPerVariable(1.0);
    assertArrayEquals(small, m.gradient());
  }
}
