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
    Object[] bodies = new Object[args.length];
    int size = 8 + 4 + opBytes.length + 1;
    for (int i = 0; i < args.length; i++) {
      bodies[i] = body(args[i]);
      size += 4 + 1 + bodyLength(bodies[i]);
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    buf.putLong(hostId).putInt(opBytes.length).put(opBytes).put((byte) args.length);
    for (int i = 0; i < args.length; i++) {
      buf.putInt(1 + bodyLength(bodies[i]));
      putValue(buf, args[i], bodies[i]);
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
    Object body = body(value);
    ByteBuffer buf = ByteBuffer.allocate(2 + bodyLength(body));
    buf.put((byte) 0);
    putValue(buf, value, body);
    return buf.array();
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
    Object body = body(v);
    ByteBuffer buf = ByteBuffer.allocate(1 + bodyLength(body));
    putValue(buf, v, body);
    return buf.array();
  }

  /** The bytes a value's body needs beyond the primitives written directly: byte[] for strings and objects. */
  private static Object body(Object v) {
    if (v == null || v instanceof byte[] || v instanceof Long || v instanceof Integer
        || v instanceof Double || v instanceof Boolean) {
      return v;
    }
    if (v instanceof String s) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    return Payloads.encode(v);
  }

  private static int bodyLength(Object body) {
    if (body == null) {
      return 0;
    }
    if (body instanceof byte[] b) {
      return b.length;
    }
    if (body instanceof Long || body instanceof Double) {
      return 8;
    }
    if (body instanceof Integer) {
      return 4;
    }
    return 1; // Boolean
  }

  /** Writes a value's tag and body ({@code body} from {@link #body}). */
  private static void putValue(ByteBuffer buf, Object v, Object body) {
    if (v == null) {
      buf.put((byte) 'N');
    } else if (v instanceof byte[] b) {
      buf.put((byte) 'B').put(b);
    } else if (v instanceof String) {
      buf.put((byte) 'S').put((byte[]) body);
    } else if (v instanceof Long l) {
      buf.put((byte) 'L').putLong(l);
    } else if (v instanceof Integer i) {
      buf.put((byte) 'I').putInt(i);
    } else if (v instanceof Double d) {
      buf.put((byte) 'D').putDouble(d);
    } else if (v instanceof Boolean z) {
      buf.put((byte) 'Z').put((byte) (z ? 1 : 0));
    } else {
      buf.put((byte) 'J').put((byte[]) body);
    }
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
