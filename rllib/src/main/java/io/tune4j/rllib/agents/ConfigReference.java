package io.tune4j.rllib.agents;

import io.tune4j.rllib.models.ModelCatalog;
import io.tune4j.tune.logger.JsonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The config reference, {@code docs/rllib/config-reference.md}, generated from the code: the keys every
 * algorithm accepts ({@link CommonConfig#DEFAULTS} and {@link CommonConfig#DESCRIPTIONS}, with what
 * Tune4j does with each), the model keys ({@link ModelCatalog#MODEL_DEFAULTS}), and per algorithm
 * the keys it adds or whose default it changes (its defaults against the common ones, described by
 * {@link Trainer#configDescriptions()}). A test fails when the file and the code disagree;
 * regenerate it with {@code mvn -pl rllib -am test -Dtest=ConfigReferenceTest
 * -Dtune4j.regenerate=true -Dsurefire.failIfNoSpecifiedTests=false}, or print it:
 *
 * <pre>{@code
 * System.out.print(ConfigReference.markdown());
 * }</pre>
 */
public final class ConfigReference {
  private ConfigReference() {}

  /**
   * Prints the reference.
   *
   * @param args none
   */
  public static void main(String[] args) {
    System.out.print(markdown());
  }

  /**
   * The reference as Markdown.
   *
   * @return the text of {@code docs/rllib/config-reference.md}
   */
  public static String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("# Config reference\n\n")
        .append("<!-- Generated from the code by io.tune4j.rllib.agents.ConfigReference; do not edit. Regenerate:\n")
        .append("     mvn -pl rllib -am test -Dtest=ConfigReferenceTest -Dtune4j.regenerate=true")
        .append(" -Dsurefire.failIfNoSpecifiedTests=false -->\n\n")
        .append("Every key an RLlib trainer accepts in Tune4j, with its default and meaning, generated from the\n")
        .append("code (`CommonConfig`, `ModelCatalog` and each algorithm's config class); a test fails when this\n")
        .append("page and the code disagree. Keys use RLlib's names and RLlib 2019's defaults unless the row says\n")
        .append("otherwise. An unknown key is an error that names the closest valid one, and a value of the wrong\n")
        .append("type is an error naming the key. See [configuration](configuration.md) for how configs merge.\n\n");
    sb.append("Algorithms: ");
    List<String> links = new ArrayList<>();
    for (String a : Algorithms.names()) {
      links.add("[" + a + "](#" + a.toLowerCase(java.util.Locale.ROOT) + ")");
    }
    sb.append(String.join(", ", links)).append(".\n\n");
    sb.append("## Common keys\n\n")
        .append("`io.tune4j.rllib.agents.CommonConfig`: RLlib's `COMMON_CONFIG`. The last column says what Tune4j\n")
        .append("does with the key.\n\n")
        .append("| key | default | meaning | in Tune4j |\n| --- | --- | --- | --- |\n");
    for (Map.Entry<String, Object> e : CommonConfig.DEFAULTS.entrySet()) {
      String k = e.getKey();
      String value = k.equals("model") ? "see [Model keys](#model-keys)" : code(e.getValue());
      sb.append("| `").append(k).append("` | ").append(value).append(" | ").append(cell(CommonConfig.DESCRIPTIONS.get(k)))
          .append(" | ").append(cell(CommonConfig.support(k))).append(" |\n");
    }
    sb.append("\n## Model keys\n\n")
        .append("`model`'s keys (`io.tune4j.rllib.models.ModelCatalog.MODEL_DEFAULTS`), merged key by key with\n")
        .append("yours.\n\n")
        .append("| key | default | meaning |\n| --- | --- | --- |\n");
    for (Map.Entry<String, Object> e : ModelCatalog.MODEL_DEFAULTS.entrySet()) {
      sb.append("| `").append(e.getKey()).append("` | ").append(code(e.getValue())).append(" | ")
          .append(cell(ModelCatalog.MODEL_DESCRIPTIONS.get(e.getKey()))).append(" |\n");
    }
    for (String a : Algorithms.names()) {
      Trainer t = Algorithms.create(a);
      Map<String, Object> own = own(t);
      sb.append("\n## ").append(a).append("\n\n`").append(t.getClass().getName()).append("`: ");
      if (own.isEmpty()) {
        sb.append("the common keys, unchanged.\n");
        continue;
      }
      sb.append("the keys ").append(a).append(" adds or whose default it changes; every other key is as in the\n")
          .append("[common keys](#common-keys).\n\n| key | default | common default | meaning |\n| --- | --- | --- | --- |\n");
      for (Map.Entry<String, Object> e : own.entrySet()) {
        String k = e.getKey();
        String common = CommonConfig.DEFAULTS.containsKey(k) ? code(CommonConfig.DEFAULTS.get(k)) : "(new)";
        sb.append("| `").append(k).append("` | ").append(code(e.getValue())).append(" | ").append(common).append(" | ")
            .append(cell(describe(t, k))).append(" |\n");
      }
    }
    return sb.toString();
  }

  /**
   * The keys of an algorithm (or of the common and model tables) that have no description.
   *
   * @return {@code ALGO.key} names; empty when every row has a meaning
   */
  public static List<String> undescribed() {
    List<String> out = new ArrayList<>();
    for (String k : CommonConfig.DEFAULTS.keySet()) {
      if (CommonConfig.DESCRIPTIONS.get(k) == null) {
        out.add("common." + k);
      }
    }
    for (String k : ModelCatalog.MODEL_DEFAULTS.keySet()) {
      if (ModelCatalog.MODEL_DESCRIPTIONS.get(k) == null) {
        out.add("model." + k);
      }
    }
    for (String a : Algorithms.names()) {
      Trainer t = Algorithms.create(a);
      for (String k : own(t).keySet()) {
        if (describe(t, k) == null) {
          out.add(a + "." + k);
        }
      }
    }
    return out;
  }

  /** The algorithm's keys that are new or differ from the common defaults, in its declaration order. */
  private static Map<String, Object> own(Trainer t) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : t.defaultConfig().entrySet()) {
      String k = e.getKey();
      if (!CommonConfig.DEFAULTS.containsKey(k) || !Objects.equals(CommonConfig.DEFAULTS.get(k), e.getValue())) {
        out.put(k, e.getValue());
      }
    }
    return out;
  }

  private static String describe(Trainer t, String key) {
    String d = t.configDescriptions().get(key);
    return d != null ? d : CommonConfig.DESCRIPTIONS.get(key);
  }

  private static String code(Object v) {
    // Keys sorted: Map.of's order differs between JVMs.
    return "`" + JsonText.toJson(JsonText.sanitize(v, true)).replace("|", "\\|") + "`";
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
  }
}
