package io.tune4j.tune.logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * JSON as Tune writes it: NaN and infinities become {@code null}, values JSON cannot hold (lambdas,
 * arbitrary objects) become their {@code String.valueOf} text instead of an error, and maps keep
 * their insertion order or, for {@code params.json}, are sorted by key at every level.
 *
 * <p>{@code JsonText.toJson(Map.of("lr", 0.01))} gives {@code {"lr":0.01}}; {@code
 * JsonText.toPrettyJson(config)} gives Python's {@code json.dumps(config, indent=2,
 * sort_keys=True)} layout.
 */
public final class JsonText {

  private static final ObjectMapper MAPPER = buildMapper();

  private JsonText() {}

  /**
   * Returns the shared mapper: reads {@code NaN}/{@code Infinity} tokens (files from Python Tune),
   * writes non-finite doubles and floats as {@code null}, does not fail on empty beans, and pretty
   * prints in Python's layout. Arbitrary object graphs are better written with {@link #write},
   * which falls back to {@code String.valueOf} where Jackson would fail or expose internals.
   *
   * @return the thread-safe shared mapper; do not reconfigure it
   */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Returns the factory loggers create generators from (fast double writer on).
   *
   * @return the shared factory
   */
  public static JsonFactory factory() {
    return MAPPER.getFactory();
  }

  /**
   * Writes {@code value} compactly, maps in insertion order.
   *
   * @param value any value
   * @return one line of JSON
   */
  public static String toJson(Object value) {
    return render(value, false, false);
  }

  /**
   * Writes {@code value} indented by two spaces with map keys sorted at every level, as {@code
   * params.json} is written.
   *
   * @param value any value
   * @return JSON text without a trailing newline
   */
  public static String toPrettyJson(Object value) {
    return render(value, true, true);
  }

