package io.tune4j.rllib.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A product of spaces, as gym's {@code Tuple}; values are {@code List<Object>} with one element per
 * sub-space.
 *
 * <p>{@code new Tuple(new Discrete(2), new Box(0, 1, Box.Dtype.FLOAT32, 3))} prints as {@code
 * "Tuple(Discrete(2), Box(3,))"}.
 */
public final class Tuple implements Space {
  private static final long serialVersionUID = 1L;

  private final List<Space> spaces;

  /**
   * Creates the product of the given spaces.
   *
   * @param spaces the components, none null
   */
  public Tuple(List<? extends Space> spaces) {
    for (int i = 0; i < spaces.size(); i++) {
      if (spaces.get(i) == null) {
        throw new IllegalArgumentException("Tuple: spaces[" + i + "] is null");
      }
    }
    this.spaces = List.copyOf(spaces);
  }

  /**
   * Creates the product of the given spaces.
   *
   * @param spaces the components
   */
  public Tuple(Space... spaces) {
    this(List.of(spaces));
  }

  /** Returns the components (unmodifiable). */
  public List<Space> spaces() {
    return spaces;
  }

  /**
   * Returns one component.
   *
   * @param i its index
   * @return the space
   */
  public Space get(int i) {
    return spaces.get(i);
  }

  /** Returns the number of components. */
  public int size() {
    return spaces.size();
  }

  /** Accepts a {@code List} (or {@code Object[]}) whose elements each lie in their sub-space. */
  @Override
  public boolean contains(Object x) {
    List<?> list;
    if (x instanceof List<?> l) {
      list = l;
    } else if (x instanceof Object[] arr) {
      list = java.util.Arrays.asList(arr);
    } else {
      return false;
    }
    if (list.size() != spaces.size()) {
      return false;
    }
    for (int i = 0; i < spaces.size(); i++) {
      if (!spaces.get(i).contains(list.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<Object> sample(Random random) {
    List<Object> x = new ArrayList<>(spaces.size());
    for (Space s : spaces) {
      x.add(s.sample(random));
    }
    return x;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tuple t && t.spaces.equals(spaces);
  }

  @Override
  public int hashCode() {
    return spaces.hashCode() + 11;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Tuple(");
    for (int i = 0; i < spaces.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(spaces.get(i));
    }
    return sb.append(')').toString();
  }
}
