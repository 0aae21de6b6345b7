package io.tune4j.tune.runtime;

import java.nio.ByteBuffer;

/**
 * Packs several values into one {@code byte[]} in the runtime's wire form (strings, numbers,
 * booleans and byte arrays written directly, anything else Java-serialized), for a message that
 * carries more fields than an operation has arguments.
 *
 * <pre>{@code
 * byte[] b = ActorValues.pack("PPO", 3L, new byte[] {1, 2});
 * Object[] v = ActorValues.unpack(b);   // {"PPO", 3L, byte[] {1, 2}}
 * }</pre>
 */
public final class ActorValues {
  private ActorValues() {}

  /** Packs {@code values} in order. */
  public static byte[] pack(Object... values) {
    byte[][] parts = new byte[values.length][];
    int size = 4;
    for (int i = 0; i < values.length; i++) {
      parts[i] = Wire.value(values[i]);
      size += 4 + parts[i].length;
    }
    ByteBuffer buf = ByteBuffer.allocate(size).putInt(values.length);
    for (byte[] p : parts) {
      buf.putInt(p.length).put(p);
    }
    return buf.array();
  }

  /** The values {@link #pack} packed, in order. */
  public static Object[] unpack(byte[] packed) {
    ByteBuffer buf = ByteBuffer.wrap(packed);
    Object[] out = new Object[buf.getInt()];
    for (int i = 0; i < out.length; i++) {
      int n = buf.getInt();
      out[i] = Wire.decodeValue(packed, buf.position(), n);
      buf.position(buf.position() + n);
    }
    return out;
  }
}
