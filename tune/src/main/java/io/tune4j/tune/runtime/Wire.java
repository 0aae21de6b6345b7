package io.tune4j.tune.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that lays out bytes for actor calls. Ray sends a {@code byte[]} argument as raw
 * bytes but runs any other value (even a {@code Long}) through MessagePack with a fresh buffer, so
 * every call is one {@code byte[]} message and every reply one {@code byte[]}.
 *
 * <pre>
 * message = host id (8) | op length (4) | op (Java-serialized method reference) | arg count (1) | args
 * arg     = a value
 * reply   = status (1: 0 ok, 1 failed) | a value, or the failure as UTF-8 text
 * value   = tag (1) | body: 'N' null, 'B' byte[], 'S' UTF-8 string, 'L' long, 'I' int, 'D' double,
 *           'Z' boolean, 'J' any other Serializable (Java serialization, which keeps lambdas)
 * </pre>
 *
 * <p>A non-capturing method reference is one object per call site, so its serialized form is
 * cached by identity on the caller's side and its decoded form by content on the actor's side:
 * after the first call an op costs a map lookup each way.
 */
final class Wire {
  private static final int OP_CACHE_LIMIT = 4096;
  private static final Map<Object, byte[]> ENCODED_OPS = new ConcurrentHashMap<>();
  private static final Map<ByteBuffer, Object> DECODED_OPS = new ConcurrentHashMap<>();

  private Wire() {}

  /** A decoded message. */
  record Message(long hostId, Object op, Object[] args) {}

  static byte[] message(long hostId, Object op, Object... args) {
    byte[] opBytes = encodeOp(op);
    byte[][] encoded = new byte[args.length][];
    int size = 8 + 4 + opBytes.length + 1;
    for (int i = 0; i < args.length; i++) {
      encoded[i] = value(args[i]);
      size += 4 + encoded[i].length;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    buf.putLong(hostId).putInt(opBytes.length).put(opBytes).put((byte) args.length);
    for (byte[] a : encoded) {
      buf.putInt(a.length).put(a);
    }
    return buf.array();
  }

  static Message decodeMessage(byte[] msg) {
    ByteBuffer buf = ByteBuffer.wrap(msg);
    long hostId = buf.getLong();
    int opLen = buf.getInt();
    Object op = decodeOp(msg, buf.position(), opLen);
    buf.position(buf.position() + opLen);
    Object[] args = new Object[buf.get()];
    for (int i = 0; i < args.length; i++) {
      int n = buf.getInt();
      args[i] = decodeValue(msg, buf.position(), n);
      buf.position(buf.position() + n);
    }
    return new Message(hostId, op, args);
  }

  private static byte[] encodeOp(Object op) {
    byte[] b = ENCODED_OPS.get(op);
    if (b != null) {
      return b;
    }
    b = Payloads.encode(op);
    if (op.getClass().getDeclaredFields().length == 0 && ENCODED_OPS.size() < OP_CACHE_LIMIT) {
      ENCODED_OPS.put(op, b); // a non-capturing lambda: one instance per call site
    }
    return b;
  }

  private static Object decodeOp(byte[] msg, int off, int len) {
    ByteBuffer key = ByteBuffer.wrap(msg, off, len).slice();
    Object op = DECODED_OPS.get(key);
    if (op != null) {
      return op;
    }
    byte[] copy = java.util.Arrays.copyOfRange(msg, off, off + len);
    op = Payloads.decode(copy);
    if (op.getClass().getDeclaredFields().length == 0 && DECODED_OPS.size() < OP_CACHE_LIMIT) {
      DECODED_OPS.put(ByteBuffer.wrap(copy), op);
    }
    return op;
  }

  static byte[] ok(Object value) {
    byte[] v = value(value);
    byte[] out = new byte[v.length + 1];
    System.arraycopy(v, 0, out, 1, v.length);
    return out;
  }

  static byte[] failed(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    byte[] text = w.toString().getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[text.length + 1];
    out[0] = 1;
    System.arraycopy(text, 0, out, 1, text.length);
    return out;
  }

  static boolean isFailure(byte[] reply) {
    return reply[0] != 0;
  }

  static String failureText(byte[] reply) {
    return new String(reply, 1, reply.length - 1, StandardCharsets.UTF_8);
  }

  static Object replyValue(byte[] reply) {
    return decodeValue(reply, 1, reply.length - 1);
  }

  static byte[] value(Object v) {
    if (v == null) {
      return new byte[] {'N'};
    }
    if (v instanceof byte[] b) {
      byte[] out = new byte[b.length + 1];
      out[0] = 'B';
      System.arraycopy(b, 0, out, 1, b.length);
      return out;
    }
    if (v instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[b.length + 1];
      out[0] = 'S';
      System.arraycopy(b, 0, out, 1, b.length);
      return out;
    }
    if (v instanceof Long l) {
      return ByteBuffer.allocate(9).put((byte) 'L').putLong(l).array();
    }
    if (v instanceof Integer i) {
      return ByteBuffer.allocate(5).put((byte) 'I').putInt(i).array();
    }
    if (v instanceof Double d) {
      return ByteBuffer.allocate(9).put((byte) 'D').putDouble(d).array();
    }
    if (v instanceof Boolean z) {
      return new byte[] {'Z', (byte) (z ? 1 : 0)};
    }
    byte[] b = Payloads.encode(v);
    byte[] out = new byte[b.length + 1];
    out[0] = 'J';
    System.arraycopy(b, 0, out, 1, b.length);
    return out;
  }

  static Object decodeValue(byte[] buf, int off, int len) {
    ByteBuffer b = ByteBuffer.wrap(buf, off + 1, len - 1);
    return switch (buf[off]) {
      case 'N' -> null;
      case 'B' -> java.util.Arrays.copyOfRange(buf, off + 1, off + len);
      case 'S' -> new String(buf, off + 1, len - 1, StandardCharsets.UTF_8);
      case 'L' -> b.getLong();
      case 'I' -> b.getInt();
      case 'D' -> b.getDouble();
      case 'Z' -> buf[off + 1] != 0;
      case 'J' -> Payloads.decode(java.util.Arrays.copyOfRange(buf, off + 1, off + len));
      default -> throw new IllegalStateException("corrupt actor value: tag " + buf[off]);
    };
  }
}
