package io.tune4j.rllib.models;

import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Dict;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.env.MultiBinary;
import io.tune4j.rllib.env.MultiDiscrete;
import io.tune4j.rllib.env.Space;
import io.tune4j.rllib.env.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chooses the preprocessor for an observation space, as RLlib's {@code get_preprocessor}: {@link
 * Discrete} → one-hot, {@link Box} → flatten (RLlib's {@code NoPreprocessor}), {@link Tuple} and
 * {@link Dict} → concatenation of their components' preprocessed forms (Dict in sorted key order,
 * as gym), {@link MultiDiscrete} → one-hot per component (later RLlib; the 2019 version passed the
 * raw integers through), {@link MultiBinary} → the bits as floats.
 *
 * <pre>{@code
 * Preprocessor p = Preprocessors.get(new Tuple(new Discrete(2), new Box(-1, 1, Box.Dtype.FLOAT32, 3)));
 * p.size(); // 2 + 3
 * }</pre>
 */
public final class Preprocessors {
  private Preprocessors() {}

  /**
   * The preprocessor for {@code space}.
   *
   * @throws IllegalArgumentException for a space type without a preprocessor
   */
  public static Preprocessor get(Space space) {
    if (space instanceof Discrete d) {
      return new OneHot(d.n());
    } else if (space instanceof Box b) {
      return new Flatten(b.flatSize());
    } else if (space instanceof MultiDiscrete md) {
      List<Preprocessor> parts = new ArrayList<>();
      for (int n : md.nvec()) {
        parts.add(new OneHot(n));
      }
      return new Concat(parts, Concat.Kind.INT_ARRAY, null);
    } else if (space instanceof MultiBinary mb) {
      return new Bits(mb.n());
    } else if (space instanceof Tuple t) {
      List<Preprocessor> parts = new ArrayList<>();
      for (Space s : t.spaces()) {
        parts.add(get(s));
      }
      return new Concat(parts, Concat.Kind.LIST, null);
    } else if (space instanceof Dict d) {
      List<Preprocessor> parts = new ArrayList<>();
      for (Space s : d.spaces().values()) {
        parts.add(get(s));
      }
      return new Concat(parts, Concat.Kind.MAP, List.copyOf(d.spaces().keySet()));
    }
    throw new IllegalArgumentException("no preprocessor for observation space " + space);
  }

  /** A preprocessor whose output and raw widths are fixed at construction. */
  abstract static class Sized implements Preprocessor {
    private static final long serialVersionUID = 1L;
    /** Output width. */
    protected final int size;
    private final int rawSize;

    Sized(int size, int rawSize) {
      this.size = size;
      this.rawSize = rawSize;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public int rawSize() {
      return rawSize;
    }
  }

  /** One-hot encoding of an integer in {@code [0, n)}. */
  static final class OneHot extends Sized {
    private static final long serialVersionUID = 1L;
    private final int n;

    OneHot(int n) {
      super(n, 1);
      this.n = n;
    }

    @Override
    public void transform(Object obs, float[] out, int off) {
      if (!(obs instanceof Number num)) {
        throw new IllegalArgumentException(
            "Discrete(" + n + ") observation must be an Integer, got " + describe(obs));
      }
      write(num.doubleValue(), out, off);
    }

    @Override
    public void transformRow(double[] flat, int inOff, float[] out, int outOff) {
      write(flat[inOff], out, outOff);
    }

    private void write(double v, float[] out, int off) {
      int i = (int) v;
      if (i != v || i < 0 || i >= n) {
        throw new IllegalArgumentException("Discrete(" + n + ") observation out of range: " + v);
      }
      java.util.Arrays.fill(out, off, off + n, 0f);
      out[off + i] = 1f;
    }
  }

  /** Flattened Box values, narrowed to float. */
  static final class Flatten extends Sized {
    private static final long serialVersionUID = 1L;

    Flatten(int size) {
      super(size, size);
    }

