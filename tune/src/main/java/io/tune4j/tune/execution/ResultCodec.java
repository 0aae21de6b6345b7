package io.tune4j.tune.execution;

import io.tune4j.tune.runtime.Payloads;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compact binary form for the result maps a trial actor sends the driver (Java serialization of
 * the same maps costs the driver tens of microseconds per result). Keeps key order and value types
 * exactly: {@code null}, {@code Boolean}, {@code Integer}, {@code Long}, {@code Float}, {@code
 * Double}, {@code String}, nested maps (as {@code LinkedHashMap} with string keys), lists (as
 * {@code ArrayList}), {@code double[]}, {@code float[]}, {@code int[]}, {@code long[]}; anything
 * else travels as Java-serialized bytes inside the stream ({@link Payloads}).
 *
 * <p>A top-level {@code config} entry that is the trial's own config is sent as a one-byte
 * placeholder and replaced by the driver's copy of that config on decoding, so a large config does
 * not cross the actor boundary with every result.
 */
public final class ResultCodec {
  private static final byte NULL = 0;
  private static final byte TRUE = 1;
  private static final byte FALSE = 2;
  private static final byte INT = 3;
  private static final byte LONG = 4;
  private static final byte DOUBLE = 5;
  private static final byte FLOAT = 6;
  private static final byte STRING = 7;
  private static final byte MAP = 8;
  private static final byte LIST = 9;
  private static final byte DOUBLES = 10;
  private static final byte FLOATS = 11;
  private static final byte INTS = 12;
  private static final byte LONGS = 13;
  private static final byte JAVA = 14;
  private static final byte TRIAL_CONFIG = 15;

  private ResultCodec() {}

  /**
   * Encodes {@code results}; a top-level {@code "config"} value identical ({@code ==}) to {@code
   * trialConfig} is written as a placeholder.
   *
   * @throws IllegalArgumentException naming the key whose value cannot be serialized
   */
  public static byte[] encode(List<Map<String, Object>> results, Map<String, Object> trialConfig) {
    Writer w = new Writer();
    w.varint(results.size());
    for (Map<String, Object> r : results) {
      w.varint(r.size());
      for (Map.Entry<String, Object> e : r.entrySet()) {
        w.string(e.getKey());
        Object v = e.getValue();
        if (trialConfig != null && v == trialConfig && "config".equals(e.getKey())) {
          w.b(TRIAL_CONFIG);
        } else {
          value(w, v, e.getKey());
        }
      }
    }
    return w.toBytes();
  }

