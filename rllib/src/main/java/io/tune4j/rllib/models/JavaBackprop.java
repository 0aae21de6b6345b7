package io.tune4j.rllib.models;

/**
 * Plain-Java training passes of a dense {@link Model} (its Java weight copy: {@code weights[l][i][j]},
 * biases, layer widths and activation codes): a forward pass that keeps every layer's output and
 * backpropagation into DL4J's flat gradient order ('f'-order weight matrices, then biases). Used
 * when a pass is too small for DL4J's per-call cost to pay off.
 */
final class JavaBackprop {
  private JavaBackprop() {}

  /** The forward pass keeping every layer's activated output: [input, layer 0, ..]. */
  static float[][] forward(float[][][] weights, float[][] biases, int[] widths, int[] codes, float[] x, int n) {
    int nl = weights.length;
    float[][] acts = new float[nl + 1][];
    acts[0] = x;
    for (int l = 0; l < nl; l++) {
      int nIn = widths[l];
      int nOut = widths[l + 1];
      float[] in = acts[l];
      float[] o = new float[n * nOut];
      float[][] w = weights[l];
      float[] b = biases[l];
      float[] row = new float[nOut];
      for (int r = 0; r < n; r++) {
        System.arraycopy(b, 0, row, 0, nOut);
        int xo = r * nIn;
        for (int i = 0; i < nIn; i++) {
          float xi = in[xo + i];
          if (xi == 0f) {
            continue;
          }
          float[] wi = w[i];
          for (int j = 0; j < nOut; j++) {
            row[j] += xi * wi[j];
          }
        }
        Model.activate(codes[l], row, nOut);
        System.arraycopy(row, 0, o, r * nOut, nOut);
      }
      acts[l + 1] = o;
    }
    return acts;
  }

  /**
   * Backpropagation from {@code dOut} (∂(mean loss)/∂ activated outputs).
   *
   * @return {the parameter gradient in DL4J's flat order, ∂(mean loss)/∂x or null}
   */
  static float[][] backward(float[][][] weights, int[] widths, int[] codes, int numParams, int outputSize,
      float[][] acts, int n, float[] dOut, boolean wantInput) {
    int nl = weights.length;
    float[] g = new float[numParams];
    int[] offs = new int[nl];
    for (int l = 0, off = 0; l < nl; l++) {
      offs[l] = off;
      off += widths[l] * widths[l + 1] + widths[l + 1];
    }
    float[] delta = java.util.Arrays.copyOf(dOut, n * outputSize);
    float[] dIn = null;
    for (int l = nl - 1; l >= 0; l--) {
      int nIn = widths[l];
      int nOut = widths[l + 1];
      float[] a = acts[l + 1];
      derivative(codes[l], a, delta, n * nOut);
      float[] in = acts[l];
      float[][] w = weights[l];
      float[][] dw = new float[nIn][nOut];
      float[] db = new float[nOut];
      boolean needIn = l > 0 || wantInput;
      float[] dx = needIn ? new float[n * nIn] : null;
      for (int r = 0; r < n; r++) {
        int d0 = r * nOut;
        for (int j = 0; j < nOut; j++) {
          db[j] += delta[d0 + j];
        }
        int xo = r * nIn;
        for (int i = 0; i < nIn; i++) {
          float xi = in[xo + i];
          float[] dwi = dw[i];
          float[] wi = w[i];
          float s = 0f;
          for (int j = 0; j < nOut; j++) {
            float dj = delta[d0 + j];
            dwi[j] += xi * dj;
            s += dj * wi[j];
          }
          if (dx != null) {
            dx[xo + i] = s;
          }
        }
      }
      int off = offs[l];
      for (int j = 0; j < nOut; j++) {
        for (int i = 0; i < nIn; i++) {
          g[off + i + j * nIn] = dw[i][j]; // DL4J keeps W in 'f' order
        }
      }
      System.arraycopy(db, 0, g, off + nIn * nOut, nOut);
      delta = dx;
      dIn = dx;
    }
    return new float[][] {g, wantInput ? dIn : null};
  }

  /** {@code delta[k] *= f'(z)} written through the activated value {@code a = f(z)}. */
  private static void derivative(int act, float[] a, float[] delta, int len) {
    switch (act) {
      case 1 -> {
        for (int k = 0; k < len; k++) {
          delta[k] *= 1f - a[k] * a[k];
        }
      }
      case 2 -> {
        for (int k = 0; k < len; k++) {
          if (a[k] <= 0f) {
            delta[k] = 0f;
          }
        }
      }
      case 3 -> {
        for (int k = 0; k < len; k++) {
          delta[k] *= a[k] * (1f - a[k]);
        }
      }
      default -> {}
    }
  }
}