    @Override
    public void transform(Object obs, float[] out, int off) {
      if (obs instanceof double[] d && d.length == size) {
        transformRow(d, 0, out, off);
      } else if (obs instanceof float[] f && f.length == size) {
        System.arraycopy(f, 0, out, off, size);
      } else {
        throw new IllegalArgumentException(
            "Box observation must be a double[" + size + "], got " + describe(obs));
      }
    }

    @Override
    public void transformRow(double[] flat, int inOff, float[] out, int outOff) {
      for (int i = 0; i < size; i++) {
        out[outOff + i] = (float) flat[inOff + i];
      }
    }
  }

  /** MultiBinary bits as 0/1 floats. */
  static final class Bits extends Sized {
    private static final long serialVersionUID = 1L;
    private final int n;

    Bits(int n) {
      super(n, n);
      this.n = n;
    }

    @Override
    public void transform(Object obs, float[] out, int off) {
      if (!(obs instanceof int[] bits) || bits.length != n) {
        throw new IllegalArgumentException(
            "MultiBinary(" + n + ") observation must be an int[" + n + "], got " + describe(obs));
      }
      for (int i = 0; i < n; i++) {
        out[off + i] = bits[i];
      }
    }

    @Override
    public void transformRow(double[] flat, int inOff, float[] out, int outOff) {
      for (int i = 0; i < n; i++) {
        out[outOff + i] = (float) flat[inOff + i];
      }
    }
  }

  /** Concatenation of component preprocessors (Tuple, Dict, MultiDiscrete). */
  static final class Concat implements Preprocessor {
    private static final long serialVersionUID = 1L;

    enum Kind {
      LIST,
      MAP,
      INT_ARRAY
    }

    private final Preprocessor[] parts;
    private final Kind kind;
    private final String[] keys;
    private final int size;
    private final int rawSize;

    Concat(List<Preprocessor> parts, Kind kind, List<String> keys) {
      this.parts = parts.toArray(new Preprocessor[0]);
      this.kind = kind;
      this.keys = keys == null ? null : keys.toArray(new String[0]);
      int s = 0;
      int r = 0;
      for (Preprocessor p : parts) {
        s += p.size();
        r += p.rawSize();
      }
      this.size = s;
      this.rawSize = r;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public int rawSize() {
      return rawSize;
    }

    @Override
    public void transform(Object obs, float[] out, int off) {
      int pos = off;
      for (int i = 0; i < parts.length; i++) {
        Object component = component(obs, i);
        parts[i].transform(component, out, pos);
        pos += parts[i].size();
      }
    }

    private Object component(Object obs, int i) {
      switch (kind) {
        case LIST -> {
          if (obs instanceof List<?> l && l.size() == parts.length) {
            return l.get(i);
          }
        }
        case MAP -> {
          if (obs instanceof Map<?, ?> m && m.containsKey(keys[i])) {
            return m.get(keys[i]);
          }
          if (obs instanceof Map<?, ?>) {
            throw new IllegalArgumentException("Dict observation lacks key '" + keys[i] + "'");
          }
        }
        case INT_ARRAY -> {
          if (obs instanceof int[] a && a.length == parts.length) {
            return a[i];
          }
        }
        default -> throw new IllegalStateException(kind.toString());
      }
      throw new IllegalArgumentException(
          "observation does not match a "
              + kind
              + " space of "
              + parts.length
              + " components: "
              + describe(obs));
    }

    @Override
    public void transformRow(double[] flat, int inOff, float[] out, int outOff) {
      int in = inOff;
      int pos = outOff;
      for (Preprocessor p : parts) {
        p.transformRow(flat, in, out, pos);
        in += p.rawSize();
        pos += p.size();
      }
    }
  }

  private static String describe(Object obs) {
    if (obs == null) {
      return "null";
    }
    if (obs instanceof double[] d) {
      return "double[" + d.length + "]";
    }
    if (obs instanceof int[] a) {
      return "int[" + a.length + "]";
    }
    return obs.getClass().getSimpleName() + " " + obs;
  }
}
