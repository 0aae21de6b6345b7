package io.tune4j.rllib.policy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The byte layout of an encoded {@link SampleBatch}, used for every actor hop.
 *
 * <pre>
 * int    magic 0x54345342 ("T4SB")     short  version (1)
 * int    rows                          int    columns
 * per column:
 *   short  name length, UTF-8 name bytes
 *   byte   kind (0 float, 1 long, 2 infos as JSON text)
 *   int    width
 *   int    payload bytes
 *   payload: floats / longs little-endian, or UTF-8 JSON array of objects
 * </pre>
 *
 * Numeric payloads are copied in bulk through {@link ByteBuffer} views.
 */
final class SampleBatchCodec {
  static final int MAGIC = 0x54345342;
  static final short VERSION = 1;
  private static final byte FLOAT = 0;
  private static final byte LONG = 1;
  private static final byte INFOS = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleBatchCodec() {}

  static byte[] encode(SampleBatch b) {
    List<String> cols = new ArrayList<>(b.columns());
    byte[][] names = new byte[cols.size()][];
    byte[] infoJson = null;
    long size = 4 + 2 + 4 + 4;
    for (int i = 0; i < cols.size(); i++) {
      String col = cols.get(i);
      names[i] = col.getBytes(StandardCharsets.UTF_8);
      Object v = b.raw(col);
      long payload;
      if (v instanceof float[] f) {
        payload = 4L * f.length;
      } else if (v instanceof long[] l) {
        payload = 8L * l.length;
      } else {
        try {
          infoJson = JSON.writeValueAsBytes(v);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot encode column '" + col + "' as JSON", e);
        }
        payload = infoJson.length;
      }
      size += 2 + names[i].length + 1 + 4 + 4 + payload;
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("batch too large to encode: " + size + " bytes");
    }
    byte[] out = new byte[(int) size];
    ByteBuffer buf = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(MAGIC).putShort(VERSION).putInt(b.count()).putInt(cols.size());
    for (int i = 0; i < cols.size(); i++) {
      String col = cols.get(i);
      buf.putShort((short) names[i].length).put(names[i]);
      Object v = b.raw(col);
      if (v instanceof float[] f) {
        buf.put(FLOAT).putInt(b.width(col)).putInt(4 * f.length);
        buf.asFloatBuffer().put(f);
        buf.position(buf.position() + 4 * f.length);
      } else if (v instanceof long[] l) {
        buf.put(LONG).putInt(1).putInt(8 * l.length);
        buf.asLongBuffer().put(l);
        buf.position(buf.position() + 8 * l.length);
      } else {
        buf.put(INFOS).putInt(1).putInt(infoJson.length).put(infoJson);
      }
    }
    return out;
  }

  static SampleBatch decode(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    try {
      int magic = buf.getInt();
      if (magic != MAGIC) {
        throw new IllegalArgumentException(
            "not an encoded SampleBatch: magic 0x" + Integer.toHexString(magic));
      }
      short version = buf.getShort();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "unsupported SampleBatch encoding version " + version + " (expected " + VERSION + ")");
      }
      int rows = buf.getInt();
      int ncols = buf.getInt();
      SampleBatch b = new SampleBatch();
      for (int i = 0; i < ncols; i++) {
        byte[] name = new byte[buf.getShort()];
        buf.get(name);
        String col = new String(name, StandardCharsets.UTF_8);
        byte kind = buf.get();
        int width = buf.getInt();
        int payload = buf.getInt();
        if (payload < 0 || payload > buf.remaining()) {
          throw new IllegalArgumentException(
              "column '" + col + "': payload of " + payload + " bytes exceeds the input");
        }
        switch (kind) {
          case FLOAT -> {
            float[] f = new float[payload / 4];
            buf.asFloatBuffer().get(f);
            buf.position(buf.position() + payload);
            b.putFloats(col, width, f);
          }
          case LONG -> {
            long[] l = new long[payload / 8];
            buf.asLongBuffer().get(l);
            buf.position(buf.position() + payload);
            b.putLongs(col, l);
          }
          case INFOS -> {
            List<Map<String, Object>> infos =
                JSON.readValue(bytes, buf.position(), payload, new TypeReference<>() {});
            buf.position(buf.position() + payload);
            b.putInfos(infos);
          }
          default ->
              throw new IllegalArgumentException(
                  "column '" + col + "': unknown column kind " + kind);
        }
      }
      if (b.count() != rows) {
        throw new IllegalArgumentException(
            "header says " + rows + " rows but columns hold " + b.count());
      }
      return b;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated SampleBatch encoding", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt infos JSON in SampleBatch encoding", e);
    }
  }
}
