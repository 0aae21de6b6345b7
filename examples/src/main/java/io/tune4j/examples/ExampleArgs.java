package io.tune4j.examples;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The small {@code --flag value} arguments every example takes, e.g. {@code --iterations 3 --config
 * '{"train_batch_size": 400}'}. Flags an example does not declare are an error that lists the ones
 * it does.
 *
 * <pre>{@code
 * ExampleArgs a = ExampleArgs.parse("ppo-api", args, Map.of("iterations", "20", "config", "{}"));
 * int n = a.getInt("iterations");
 * Map<String, Object> overrides = a.getConfig("config");
 * }</pre>
 */
public final class ExampleArgs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String example;
  private final Map<String, String> values;

  private ExampleArgs(String example, Map<String, String> values) {
    this.example = example;
    this.values = values;
  }

  /**
   * Parses {@code --name value} pairs.
   *
   * @param example the example's name, for messages
   * @param args the command-line arguments
   * @param defaults every accepted flag (without {@code --}) and its default value
   * @return the parsed arguments
   * @throws IllegalArgumentException naming the flag for an unknown flag or a missing value
   */
  public static ExampleArgs parse(String example, String[] args, Map<String, String> defaults) {
    Map<String, String> values = new LinkedHashMap<>(defaults);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String name = a.startsWith("--") ? a.substring(2) : null;
      if (name == null || !defaults.containsKey(name)) {
        throw new IllegalArgumentException(
            example + ": unknown argument '" + a + "'; accepted: " + usage(defaults));
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(example + ": '" + a + "' needs a value");
      }
      values.put(name, args[++i]);
    }
    return new ExampleArgs(example, values);
  }

  /** The accepted flags with their defaults, e.g. {@code --iterations 20, --workers 1}. */
  static String usage(Map<String, String> defaults) {
    StringBuilder sb = new StringBuilder();
    for (String k : new TreeSet<>(defaults.keySet())) {
      sb.append(sb.length() == 0 ? "" : ", ")
          .append("--")
          .append(k)
          .append(' ')
          .append(defaults.get(k));
    }
    return sb.toString();
  }

  /** The value of {@code --name} as given. */
  public String getString(String name) {
    return values.get(name);
  }

  /**
   * The value of {@code --name} as an int.
   *
   * @throws IllegalArgumentException naming the flag and the value if it is not an integer
   */
  public int getInt(String name) {
    String v = values.get(name);
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          example + ": --" + name + " must be an integer, got '" + v + "'", e);
    }
  }

  /**
   * The value of {@code --name} as a double.
   *
   * @throws IllegalArgumentException naming the flag and the value if it is not a number
   */
  public double getDouble(String name) {
    String v = values.get(name);
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          example + ": --" + name + " must be a number, got '" + v + "'", e);
    }
  }

  /**
   * The value of {@code --name} as a JSON object (config overrides such as {@code
   * '{"train_batch_size": 400}'}).
   *
   * @throws IllegalArgumentException naming the flag and the value if it is not a JSON object
   */
  public Map<String, Object> getConfig(String name) {
    String v = values.get(name);
    try {
      Map<String, Object> m =
          JSON.readValue(v, new TypeReference<LinkedHashMap<String, Object>>() {});
      return m == null ? new LinkedHashMap<>() : m;
    } catch (Exception e) {
      throw new IllegalArgumentException(
          example + ": --" + name + " must be a JSON object, got '" + v + "': " + e.getMessage(),
          e);
    }
  }
}
