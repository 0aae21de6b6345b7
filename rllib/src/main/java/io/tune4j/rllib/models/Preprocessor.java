package io.tune4j.rllib.models;

/**
 * Turns an environment observation into a flat float vector a model can read (RLlib's {@code
 * Preprocessor}): Box observations are flattened, Discrete ones one-hot encoded, Tuple and Dict
 * observations flattened component by component.
 *
 * <pre>{@code
 * Preprocessor p = Preprocessors.get(new Discrete(3));
 * float[] row = new float[p.size()];
 * p.transform(2, row, 0); // row == {0, 0, 1}
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe; they write every one of their {@link #size()}
 * output slots (so output buffers may be reused without clearing).
 */
public interface Preprocessor extends java.io.Serializable {

  /** Width of one preprocessed observation. */
  int size();

  /**
   * Width of one raw observation row as a {@code VectorEnv} lays it out for {@link #transformRow}:
   * a Discrete value takes one slot, a Box its flat size, a MultiDiscrete or MultiBinary one slot
   * per component, Tuple and Dict the sum of their components.
   */
  int rawSize();

  /**
   * Writes the preprocessed form of {@code obs} to {@code out[off .. off + size())}.
   *
   * @param obs a value of the observation space (Integer, double[], int[], List, Map)
   * @throws IllegalArgumentException if {@code obs} does not fit the space
   */
  void transform(Object obs, float[] out, int off);

  /**
   * Writes the preprocessed form of a raw observation row {@code flat[inOff .. inOff + rawSize())}
   * to {@code out[outOff .. outOff + size())}; for a Discrete space the row holds the index as one
   * double and the output is its one-hot vector.
   */
  void transformRow(double[] flat, int inOff, float[] out, int outOff);

  /** Convenience: the preprocessed form of {@code obs} in a new array. */
  default float[] transform(Object obs) {
    float[] out = new float[size()];
    transform(obs, out, 0);
    return out;
  }
}
