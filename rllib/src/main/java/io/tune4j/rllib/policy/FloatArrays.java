package io.tune4j.rllib.policy;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A compact byte encoding of a list of float arrays, for weights and policy state crossing actor
 * boundaries: {@code int magic, short version, int count}, then per array {@code int length} and
 * its floats little-endian, copied in bulk.
 */
public final class FloatArrays {
  private static final int MAGIC = 0x54344641; // "T4FA"
  private static final short VERSION = 1;

  private FloatArrays() {}

  /** Encodes the arrays in order. */
  public static byte[] encode(float[]... arrays) {
    long size = 4 + 2 + 4;
    for (float[] a : arrays) {
      size += 4 + 4L * a.length;
    }
    if (size > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("arrays too large to encode: " + size + " bytes");
    }
    byte[] out = new byte[(int) size];
    ByteBuffer buf = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(MAGIC).putShort(VERSION).putInt(arrays.length);
    for (float[] a : arrays) {
      buf.putInt(a.length);
      buf.asFloatBuffer().put(a);
      buf.position(buf.position() + 4 * a.length);
    }
    return out;
  }

  /**
   * Decodes what {@link #encode} produced.
   *
   * @param what names the payload in error messages (e.g. "PPO weights")
   * @throws IllegalArgumentException if the bytes are not such an encoding
   */
  public static float[][] decode(byte[] bytes, String what) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    try {
      if (buf.getInt() != MAGIC) {
        throw new IllegalArgumentException(what + ": not an encoded float array list");
      }
      short v = buf.getShort();
      if (v != VERSION) {
        throw new IllegalArgumentException(what + ": unsupported encoding version " + v);
      }
      int n = buf.getInt();
      if (n < 0 || n > bytes.length) {
        throw new IllegalArgumentException(what + ": corrupt array count " + n);
      }
      float[][] out = new float[n][];
      for (int i = 0; i < n; i++) {
        int len = buf.getInt();
        if (len < 0 || 4L * len > buf.remaining()) {
          throw new IllegalArgumentException(what + ": truncated (array " + i + ")");
        }
        out[i] = new float[len];
        buf.asFloatBuffer().get(out[i]);
        buf.position(buf.position() + 4 * len);
      }
      return out;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException(what + ": truncated", e);
    }
  }
}
