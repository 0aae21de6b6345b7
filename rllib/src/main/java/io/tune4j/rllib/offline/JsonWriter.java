package io.tune4j.rllib.offline;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tune4j.rllib.policy.SampleBatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Writes sample batches as JSON lines (RLlib's {@code JsonWriter}, the {@code "output"} config):
 * files {@code output-<yyyy-MM-dd_HH-mm-ss>_worker-<i>_<n>.json} in the output directory, one
 * batch per line, a new file once {@code output_max_file_size} bytes were written to the current
 * one. A line is {@code {"type": "SampleBatch", "<column>": [...], ...}}: width-1 columns as flat
 * lists, wider ones as lists of rows, {@code dones} as booleans, {@code eps_id}, {@code t} and
 * {@code agent_index} as integers, {@code infos} as objects. A column named in {@code
 * output_compress_columns} is written as {@code {"dtype": "float32", "shape": [rows, width],
 * "gzip_base64": "..."}}: its values as little-endian float32, gzip-compressed, base64-encoded
 * (RLlib writes LZ4-compressed pickles there, which only Python can read). Lines are flushed as
 * they are written, so a crash loses no finished batch.
 */
public final class JsonWriter implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

  private final Path dir;
  private final int workerIndex;
  private final long maxFileSize;
  private final Set<String> compress;
  private OutputStream out;
  private Path current;
  private long written;
  private int fileIndex;

  /**
   * A writer into {@code dir} (created if missing).
   *
   * @throws UncheckedIOException naming the directory when it cannot be created
   */
  public JsonWriter(Path dir, int workerIndex, long maxFileSize, Set<String> compressColumns) {
    this.dir = dir.toAbsolutePath();
    this.workerIndex = workerIndex;
    this.maxFileSize = maxFileSize;
    this.compress = Set.copyOf(compressColumns);
    try {
      Files.createDirectories(this.dir);
    } catch (IOException e) {
      throw new UncheckedIOException("output: cannot create directory " + this.dir, e);
    }
  }

  /** Appends one batch as one line. */
  public void write(SampleBatch batch) {
    try {
      byte[] line = toJson(batch, compress);
      if (out == null || written >= maxFileSize) {
        roll();
      }
      out.write(line);
      out.write('\n');
      out.flush();
      written += line.length + 1;
    } catch (IOException e) {
      throw new UncheckedIOException("output: cannot write to " + current, e);
    }
  }

  private void roll() throws IOException {
    close();
    current = dir.resolve("output-" + LocalDateTime.now().format(STAMP) + "_worker-" + workerIndex + "_"
        + fileIndex++ + ".json");
    out = Files.newOutputStream(current);
    written = 0;
  }

  /** The file being written, or null before the first batch. */
  public Path currentFile() {
    return current;
  }

  @Override
  public void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException("output: cannot close " + current, e);
      }
      out = null;
    }
  }

  /** One batch as a JSON object (the line's bytes, without the newline). */
  static byte[] toJson(SampleBatch b, Set<String> compress) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + 32 * b.count());
    try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("type", "SampleBatch");
      int n = b.count();
      for (String col : b.columns()) {
        if (col.equals(SampleBatch.INFOS)) {
          continue;
        }
        g.writeFieldName(col);
        if (b.isLong(col)) {
          long[] v = b.longs(col);
          g.writeArray(v, 0, v.length);
          continue;
        }
        float[] v = b.floats(col);
        int w = b.width(col);
        if (compress.contains(col)) {
          writeCompressed(g, v, n, w);
        } else if (col.equals(SampleBatch.DONES) && w == 1) {
          g.writeStartArray();
          for (float x : v) {
            g.writeBoolean(x != 0f);
          }
          g.writeEndArray();
        } else if (w == 1) {
          g.writeStartArray();
          for (float x : v) {
            g.writeNumber(x);
          }
          g.writeEndArray();
        } else {
          g.writeStartArray();
          for (int r = 0; r < n; r++) {
            g.writeStartArray();
            for (int j = 0; j < w; j++) {
              g.writeNumber(v[r * w + j]);
            }
            g.writeEndArray();
          }
          g.writeEndArray();
        }
      }
      if (b.has(SampleBatch.INFOS)) {
        g.writeFieldName(SampleBatch.INFOS);
        g.writeStartArray();
        for (Map<String, Object> info : b.infos()) {
          io.tune4j.tune.logger.JsonText.write(g, info, false);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    return bytes.toByteArray();
  }

  private static void writeCompressed(JsonGenerator g, float[] v, int rows, int width) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(v);
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(z)) {
      gz.write(buf.array());
    }
    g.writeStartObject();
    g.writeStringField("dtype", "float32");
    g.writeFieldName("shape");
    g.writeArray(new int[] {rows, width}, 0, 2);
    g.writeStringField("gzip_base64", Base64.getEncoder().encodeToString(z.toByteArray()));
    g.writeEndObject();
  }

  /** One batch as the JSON line this writer writes (uncompressed, without the newline). */
  public static String toJsonString(SampleBatch batch) {
    try {
      return new String(toJson(batch, Set.of()), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Columns RLlib compresses by default. */
  public static final List<String> DEFAULT_COMPRESS_COLUMNS = List.of("obs", "new_obs");
}
