package io.tune4j.rllib.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A JSON object given on the command line ({@code --config '{"num_workers": 8}'}), parsed with
 * Jackson into a {@code LinkedHashMap} (integers stay {@code Integer}/{@code Long}, decimals become
 * {@code Double}). Strict JSON: duplicate keys and trailing text are errors.
 *
 * @param value the parsed object, keys in their given order
 */
public record JsonObject(Map<String, Object> value) {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** Copies the map; null becomes empty. */
  public JsonObject {
    value = value == null ? new LinkedHashMap<>() : new LinkedHashMap<>(value);
  }

  /**
   * Parses {@code text} as a JSON object.
   *
   * @throws IllegalArgumentException "not valid JSON (line L, column C): ..." with Jackson's
   *     position and problem, or "must be a JSON object, got ..." for arrays and scalars
   */
  @SuppressWarnings("unchecked")
  public static JsonObject parse(String text) {
    Object v;
    try {
      v = JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new IllegalArgumentException(
          "not valid JSON" + where + ": " + e.getOriginalMessage(), e);
    }
    if (!(v instanceof Map<?, ?> m)) {
      String kind =
          v == null ? "null" : v instanceof java.util.List ? "an array" : "'" + text.strip() + "'";
      throw new IllegalArgumentException("must be a JSON object like '{\"key\": 1}', got " + kind);
    }
    return new JsonObject((Map<String, Object>) m);
  }

  /** Picocli's converter: the message becomes "Invalid value for option '--config': ...". */
  public static final class Converter implements ITypeConverter<JsonObject> {
    /** For picocli. */
    public Converter() {}

    @Override
    public JsonObject convert(String text) {
      try {
        return parse(text);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