  /** Decodes what {@link #encode} wrote; the placeholder becomes {@code trialConfig}. */
  public static List<Map<String, Object>> decode(byte[] bytes, Map<String, Object> trialConfig) {
    Reader r = new Reader(bytes);
    int n = r.varint();
    List<Map<String, Object>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(map(r, trialConfig));
    }
    return out;
  }

  /**
   * Encodes one map (a config) in the same form; values of other types travel Java-serialized.
   *
   * @throws IllegalArgumentException naming the key (as a "/" path) whose value cannot be sent
   */
  public static byte[] encodeMap(Map<String, ?> map) {
    Writer w = new Writer();
    w.varint(map.size());
    for (Map.Entry<String, ?> e : map.entrySet()) {
      w.string(e.getKey());
      value(w, e.getValue(), e.getKey());
    }
    return w.toBytes();
  }

  /** Decodes what {@link #encodeMap} wrote. */
  public static Map<String, Object> decodeMap(byte[] bytes) {
    return map(new Reader(bytes), null);
  }

  private static void value(Writer w, Object v, String key) {
    if (v == null) {
      w.b(NULL);
    } else if (v instanceof Boolean b) {
      w.b(b ? TRUE : FALSE);
    } else if (v instanceof Integer i) {
      w.b(INT);
      w.varlong(i);
    } else if (v instanceof Long l) {
      w.b(LONG);
      w.varlong(l);
    } else if (v instanceof Double d) {
      w.b(DOUBLE);
      w.fixed64(Double.doubleToRawLongBits(d));
    } else if (v instanceof Float f) {
      w.b(FLOAT);
      w.fixed64(Float.floatToRawIntBits(f));
    } else if (v instanceof String s) {
      w.b(STRING);
      w.string(s);
    } else if (v instanceof Map<?, ?> m && allStringKeys(m)) {
      w.b(MAP);
      w.varint(m.size());
      for (Map.Entry<?, ?> e : m.entrySet()) {
        w.string((String) e.getKey());
        value(w, e.getValue(), key + "/" + e.getKey());
      }
    } else if (v instanceof List<?> l) {
      w.b(LIST);
      w.varint(l.size());
      for (Object x : l) {
        value(w, x, key);
      }
    } else if (v instanceof double[] a) {
      w.b(DOUBLES);
      w.varint(a.length);
      for (double x : a) {
        w.fixed64(Double.doubleToRawLongBits(x));
      }
    } else if (v instanceof float[] a) {
      w.b(FLOATS);
      w.varint(a.length);
      for (float x : a) {
        w.fixed64(Float.floatToRawIntBits(x));
      }
    } else if (v instanceof int[] a) {
      w.b(INTS);
      w.varint(a.length);
      for (int x : a) {
        w.varlong(x);
      }
    } else if (v instanceof long[] a) {
      w.b(LONGS);
      w.varint(a.length);
      for (long x : a) {
        w.varlong(x);
      }
    } else {
      byte[] java;
      try {
        java = Payloads.encode(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "key '" + key + "' holds a value that cannot be sent to a Ray actor: " + e.getMessage(), e);
      }
      w.b(JAVA);
      w.varint(java.length);
      w.bytes(java);
    }
  }

  private static boolean allStringKeys(Map<?, ?> m) {
    for (Object k : m.keySet()) {
      if (!(k instanceof String)) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Object> map(Reader r, Map<String, Object> trialConfig) {
    int n = r.varint();
    Map<String, Object> m = new LinkedHashMap<>(Math.max(4, n * 4 / 3 + 1));
    for (int i = 0; i < n; i++) {
      String k = r.string();
      m.put(k, value(r, trialConfig));
    }
    return m;
  }

  private static Object value(Reader r, Map<String, Object> trialConfig) {
    byte tag = r.b();
    switch (tag) {
      case NULL:
        return null;
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      case INT:
        return (int) r.varlong();
      case LONG:
        return r.varlong();
      case DOUBLE:
        return Double.longBitsToDouble(r.fixed64());
      case FLOAT:
        return Float.intBitsToFloat((int) r.fixed64());
      case STRING:
        return r.string();
      case MAP:
        return map(r, null);
      case LIST:
        {
          int n = r.varint();
          List<Object> l = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            l.add(value(r, null));
          }
          return l;
        }
      case DOUBLES:
        {
          double[] a = new double[r.varint()];
          for (int i = 0; i < a.length; i++) {
            a[i] = Double.longBitsToDouble(r.fixed64());
          }
          return a;
        }
      case FLOATS:
        {
          float[] a = new float[r.varint()];
          for (int i = 0; i < a.length; i++) {
            a[i] = Float.intBitsToFloat((int) r.fixed64());
          }
          return a;
        }
      case INTS:
        {
          int[] a = new int[r.varint()];
          for (int i = 0; i < a.length; i++) {
            a[i] = (int) r.varlong();
          }
          return a;
        }
      case LONGS:
        {
          long[] a = new long[r.varint()];
          for (int i = 0; i < a.length; i++) {
            a[i] = r.varlong();
          }
          return a;
        }
      case JAVA:
        return Payloads.decode(r.bytes(r.varint()));
      case TRIAL_CONFIG:
        return trialConfig;
      default:
        throw new IllegalStateException("corrupt result payload: unknown tag " + tag + " at " + (r.pos - 1));
    }
  }

  /** A growable byte buffer with varints (zig-zag for signed values). */
  private static final class Writer {
    private byte[] buf = new byte[512];
    private int pos;

    private void ensure(int n) {
      if (pos + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
      }
    }

    void b(byte v) {
      ensure(1);
      buf[pos++] = v;
    }

    void varint(int v) {
      ensure(5);
      while ((v & ~0x7F) != 0) {
        buf[pos++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[pos++] = (byte) v;
    }

    void varlong(long v) {
      long z = (v << 1) ^ (v >> 63);
      ensure(10);
      while ((z & ~0x7FL) != 0) {
        buf[pos++] = (byte) ((z & 0x7F) | 0x80);
        z >>>= 7;
      }
      buf[pos++] = (byte) z;
    }

    void fixed64(long v) {
      ensure(8);
      for (int i = 0; i < 8; i++) {
        buf[pos++] = (byte) (v >>> (8 * i));
      }
    }

    void string(String s) {
      int n = s.length();
      boolean ascii = n < 128;
      for (int i = 0; ascii && i < n; i++) {
        ascii = s.charAt(i) < 0x80;
      }
      if (ascii) {
        ensure(1 + n);
        buf[pos++] = (byte) n;
        for (int i = 0; i < n; i++) {
          buf[pos++] = (byte) s.charAt(i);
        }
      } else {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        varint(utf8.length);
        bytes(utf8);
      }
    }

    void bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
    }

    byte[] toBytes() {
      return Arrays.copyOf(buf, pos);
    }
  }

  private static final class Reader {
    private final byte[] buf;
    private int pos;

    Reader(byte[] buf) {
      this.buf = buf;
    }

    byte b() {
      return buf[pos++];
    }

    int varint() {
      int v = 0;
      for (int shift = 0; ; shift += 7) {
        byte x = buf[pos++];
        v |= (x & 0x7F) << shift;
        if (x >= 0) {
          return v;
        }
      }
    }

    long varlong() {
      long z = 0;
      for (int shift = 0; ; shift += 7) {
        byte x = buf[pos++];
        z |= (long) (x & 0x7F) << shift;
        if (x >= 0) {
          return (z >>> 1) ^ -(z & 1);
        }
      }
    }

    long fixed64() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v |= (buf[pos++] & 0xFFL) << (8 * i);
      }
      return v;
    }

    String string() {
      int n = varint();
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    byte[] bytes(int n) {
      byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return b;
    }
  }
}
