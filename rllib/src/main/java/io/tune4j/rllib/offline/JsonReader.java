package io.tune4j.rllib.offline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tune4j.rllib.policy.SampleBatch;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads sample batches from JSON-lines files written by {@link JsonWriter} (RLlib's {@code
 * JsonReader}, the {@code "input"} config): a file, a directory (its {@code *.json} files) or a glob
 * such as {@code /tmp/out/*.json}. Files are read in random order, each from start to end, over
 * and over; blank lines are skipped. A malformed line is an error naming the file and line,
 * never skipped silently.
 */
public final class JsonReader implements InputReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> LONG_COLUMNS =
      Set.of(SampleBatch.EPS_ID, SampleBatch.T, SampleBatch.AGENT_INDEX, "unroll_id");

  private final List<Path> files;
  private final Random rng;
  private BufferedReader in;
  private Path current;
  private int lineNo;

  /**
   * A reader of {@code inputs}.
   *
   * @param seed order of the files
   * @throws IllegalArgumentException when nothing matches, naming the pattern
   */
  public JsonReader(String inputs, long seed) {
    this.files = resolve(inputs);
    this.rng = new Random(seed);
  }

  /** The files {@code inputs} names: a file, a directory's {@code *.json}, or a glob. */
  public static List<Path> resolve(String inputs) {
    String expanded = inputs.startsWith("~/") ? System.getProperty("user.home") + inputs.substring(1) : inputs;
    Path p = Path.of(expanded).toAbsolutePath();
    List<Path> out = new ArrayList<>();
    try {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().forEach(out::add);
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        Path base = p;
        while (base != null && (base.toString().contains("*") || base.toString().contains("?")
            || base.toString().contains("["))) {
          base = base.getParent();
        }
        if (base != null && Files.isDirectory(base)) {
          PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p);
          try (Stream<Path> s = Files.walk(base)) {
            s.filter(Files::isRegularFile).filter(m::matches).sorted().forEach(out::add);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("input: cannot list " + inputs, e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("input: no files found matching " + inputs
          + " (give a file, a directory of *.json files or a glob)");
    }
    return out;
  }

  /** The files this reader cycles through. */
  public List<Path> files() {
    return files;
  }

  @Override
  public SampleBatch next() {
    for (int attempts = 0; attempts < 100 * files.size() + 100; ) {
      String line = nextLine();
      if (line == null) {
        attempts++;
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      return parse(line, current + ":" + lineNo);
    }
    throw new IllegalStateException("input: no batches in " + files);
  }

  private String nextLine() {
    try {
      if (in == null) {
        current = files.get(rng.nextInt(files.size()));
        in = Files.newBufferedReader(current, StandardCharsets.UTF_8);
        lineNo = 0;
      }
      String line = in.readLine();
      if (line == null) {
        in.close();
        in = null;
        return null;
      }
      lineNo++;
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException("input: cannot read " + current, e);
    }
  }

  /**
   * Parses one line.
   *
   * @param where "file:line", for errors
   * @throws IllegalArgumentException naming {@code where} and what is wrong
   */
  public static SampleBatch parse(String line, String where) {
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": malformed JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(where + ": expected a JSON object per line");
    }
    String type = root.path("type").asText("SampleBatch");
    if (!type.equals("SampleBatch")) {
      throw new IllegalArgumentException(where + ": batch type " + type + " is not supported yet (only SampleBatch)");
    }
    SampleBatch b = new SampleBatch();
    int count = -1;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String col = e.getKey();
      JsonNode v = e.getValue();
      if (col.equals("type")) {
        continue;
      }
      int rows;
      if (col.equals(SampleBatch.INFOS)) {
        List<Map<String, Object>> infos = new ArrayList<>();
        for (JsonNode x : v) {
          infos.add(JSON.convertValue(x, Map.class));
        }
        b.putInfos(infos);
        rows = infos.size();
      } else if (v.isObject()) {
        rows = putCompressed(b, col, v, where);
      } else if (!v.isArray()) {
        throw new IllegalArgumentException(where + ": column '" + col + "' must be a list, got " + v.getNodeType());
      } else if (LONG_COLUMNS.contains(col)) {
        long[] l = new long[v.size()];
        for (int i = 0; i < l.length; i++) {
          if (!v.get(i).isNumber()) {
            throw new IllegalArgumentException(where + ": column '" + col + "' row " + i + " is not a number");
          }
          l[i] = v.get(i).asLong();
        }
        b.putLongs(col, l);
        rows = l.length;
      } else {
        rows = putFloats(b, col, v, where);
      }
      if (count >= 0 && rows != count) {
        throw new IllegalArgumentException(where + ": column '" + col + "' has " + rows + " rows, earlier columns "
            + count);
      }
      count = rows;
    }
    if (count < 0 || !b.has(SampleBatch.OBS)) {
      throw new IllegalArgumentException(where + ": a batch needs at least the column 'obs'");
    }
    return b;
  }

  private static int putFloats(SampleBatch b, String col, JsonNode v, String where) {
    int n = v.size();
    int w = n > 0 && v.get(0).isArray() ? v.get(0).size() : 1;
    float[] out = new float[n * w];
    for (int r = 0; r < n; r++) {
      JsonNode row = v.get(r);
      if (w == 1 && !row.isArray()) {
        out[r] = value(row, col, r, where);
      } else {
        if (!row.isArray() || row.size() != w) {
          throw new IllegalArgumentException(where + ": column '" + col + "' row " + r + " must hold " + w + " values");
        }
        for (int j = 0; j < w; j++) {
          out[r * w + j] = value(row.get(j), col, r, where);
        }
      }
    }
    b.putFloats(col, w, out);
    return n;
  }

  private static float value(JsonNode x, String col, int r, String where) {
    if (x.isBoolean()) {
      return x.asBoolean() ? 1f : 0f;
    }
    if (!x.isNumber()) {
      throw new IllegalArgumentException(where + ": column '" + col + "' row " + r + " is not a number: " + x);
    }
    return (float) x.asDouble();
  }

  private static int putCompressed(SampleBatch b, String col, JsonNode v, String where) {
    JsonNode shape = v.get("shape");
    if (!"float32".equals(v.path("dtype").asText()) || shape == null || shape.size() != 2
        || !v.has("gzip_base64")) {
      throw new IllegalArgumentException(where + ": compressed column '" + col
          + "' needs dtype float32, shape [rows, width] and gzip_base64");
    }
    int rows = shape.get(0).asInt();
    int w = shape.get(1).asInt();
    try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(
        Base64.getDecoder().decode(v.get("gzip_base64").asText())))) {
      byte[] raw = gz.readAllBytes();
      if (raw.length != rows * w * 4) {
        throw new IllegalArgumentException(where + ": compressed column '" + col + "' holds " + raw.length / 4
            + " floats, shape says " + rows * w);
      }
      float[] out = new float[rows * w];
      ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
      b.putFloats(col, w, out);
      return rows;
    } catch (IOException | IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(where)) {
        throw (IllegalArgumentException) e;
      }
      throw new IllegalArgumentException(where + ": compressed column '" + col + "' is not valid gzip/base64: "
          + e.getMessage());
    }
  }
}
