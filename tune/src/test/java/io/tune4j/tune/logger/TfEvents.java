package io.tune4j.tune.logger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads a TensorBoard event file for tests: checks both CRCs of every TFRecord and decodes the
 * Event / Summary / Value protobuf fields with its own small wire-format decoder.
 */
final class TfEvents {

  /** One decoded event; {@code values} maps tag to simple_value in file order. */
  record Event(
      double wallTime,
      long step,
      String fileVersion,
      Map<String, Float> values,
      boolean hasSummary) {}

  private TfEvents() {}

  static int maskedCrc(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    int crc = (int) c.getValue();
    return ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
  }

  static List<Event> read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    ByteBuffer bb = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> events = new ArrayList<>();
    while (bb.position() < all.length) {
      int start = bb.position();
      if (all.length - start < 12) {
        throw new AssertionError("truncated record header at " + start);
      }
      long len = bb.getLong();
      int lenCrc = bb.getInt();
      if (lenCrc != maskedCrc(all, start, 8)) {
        throw new AssertionError("length CRC mismatch at " + start);
      }
      int dataStart = bb.position();
      if (len < 0 || dataStart + len + 4 > all.length) {
        throw new AssertionError("truncated record data at " + start + ", length " + len);
      }
      bb.position(dataStart + (int) len);
      int dataCrc = bb.getInt();
      if (dataCrc != maskedCrc(all, dataStart, (int) len)) {
        throw new AssertionError("data CRC mismatch at " + start);
      }
      events.add(decodeEvent(all, dataStart, dataStart + (int) len));
    }
    return events;
  }

  private static Event decodeEvent(byte[] b, int pos, int end) {
    double wall = 0;
    long step = 0;
    String version = null;
    Map<String, Float> values = new LinkedHashMap<>();
    boolean hasSummary = false;
    Reader r = new Reader(b, pos, end);
    while (r.more()) {
      long key = r.varint();
      int field = (int) (key >>> 3);
      int wire = (int) (key & 7);
      if (field == 1 && wire == 1) {
        wall = Double.longBitsToDouble(r.fixed64());
      } else if (field == 2 && wire == 0) {
        step = r.varint();
      } else if (field == 3 && wire == 2) {
        int n = (int) r.varint();
        version = new String(b, r.pos, n, StandardCharsets.UTF_8);
        r.pos += n;
      } else if (field == 5 && wire == 2) {
        hasSummary = true;
        int n = (int) r.varint();
        decodeSummary(b, r.pos, r.pos + n, values);
        r.pos += n;
      } else {
        throw new AssertionError("unexpected Event field " + field + " wire type " + wire);
      }
    }
    return new Event(wall, step, version, values, hasSummary);
  }

  private static void decodeSummary(byte[] b, int pos, int end, Map<String, Float> out) {
    Reader r = new Reader(b, pos, end);
    while (r.more()) {
      long key = r.varint();
      if (key != ((1 << 3) | 2)) {
        throw new AssertionError("unexpected Summary key " + key);
      }
      int n = (int) r.varint();
      Reader v = new Reader(b, r.pos, r.pos + n);
      String tag = null;
      Float value = null;
      while (v.more()) {
        long k = v.varint();
        if (k == ((1 << 3) | 2)) {
          int m = (int) v.varint();
          tag = new String(b, v.pos, m, StandardCharsets.UTF_8);
          v.pos += m;
        } else if (k == ((2 << 3) | 5)) {
          value = Float.intBitsToFloat(v.fixed32());
        } else {
          throw new AssertionError("unexpected Value key " + k);
        }
      }
      if (tag == null || value == null) {
        throw new AssertionError("Value without tag or simple_value");
      }
      out.put(tag, value);
      r.pos += n;
    }
  }

  private static final class Reader {
    final byte[] b;
    int pos;
    final int end;

    Reader(byte[] b, int pos, int end) {
      this.b = b;
      this.pos = pos;
      this.end = end;
    }

    boolean more() {
      return pos < end;
    }

    long varint() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte x = b[pos++];
        v |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          return v;
        }
      }
      throw new AssertionError("varint longer than 10 bytes");
    }

    long fixed64() {
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v |= (long) (b[pos++] & 0xFF) << (8 * i);
      }
      return v;
    }

    int fixed32() {
      int v = 0;
      for (int i = 0; i < 4; i++) {
        v |= (b[pos++] & 0xFF) << (8 * i);
      }
      return v;
    }
  }
}
