package io.tune4j.tune.execution;

import io.tune4j.tune.trainable.TrainableContext;
import io.tune4j.tune.trainable.TrainableFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The arguments of {@link TrialActor} calls as one {@code byte[]} each. Ray sends a {@code byte[]}
 * argument as raw bytes but runs every other argument (even a {@code Long}) through MessagePack
 * with a fresh buffer, which cost the driver more than the rest of a trial start. Every message
 * begins with the host id ({@link ActorHosts}).
 *
 * <p>A start message carries the trainable factory Java-serialized once per experiment (as Tune
 * registers a trainable once) and the config in {@link ResultCodec}'s form.
 */
final class TrialCalls {
  private TrialCalls() {}

  /** A decoded start message. */
  record Start(long hostId, int maxResults, long bufferNanos, TrialSpec spec) {}

  /** A decoded train message. */
  record Train(long hostId, int maxResults, long bufferNanos) {}

  static byte[] start(long hostId, int maxResults, long bufferNanos, byte[] factory, TrialSpec s) {
    byte[] config = ResultCodec.encodeMap(s.config());
    byte[][] strings = {
      utf8(s.trainableName()), utf8(s.context().trialId()), utf8(s.context().trialName()),
      utf8(s.context().logdir()), utf8(s.context().nodeIp()), utf8(s.restorePath())
    };
    int size = 8 + 4 + 8 + 4 + factory.length + 4 + config.length;
    for (byte[] b : strings) {
      size += 4 + (b == null ? 0 : b.length);
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    buf.putLong(hostId).putInt(maxResults).putLong(bufferNanos);
    buf.putInt(factory.length).put(factory);
    buf.putInt(config.length).put(config);
    for (byte[] b : strings) {
      if (b == null) {
        buf.putInt(-1);
      } else {
        buf.putInt(b.length).put(b);
      }
    }
    return buf.array();
  }

  static Start decodeStart(byte[] msg) {
    ByteBuffer buf = ByteBuffer.wrap(msg);
    long hostId = buf.getLong();
    int maxResults = buf.getInt();
    long bufferNanos = buf.getLong();
    TrainableFactory factory = Payloads.decode(bytes(buf));
    Map<String, Object> config = ResultCodec.decodeMap(bytes(buf));
    String name = string(buf);
    TrainableContext ctx = new TrainableContext(string(buf), string(buf), string(buf), string(buf));
    String restore = string(buf);
    return new Start(hostId, maxResults, bufferNanos, new TrialSpec(name, factory, config, ctx, restore));
  }

  static byte[] train(long hostId, int maxResults, long bufferNanos) {
    return ByteBuffer.allocate(20).putLong(hostId).putInt(maxResults).putLong(bufferNanos).array();
  }

  static Train decodeTrain(byte[] msg) {
    ByteBuffer buf = ByteBuffer.wrap(msg);
    return new Train(buf.getLong(), buf.getInt(), buf.getLong());
  }

  /** A stop message: the host id, whether to keep a class trainable, and which trial to stop. */
  static byte[] stop(long hostId, boolean keep, String trialId) {
    byte[] id = trialId == null ? new byte[0] : utf8(trialId);
    return ByteBuffer.allocate(9 + id.length).putLong(hostId).put((byte) (keep ? 1 : 0)).put(id).array();
  }

  /** The trial id of a stop message, or null for "whatever trial is hosted". */
  static String stopTrialId(byte[] msg) {
    return msg.length == 9 ? null : new String(msg, 9, msg.length - 9, StandardCharsets.UTF_8);
  }

  /** A message of the host id and a string or byte payload. */
  static byte[] withBytes(long hostId, byte[] payload) {
    return ByteBuffer.allocate(8 + payload.length).putLong(hostId).put(payload).array();
  }

  static long hostId(byte[] msg) {
    return ByteBuffer.wrap(msg).getLong();
  }

  static boolean flagOf(byte[] msg) {
    return msg[8] != 0;
  }

  static byte[] payloadOf(byte[] msg) {
    return java.util.Arrays.copyOfRange(msg, 8, msg.length);
  }

  static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer buf) {
    byte[] b = new byte[buf.getInt()];
    buf.get(b);
    return b;
  }

  private static String string(ByteBuffer buf) {
    int n = buf.getInt();
    if (n < 0) {
      return null;
    }
    String s = new String(buf.array(), buf.position(), n, StandardCharsets.UTF_8);
    buf.position(buf.position() + n);
    return s;
  }
}
