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
 * alone), the policy state (weights, optimizer state), the observation filter and the step
 * counters, closed by a CRC32. Written to a temp file and renamed atomically.
 *
 * @param algorithm e.g. "PPO"
 * @param config the merged config (non-JSON values such as callbacks are dropped)
 * @param policyState {@code Policy.getState()}
 * @param filterState the local worker's observation filter state
 * @param numStepsSampled env steps sampled so far
 * @param numStepsTrained env steps trained on so far
 */
public record TrainerCheckpoint(
    String algorithm,
    Map<String, Object> config,
    byte[] policyState,
    byte[] filterState,
    long numStepsSampled,
    long numStepsTrained) {

  private static final String MAGIC = "TUNE4J-TRAINER-CHECKPOINT";
  /** The format version this build writes and reads. */
  public static final int VERSION = 1;

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
      blob(out, c.policyState());
      blob(out, c.filterState());
      out.writeLong(c.numStepsSampled());
      out.writeLong(c.numStepsTrained());
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
      if (version != VERSION) {
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
      byte[] policy = blob(in);
      byte[] filter = blob(in);
      return new TrainerCheckpoint(algorithm, config, policy, filter, in.readLong(), in.readLong());
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
