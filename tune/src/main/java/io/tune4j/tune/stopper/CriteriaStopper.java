package io.tune4j.tune.stopper;

import io.tune4j.tune.TuneException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tune's {@code stop} dict: a trial stops when any reported key reaches its value ({@code
 * result[k] >= v}). Keys may name nested values with "/" ({@code info/learner/default_policy/kl}).
 * A key the result does not contain is an error naming the key and the keys it has.
 */
public final class CriteriaStopper implements Stopper {
  private final Map<String, Double> criteria = new LinkedHashMap<>();

  /**
   * @throws TuneException naming the key whose value is not a number
   */
  public CriteriaStopper(Map<String, ?> stop) {
    for (Map.Entry<String, ?> e : stop.entrySet()) {
      if (!(e.getValue() instanceof Number n)) {
        throw new TuneException(
            "stop criterion '" + e.getKey() + "' must be a number, got '" + e.getValue() + "'");
      }
      criteria.put(e.getKey(), n.doubleValue());
    }
  }

  @Override
  public boolean shouldStopTrial(String trialId, Map<String, Object> result) {
    for (Map.Entry<String, Double> c : criteria.entrySet()) {
      Object v = lookup(result, c.getKey());
      if (v == null) {
        throw new TuneException(
            "Stopping criterion '" + c.getKey() + "' is not in the result of trial " + trialId
                + "; the result has keys " + result.keySet());
      }
      if (v instanceof Number n && n.doubleValue() >= c.getValue()) {
        return true;
      }
      if (v instanceof Boolean b && b && c.getValue() <= 1) {
        return true;
      }
    }
    return false;
  }

  /** Looks up {@code key} directly or as a "/"-separated path into nested maps. */
  public static Object lookup(Map<String, Object> result, String key) {
    Object v = result.get(key);
    if (v != null || !key.contains("/")) {
      return v;
    }
    Object cur = result;
    for (String part : key.split("/")) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(part);
    }
    return cur;
  }
}
