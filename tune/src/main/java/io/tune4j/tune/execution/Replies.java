package io.tune4j.tune.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The byte form of a trial actor's replies: train results go through {@link ResultCodec} (fast,
 * config sent once per trial), anything else is a Java-serialized {@link ActorReply}.
 */
final class Replies {
  private static final byte RESULTS = 'R';
  private static final byte OTHER = 'J';

  private Replies() {}

  /** A serialized reply. */
  static byte[] of(ActorReply reply) {
    byte[] body = Payloads.encode(reply);
    byte[] out = new byte[body.length + 1];
    out[0] = OTHER;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  /** A successful train reply; {@code trialConfig} (or null) is sent as a placeholder. */
  static byte[] results(List<Map<String, Object>> results, Map<String, Object> trialConfig) {
    byte[] body = ResultCodec.encode(results, trialConfig);
    byte[] out = new byte[body.length + 1];
    out[0] = RESULTS;
    System.arraycopy(body, 0, out, 1, body.length);
    return out;
  }

  /** Decodes a reply; a results reply's value is the {@code List} of result maps. */
  static ActorReply decode(byte[] bytes, Map<String, Object> trialConfig) {
    byte[] body = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    if (bytes[0] == RESULTS) {
      return ActorReply.ok(new ArrayList<>(ResultCodec.decode(body, trialConfig)));
    }
    if (bytes[0] == OTHER) {
      return Payloads.decode(body);
    }
    throw new IllegalStateException("corrupt actor reply: first byte " + bytes[0]);
  }
}
