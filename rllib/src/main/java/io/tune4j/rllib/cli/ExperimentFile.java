package io.tune4j.rllib.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * An experiment file in RLlib's tuned-example format ({@code rllib train -f FILE}): a map from
 * experiment name to its spec ({@code run}, {@code env}, {@code stop}, {@code config}, {@code
 * num_samples}, {@code checkpoint_freq}, ...), several experiments per file allowed.
 *
 * <pre>{@code
 * cartpole-ppo:
 *     env: CartPole-v0
 *     run: PPO
 *     stop: {episode_reward_mean: 150, timesteps_total: 100000}
 *     config: {num_workers: 1}
 * }</pre>
 *
 * <p>YAML is read with SnakeYAML's safe constructor (no arbitrary objects), duplicate keys are
 * errors, and {@code 1e-4} is read as a number (YAML 1.2; PyYAML and YAML 1.1 read it as a string).
 * Files ending in {@code .json} are read as JSON. A name that is not a file is looked up on the
 * classpath, so {@code -f tuned_examples/regression_tests/cartpole-ppo.yaml} works from anywhere.
 */
public final class ExperimentFile {
  private final String source;
  private final Map<String, Map<String, Object>> experiments;
  private final Map<String, Map<String, Integer>> lines;

  private ExperimentFile(
      String source,
      Map<String, Map<String, Object>> experiments,
      Map<String, Map<String, Integer>> lines) {
    this.source = source;
    this.experiments = experiments;
    this.lines = lines;
  }

  /** Where the file came from: its path, or {@code classpath:NAME}. */
  public String source() {
    return source;
  }

  /** The experiments, name to spec, in file order. */
  public Map<String, Map<String, Object>> experiments() {
    return experiments;
  }

  /**
   * The 1-based line of {@code key} inside experiment {@code name} ({@code "config.lr"} for nested
   * keys), else the line of the experiment's name, else 0.
   */
  public int lineOf(String name, String key) {
    Map<String, Integer> m = lines.getOrDefault(name, Map.of());
    if (key != null && m.containsKey(key)) {
      return m.get(key);
    }
    return m.getOrDefault("", 0);
  }

  /**
   * Reads {@code name}: a file path, else a classpath resource of that name.
   *
   * @throws IllegalArgumentException naming the file (and line and column for syntax errors) when
   *     it is missing, unreadable, not YAML/JSON, or not a map of experiment names to maps
   */
  public static ExperimentFile read(String name) {
    Path path = Path.of(name);
    String source = name;
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      URL url =
          Thread.currentThread().getContextClassLoader().getResource(name.replaceFirst("^/+", ""));
      if (url == null || Files.isDirectory(path)) {
        throw new IllegalArgumentException("experiment file not found: " + name);
      }
      source = "classpath:" + name;
      try (InputStream in = url.openStream()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException io) {
        throw new IllegalArgumentException("cannot read experiment file " + source + ": " + io, io);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read experiment file " + name + ": " + e, e);
    }
    return parse(source, text);
  }

  /** Parses {@code text} (YAML, or JSON when {@code source} ends in {@code .json}). */
  public static ExperimentFile parse(String source, String text) {
    Object root;
    Map<String, Map<String, Integer>> lines = new LinkedHashMap<>();
    if (source.endsWith(".json")) {
      root = parseJson(source, text);
    } else {
      Yaml yaml = yaml();
      try {
        Node node = yaml.compose(new java.io.StringReader(text));
        if (node instanceof MappingNode m) {
          recordLines(m, lines);
        }
        root = yaml.load(text);
      } catch (MarkedYAMLException e) {
        Mark at = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
        String ctx = e.getContext() != null ? " (" + e.getContext() + ")" : "";
        String where =
            at == null ? "" : " at line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1);
        throw new IllegalArgumentException(
            "cannot parse " + source + where + ": " + problem + ctx, e);
      } catch (YAMLException e) {
        throw new IllegalArgumentException("cannot parse " + source + ": " + e.getMessage(), e);
      }
    }
    return new ExperimentFile(source, check(source, root), lines);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> check(String source, Object root) {
    if (root == null) {
      throw new IllegalArgumentException(source + " has no experiments (the file is empty)");
    }
    if (!(root instanceof Map<?, ?> top)) {
      throw new IllegalArgumentException(
          source
              + ": expected a map of experiment names to"
              + " experiment specs (RLlib's tuned-example format), got "
              + kind(root));
    }
    if (top.isEmpty()) {
      throw new IllegalArgumentException(
          source + " has no experiments (the top-level map is empty)");
    }
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : top.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (!(e.getValue() instanceof Map<?, ?> spec)) {
        throw new IllegalArgumentException(
            source
                + ": experiment '"
                + name
                + "' must be a map with"
                + " run, env, stop, config, ..., got "
                + kind(e.getValue()));
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      spec.forEach((k, v) -> copy.put(String.valueOf(k), v));
      out.put(name, copy);
    }
    return out;
  }

  private static String kind(Object v) {
    if (v instanceof List<?>) {
      return "a list";
    }
    return v == null ? "nothing" : "'" + v + "'";
  }

  private static Object parseJson(String source, String text) {
    ObjectMapper json =
        new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    try {
      return json.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new IllegalArgumentException(
          "cannot parse " + source + where + ": " + e.getOriginalMessage(), e);
    }
  }

  /** Lines of experiment names ("") and of their keys, nested keys joined with dots. */
  private static void recordLines(MappingNode top, Map<String, Map<String, Integer>> lines) {
    for (NodeTuple t : top.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        continue;
      }
      Map<String, Integer> m = new LinkedHashMap<>();
      m.put("", k.getStartMark().getLine() + 1);
      if (t.getValueNode() instanceof MappingNode spec) {
        keyLines(spec, "", m, 0);
      }
      lines.put(k.getValue(), m);
    }
  }

  private static void keyLines(MappingNode node, String prefix, Map<String, Integer> m, int depth) {
    for (NodeTuple t : node.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k) {
        String key = prefix + k.getValue();
        m.putIfAbsent(key, k.getStartMark().getLine() + 1);
        if (depth < 3 && t.getValueNode() instanceof MappingNode child) {
          keyLines(child, key + ".", m, depth + 1);
        }
      }
    }
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    DumperOptions dump = new DumperOptions();
    return new Yaml(
        new SafeConstructor(options), new Representer(dump), dump, options, new Yaml12Floats());
  }

  /** YAML 1.1's resolver plus YAML 1.2's exponent floats without a dot ({@code 1e-4}). */
  private static final class Yaml12Floats extends Resolver {
    private static final Pattern EXP_FLOAT =
        Pattern.compile("^[-+]?[0-9][0-9_]*(\\.[0-9_]*)?[eE][-+]?[0-9]+$");

    @Override
    protected void addImplicitResolvers() {
      super.addImplicitResolvers();
      addImplicitResolver(Tag.FLOAT, EXP_FLOAT, "-+0123456789");
    }
  }
}
