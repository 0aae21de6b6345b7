package io.tune4j.rllib.agents;

import io.tune4j.tune.logger.AtomicFiles;
import io.tune4j.tune.logger.JsonText;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * A trainer checkpoint file ({@code checkpoint_<N>/checkpoint-<N>}): a versioned binary with the
 * algorithm, the config (as JSON, so {@code rllib rollout} can rebuild the policy from the file
 * alone), the state of every policy by id (weights, optimizer state), the observation filter, the
 * step counters and the algorithm's own state (e.g. DQN's target-update counters), closed by a
 * CRC32. Written to a temp file and renamed atomically. Version 1 files (one policy, no algorithm
 * state) are still read.
 *
 * @param algorithm e.g. "PPO"
 * @param config the merged config (non-JSON values such as callbacks are dropped)
 * @param policyStates {@code Policy.getState()} by policy id
 * @param filterState the local worker's observation filter state
 * @param numStepsSampled env steps sampled so far
 * @param numStepsTrained env steps trained on so far
 * @param trainerState the algorithm's own state (empty when it keeps none)
 */
public record TrainerCheckpoint(
    String algorithm,
    Map<String, Object> config,
    Map<String, byte[]> policyStates,
    byte[] filterState,
    long numStepsSampled,
    long numStepsTrained,
    byte[] trainerState) {

  private static final String MAGIC = "TUNE4J-TRAINER-CHECKPOINT";
  /** The format version this build writes. */
  public static final int VERSION = 2;

  /** The state of the single-agent policy ({@code default_policy}, else the first). */
  public byte[] policyState() {
    byte[] s = policyStates.get(io.tune4j.rllib.evaluation.RolloutWorker.DEFAULT_POLICY_ID);
    return s != null ? s : policyStates.values().iterator().next();
  }

  /** Writes {@code c} to {@code file} atomically. */
  public static void write(Path file, TrainerCheckpoint c) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(c.algorithm());
      Map<String, Object> cfg = new LinkedHashMap<>(c.config());
      cfg.remove("callbacks");
      if (!(cfg.get("env") instanceof String)) {
        cfg.remove("env");
      }
      blob(out, JsonText.toJson(JsonText.sanitize(cfg, false)).getBytes(StandardCharsets.UTF_8));
      out.writeInt(c.policyStates().size());
      for (Map.Entry<String, byte[]> e : c.policyStates().entrySet()) {
        out.writeUTF(e.getKey());
        blob(out, e.getValue());
      }
      blob(out, c.filterState());
      out.writeLong(c.numStepsSampled());
      out.writeLong(c.numStepsTrained());
      blob(out, c.trainerState() == null ? new byte[0] : c.trainerState());
    }
    byte[] body = bytes.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(body);
    byte[] all = java.util.Arrays.copyOf(body, body.length + 8);
    java.nio.ByteBuffer.wrap(all, body.length, 8).putLong(crc.getValue());
    AtomicFiles.write(file, all);
  }

  /**
   * Reads a checkpoint.
   *
   * @throws IOException naming the file when it is missing, not a Tune4j checkpoint, of another
   *     format version, or corrupt (CRC mismatch or truncated)
   */
  public static TrainerCheckpoint read(Path file) throws IOException {
    byte[] all;
    try {
      all = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IOException("checkpoint file not found: " + file, e);
    }
    if (all.length < 8) {
      throw new IOException("not a Tune4j trainer checkpoint: " + file + " (only " + all.length + " bytes)");
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8))) {
      String magic;
      try {
        magic = in.readUTF();
      } catch (IOException e) {
        magic = "";
      }
      if (!MAGIC.equals(magic)) {
        throw new IOException("not a Tune4j trainer checkpoint: " + file);
      }
      int version = in.readInt();
      if (version != VERSION && version != 1) {
        throw new IOException("checkpoint " + file + " has format version " + version
            + " but this Tune4j reads version " + VERSION + "; restore it with the Tune4j release that wrote it");
      }
      CRC32 crc = new CRC32();
      crc.update(all, 0, all.length - 8);
      long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
      if (stored != crc.getValue()) {
        throw new IOException("corrupt checkpoint " + file + ": checksum mismatch");
      }
      String algorithm = in.readUTF();
      Map<String, Object> config = JsonText.parseObject(new String(blob(in), StandardCharsets.UTF_8));
      Map<String, byte[]> policies = new LinkedHashMap<>();
      if (version == 1) {
        policies.put(io.tune4j.rllib.evaluation.RolloutWorker.DEFAULT_POLICY_ID, blob(in));
      } else {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
          String id = in.readUTF();
          policies.put(id, blob(in));
        }
      }
      byte[] filter = blob(in);
      long sampled = in.readLong();
      long trained = in.readLong();
      byte[] trainer = version == 1 ? new byte[0] : blob(in);
      return new TrainerCheckpoint(algorithm, config, policies, filter, sampled, trained, trainer);
    } catch (EOFException e) {
      throw new IOException("corrupt checkpoint " + file + ": truncated", e);
    }
  }

  private static void blob(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] blob(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new EOFException("blob of " + n + " bytes");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
