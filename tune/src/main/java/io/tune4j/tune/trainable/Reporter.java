package io.tune4j.tune.trainable;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Passed to a function trainable: each {@link #report} hands one result to Tune and blocks until
 * Tune asks for the next one (Tune's function API).
 */
@FunctionalInterface
public interface Reporter {

  /** Reports one result; blocks until Tune wants the next. Throws if the trial was stopped. */
  void report(Map<String, Object> result);

  /** Reports {@code key1, value1, key2, value2, ...} as one result. */
  default void report(Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "report(Object...) takes key/value pairs; got " + keyValues.length + " arguments");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
    }
    report(m);
  }
}