  /**
   * Parses a JSON object into insertion-ordered maps, lists, strings, numbers, booleans and nulls.
   *
   * @param json the text
   * @return the object
   * @throws IllegalArgumentException if the text is not a JSON object; the message quotes its start
   */
  public static Map<String, Object> parseObject(String json) {
    try {
      return MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (IOException e) {
      String head = json.length() > 80 ? json.substring(0, 80) + "..." : json;
      throw new IllegalArgumentException("not a JSON object: '" + head + "': " + e.getMessage(), e);
    }
  }

  /**
   * Returns a copy of {@code value} made only of JSON types (insertion-ordered or sorted maps with
   * string keys, lists, strings, numbers, booleans, nulls), converted by the same rules as {@link
   * #write}.
   *
   * @param value any value
   * @param sortKeys whether maps are sorted by key
   * @return the JSON-safe copy
   */
  public static Object sanitize(Object value, boolean sortKeys) {
    return MAPPER.convertValue(MAPPER.valueToTree(new Raw(value, sortKeys)), Object.class);
  }

  private static String render(Object value, boolean sortKeys, boolean pretty) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = factory().createGenerator(out)) {
      if (pretty) {
        g.setPrettyPrinter(new PythonPrettyPrinter());
      }
      write(g, value, sortKeys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Streams {@code value} into {@code g} by Tune's rules (see the class comment). Nesting deeper
   * than {@link Flatten#MAX_DEPTH} (a cycle) is written as a string naming the type.
   *
   * @param g the generator
   * @param value any value
   * @param sortKeys whether maps are sorted by key
   * @throws IOException from the generator
   */
  public static void write(JsonGenerator g, Object value, boolean sortKeys) throws IOException {
    write(g, value, sortKeys, 0);
  }

  private static void write(JsonGenerator g, Object v, boolean sort, int depth) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Double d) {
      writeDouble(g, d);
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Float f) {
      if (Float.isFinite(f)) {
        g.writeNumber(f);
      } else {
        g.writeNull();
      }
    } else if (depth >= Flatten.MAX_DEPTH) {
      g.writeString("<" + v.getClass().getName() + " nested too deep>");
    } else if (v instanceof Map<?, ?> m) {
      writeMap(g, m, sort, depth);
    } else if (v instanceof Iterable<?> it) {
      g.writeStartArray();
      for (Object o : it) {
        write(g, o, sort, depth + 1);
      }
      g.writeEndArray();
    } else if (v.getClass().isArray()) {
      writeArray(g, v, sort, depth);
    } else if (v instanceof BigDecimal bd) {
      g.writeNumber(bd);
    } else if (v instanceof BigInteger bi) {
      g.writeNumber(bi);
    } else if (v instanceof Number n) {
      writeDouble(g, n.doubleValue());
    } else if (v instanceof CharSequence || v instanceof Character) {
      g.writeString(v.toString());
    } else if (v instanceof Enum<?> e) {
      g.writeString(e.name());
    } else if (v instanceof Optional<?> o) {
      write(g, o.orElse(null), sort, depth + 1);
    } else if (v instanceof JsonNode n) {
      write(g, MAPPER.convertValue(n, Object.class), sort, depth + 1);
    } else {
      g.writeString(safeToString(v));
    }
  }

  private static void writeDouble(JsonGenerator g, double d) throws IOException {
    if (Double.isFinite(d)) {
      g.writeNumber(d);
    } else {
      g.writeNull();
    }
  }

  private static void writeMap(JsonGenerator g, Map<?, ?> m, boolean sort, int depth)
      throws IOException {
    g.writeStartObject();
    if (sort) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sorted.put(String.valueOf(e.getKey()), e.getValue());
      }
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        g.writeFieldName(e.getKey());
        write(g, e.getValue(), true, depth + 1);
      }
    } else {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object k = e.getKey();
        g.writeFieldName(k instanceof String s ? s : String.valueOf(k));
        write(g, e.getValue(), false, depth + 1);
      }
    }
    g.writeEndObject();
  }

  private static void writeArray(JsonGenerator g, Object arr, boolean sort, int depth)
      throws IOException {
    if (arr instanceof char[] chars) {
      g.writeString(new String(chars));
      return;
    }
    g.writeStartArray();
    if (arr instanceof double[] ds) {
      for (double d : ds) {
        writeDouble(g, d);
      }
    } else if (arr instanceof Object[] os) {
      for (Object o : os) {
        write(g, o, sort, depth + 1);
      }
    } else {
      int n = Array.getLength(arr);
      for (int i = 0; i < n; i++) {
        write(g, Array.get(arr, i), sort, depth + 1);
      }
    }
    g.writeEndArray();
  }

  /**
   * Returns {@code String.valueOf(v)}, or {@code "<ClassName>"} when {@code toString} throws.
   *
   * @param v any value
   * @return its text
   */
  public static String safeToString(Object v) {
    try {
      return String.valueOf(v);
    } catch (RuntimeException | StackOverflowError e) {
      return "<" + v.getClass().getName() + ">";
    }
  }

  /** A value to be written by {@link #write} when it goes through the mapper. */
  private record Raw(Object value, boolean sortKeys) {}

  private static ObjectMapper buildMapper() {
    SimpleModule module = new SimpleModule("tune4j-json");
    module.addSerializer(Double.class, new NonFiniteAsNull<>(Double.class));
    module.addSerializer(Double.TYPE, new NonFiniteAsNull<>(Double.TYPE));
    module.addSerializer(Float.class, new NonFiniteAsNull<>(Float.class));
    module.addSerializer(Float.TYPE, new NonFiniteAsNull<>(Float.TYPE));
    module.addSerializer(
        Raw.class,
        new StdSerializer<>(Raw.class) {
          @Override
          public void serialize(Raw raw, JsonGenerator g, SerializerProvider p) throws IOException {
            write(g, raw.value(), raw.sortKeys());
          }
        });
    JsonMapper m =
        JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(module)
            .build();
    m.setDefaultPrettyPrinter(new PythonPrettyPrinter());
    return m;
  }

  /** Writes NaN and infinities as {@code null}. */
  private static final class NonFiniteAsNull<T extends Number> extends StdSerializer<T> {
    NonFiniteAsNull(Class<T> type) {
      super(type);
    }

    @Override
    public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
      if (value instanceof Float f) {
        if (Float.isFinite(f)) {
          g.writeNumber(f);
        } else {
          g.writeNull();
        }
      } else {
        writeDouble(g, value.doubleValue());
      }
    }
  }
}
