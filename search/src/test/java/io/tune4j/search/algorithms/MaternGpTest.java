package io.tune4j.search.algorithms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MaternGpTest {
  @Test
  void interpolatesASmoothFunctionAndIsCertainAtData() {
    int n = 12;
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = new double[] {i / (n - 1.0)};
      y[i] = Math.sin(2 * Math.PI * x[i][0]);
    }
    MaternGp gp = MaternGp.fit(x, y, true);
    double[] atData = gp.predict(x[3]);
    assertEquals(y[3], atData[0], 0.02);
    assertTrue(atData[1] < 0.05, "sd at a data point: " + atData[1]);
    double[] between = gp.predict(new double[] {0.5 / (n - 1.0) + 3 / (n - 1.0)});
    assertEquals(Math.sin(2 * Math.PI * 3.5 / (n - 1.0)), between[0], 0.05);
    assertTrue(between[1] > atData[1], "less certain between points");
    double[] far = gp.predict(new double[] {5.0});
    assertTrue(far[1] > 10 * between[1], "uncertain far away: " + far[1]);
  }
}
