package io.tune4j.search.variant;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Builds experiment tags as Tune 2019's {@code format_vars} does: {@code lr=0.2,momentum=1}.
 *
 * <p>Variables are sorted by path; paths under {@code run}, {@code env} or {@code
 * resources_per_trial} are skipped; the key is every list index in the path plus its last string
 * component, joined by {@code _} (so {@code config.layers.0.size} gives {@code 0_size}); floats are
 * written as Python's {@code "{:.5}"}; other values as Python's {@code str} with {@code /} replaced
 * by {@code _}.
 */
public final class ExperimentTags {
  private static final Set<String> SKIPPED = Set.of("run", "env", "resources_per_trial");

  private ExperimentTags() {}

  /**
   * Formats resolved variables.
   *
   * @param sortedVars path to value, already sorted by path
   * @return the comma-separated {@code key=value} list, possibly empty
   */
  static String formatVars(Map<List<Object>, Object> sortedVars) {
    StringJoiner out = new StringJoiner(",");
    for (Map.Entry<List<Object>, Object> e : sortedVars.entrySet()) {
      List<Object> path = e.getKey();
      if (SKIPPED.contains(String.valueOf(path.get(0)))) {
        continue;
      }
      out.add(cleanValue(key(path)) + "=" + cleanValue(e.getValue()));
    }
    return out.toString();
  }

  /**
   * The tag of one variant: {@code <index>} or {@code <index>_<vars>}.
   *
   * @param index the variant's counter over the whole experiment
   * @param formattedVars output of the variable formatting, possibly empty
   * @return the experiment tag
   */
  static String tag(int index, String formattedVars) {
    return formattedVars.isEmpty() ? Integer.toString(index) : index + "_" + formattedVars;
  }

  /**
   * Formats a value as Tune writes it into a tag (Python {@code _clean_value}).
   *
   * @param value a resolved value
   * @return {@code "{:.5}"} for floats, otherwise Python's {@code str} with "/" replaced by "_"
   */
  public static String cleanValue(Object value) {
    if (value instanceof Double || value instanceof Float) {
      return PyFormat.formatG5(((Number) value).doubleValue());
    }
    return PyFormat.str(value).replace("/", "_");
  }

  private static String key(List<Object> path) {
    StringBuilder key = new StringBuilder();
    boolean lastStringTaken = false;
    for (int i = path.size() - 1; i >= 0; i--) {
      Object part = path.get(i);
      String piece;
      if (part instanceof Integer) {
        piece = part.toString();
      } else if (!lastStringTaken) {
        lastStringTaken = true;
        piece = String.valueOf(part);
      } else {
        continue;
      }
      key.insert(0, key.length() == 0 ? piece : piece + "_");
    }
    return key.toString();
  }
}
