package io.tune4j.rllib.env;

import java.io.Serializable;
import java.util.Random;

/**
 * A set of valid observations or actions, as gym's {@code gym.spaces.Space}.
 *
 * <p>Value conventions (relied on by policies and preprocessors): {@link Discrete} values are
 * {@code Integer}; {@link Box} values are {@code double[]} flattened row-major over the shape (also
 * for float32 boxes); {@link MultiDiscrete} and {@link MultiBinary} values are {@code int[]};
 * {@link Tuple} values are {@code List<Object>}; {@link Dict} values are {@code Map<String,
 * Object>}.
 *
 * <p>Spaces are immutable and thread-safe; {@link Spaces} converts them to and from JSON.
 */
public interface Space extends Serializable {

  /**
   * Tells whether {@code x} is a valid member of this space.
   *
   * @param x a candidate value (see the value conventions above)
   * @return true if {@code x} has the right type and shape and lies within the bounds
   */
  boolean contains(Object x);

  /**
   * Draws a random member of this space.
   *
   * @param random the source of randomness (seed it for reproducible samples)
   * @return a value {@link #contains(Object) contained} in this space
   */
  Object sample(Random random);
}
