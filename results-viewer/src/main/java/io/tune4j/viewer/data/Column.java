package io.tune4j.viewer.data;

import java.util.Arrays;

/** A growable column of doubles; rows where the metric was absent hold NaN. */
final class Column {
  private double[] values = new double[16];
  private int size;

  void set(int row, double v) {
    if (row >= values.length) {
      values = Arrays.copyOf(values, Math.max(row + 1, values.length * 2));
    }
    if (row >= size) {
      Arrays.fill(values, size, row, Double.NaN);
      size = row + 1;
    }
    values[row] = v;
  }

  /** The first {@code rows} values, NaN-padded. */
  double[] copy(int rows) {
    double[] out = Arrays.copyOf(values, rows);
    if (size < rows) {
      Arrays.fill(out, size, rows, Double.NaN);
    }
    return out;
  }

  double get(int row) {
    return row < size ? values[row] : Double.NaN;
  }
}
