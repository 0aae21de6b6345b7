package io.tune4j.rllib.policy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Experience of several policies from the same env steps (RLlib's {@code MultiAgentBatch}): one
 * {@link SampleBatch} per policy id, plus the number of env steps they came from, counted once
 * however many agents acted in each step. Single-agent training is a one-entry batch under {@code
 * default_policy}.
 *
 * <pre>{@code
 * MultiAgentBatch b = new MultiAgentBatch(Map.of("car", carRows, "walker", walkerRows), 200);
 * byte[] wire = b.encode();                       // for actor hops
 * MultiAgentBatch same = MultiAgentBatch.decode(wire);
 * }</pre>
 *
 * @param policyBatches rows by policy id (copied, in order)
 * @param envSteps env steps these rows came from
 */
public record MultiAgentBatch(Map<String, SampleBatch> policyBatches, long envSteps) {
  private static final int MAGIC = 0x4D414231; // "MAB1"

  /** Copies the map. */
  public MultiAgentBatch {
    if (envSteps < 0) {
      throw new IllegalArgumentException("envSteps must be >= 0, got " + envSteps);
    }
    policyBatches = Collections.unmodifiableMap(new LinkedHashMap<>(policyBatches));
  }

  /** A single-agent batch: {@code default_policy} only, one env step per row. */
  public static MultiAgentBatch of(SampleBatch batch) {
    return new MultiAgentBatch(Map.of("default_policy", batch), batch.count());
  }

  /** Agent steps: rows over every policy. */
  public long agentSteps() {
    long n = 0;
    for (SampleBatch b : policyBatches.values()) {
      n += b.count();
    }
    return n;
  }

  /** Encodes the batch: each policy's rows through {@link SampleBatch#encode()}. */
  public byte[] encode() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(MAGIC);
      out.writeLong(envSteps);
      out.writeInt(policyBatches.size());
      for (Map.Entry<String, SampleBatch> e : policyBatches.entrySet()) {
        out.writeUTF(e.getKey());
        byte[] b = e.getValue().encode();
        out.writeInt(b.length);
        out.write(b);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Decodes what {@link #encode()} produced.
   *
   * @throws IllegalArgumentException if the bytes are not an encoded multi-agent batch
   */
  public static MultiAgentBatch decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not an encoded MultiAgentBatch");
      }
      long envSteps = in.readLong();
      int n = in.readInt();
      Map<String, SampleBatch> m = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        String id = in.readUTF();
        m.put(id, SampleBatch.decode(in.readNBytes(in.readInt())));
      }
      return new MultiAgentBatch(m, envSteps);
    } catch (IOException e) {
      throw new IllegalArgumentException("not an encoded MultiAgentBatch: " + e.getMessage(), e);
    }
  }
}
