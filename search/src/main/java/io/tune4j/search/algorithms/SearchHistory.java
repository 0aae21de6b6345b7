package io.tune4j.search.algorithms;

import io.tune4j.search.algorithms.ModelSearcher.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What a {@link ModelSearcher} has learned and still owes: the observations of finished trials,
 * the pending trials (their point and last score), the {@code points_to_evaluate} not yet
 * suggested and the {@code evaluated_points} to learn from before the first suggestion, with the
 * checkpoint form of each. Points are kept in the unit cube of the searcher's {@link FlatSpace}.
 */
final class SearchHistory {
  private final List<Observation> observations = new ArrayList<>();
  private final Map<String, Pending> pending = new LinkedHashMap<>();
  private List<Map<String, Object>> pointsQueue = new ArrayList<>();
  private final List<Map<String, Object>> evaluatedPoints = new ArrayList<>();
  private final List<Double> evaluatedRewards;
  private boolean evaluatedFed;

  /** A suggested trial: its unit-cube point and the last score it reported. */
  private static final class Pending {
    final double[] x;
    double last = Double.NaN;

    Pending(double[] x) {
      this.x = x;
    }
  }

  SearchHistory(
      List<Map<String, Object>> pointsToEvaluate,
      List<Map<String, Object>> evaluatedPoints,
      List<Double> evaluatedRewards) {
    for (Map<String, Object> point : pointsToEvaluate) {
      pointsQueue.add(FlatSpace.deepCopyMap(point));
    }
    for (Map<String, Object> point : evaluatedPoints) {
      this.evaluatedPoints.add(FlatSpace.deepCopyMap(point));
    }
    this.evaluatedRewards = new ArrayList<>(evaluatedRewards);
  }

  /**
   * Checks every point to evaluate (partial) and evaluated point (complete) against a space.
   *
   * @throws IllegalArgumentException naming the point and the bad or missing value
   */
  void check(FlatSpace space) {
    for (Map<String, Object> point : pointsQueue) {
      space.pointValues(point, new SplittableRandom(0), false);
    }
    for (Map<String, Object> point : evaluatedPoints) {
      space.pointValues(point, null, true);
    }
  }

  /** Learns from the evaluated points, once. */
  void feedEvaluatedPoints(FlatSpace space) {
    if (evaluatedFed) {
      return;
    }
    evaluatedFed = true;
    for (int i = 0; i < evaluatedPoints.size(); i++) {
      Object[] values = space.pointValues(evaluatedPoints.get(i), null, true);
      observations.add(new Observation(space.encode(values), evaluatedRewards.get(i)));
    }
  }

  /** Takes the next point to evaluate, or returns null when none is left. */
  Map<String, Object> nextPointToEvaluate() {
    return pointsQueue.isEmpty() ? null : pointsQueue.remove(0);
  }

  /** Records a suggested trial's point. */
  void suggested(String trialId, double[] x) {
    pending.put(trialId, new Pending(x));
  }

  /** Keeps a pending trial's latest score, if this result holds one. */
  void result(String trialId, Map<String, Object> result, String metric) {
    Pending p = pending.get(trialId);
    double score = metricValue(result, metric);
    if (p != null && !Double.isNaN(score)) {
      p.last = score;
    }
  }

  /**
   * Turns a pending trial into an observation with the final score, or failing that the last one;
   * a trial with neither is dropped.
   */
  void complete(String trialId, Map<String, Object> result, String metric) {
    Pending p = pending.remove(trialId);
    if (p == null) {
      return;
    }
    double score = metricValue(result, metric);
    if (Double.isNaN(score)) {
      score = p.last;
    }
    if (!Double.isNaN(score)) {
      observations.add(new Observation(p.x, score));
    }
  }

  List<Observation> observations() {
    return observations;
  }

  /** Unit-cube points of the trials suggested but not finished. */
  List<double[]> pendingPoints() {
    List<double[]> out = new ArrayList<>();
    pending.values().forEach(p -> out.add(p.x));
    return out;
  }

  /** Writes {@code observations}, {@code pending}, {@code points_to_evaluate} and the fed flag. */
  void save(Map<String, Object> state) {
    List<Object> obs = new ArrayList<>();
    for (Observation o : observations) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("x", toList(o.x()));
      m.put("score", o.score());
      obs.add(m);
    }
    state.put("observations", obs);
    List<Object> pend = new ArrayList<>();
    pending.forEach(
        (id, p) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("trial_id", id);
          m.put("x", toList(p.x));
          m.put("last", Double.isNaN(p.last) ? null : p.last);
          pend.add(m);
        });
    state.put("pending", pend);
    List<Object> points = new ArrayList<>();
    pointsQueue.forEach(p -> points.add(FlatSpace.deepCopyMap(p)));
    state.put("points_to_evaluate", points);
    state.put("evaluated_points_fed", evaluatedFed);
  }

  /** Replaces everything with what {@link #save} wrote (possibly after a JSON round trip). */
  @SuppressWarnings("unchecked")
  void restore(Map<String, Object> state) {
    observations.clear();
    for (Object o : (List<Object>) state.get("observations")) {
      Map<String, Object> m = (Map<String, Object>) o;
      observations.add(
          new Observation(toArray(m.get("x")), ((Number) m.get("score")).doubleValue()));
    }
    pending.clear();
    for (Object o : (List<Object>) state.get("pending")) {
      Map<String, Object> m = (Map<String, Object>) o;
      Pending p = new Pending(toArray(m.get("x")));
      if (m.get("last") instanceof Number n) {
        p.last = n.doubleValue();
      }
      pending.put((String) m.get("trial_id"), p);
    }
    pointsQueue = new ArrayList<>();
    for (Object o : (List<Object>) state.get("points_to_evaluate")) {
      pointsQueue.add(FlatSpace.deepCopyMap((Map<String, Object>) o));
    }
    evaluatedFed = Boolean.TRUE.equals(state.get("evaluated_points_fed"));
  }

  /**
   * Reads a score from a result: the key itself, or for {@code a/b} also the nested key.
   *
   * @return the value, or NaN if absent or not a finite number
   */
  static double metricValue(Map<String, Object> result, String metric) {
    if (result == null || metric == null) {
      return Double.NaN;
    }
    Object value = result.get(metric);
    if (value == null && metric.contains("/")) {
      Object current = result;
      for (String part : metric.split("/")) {
        current = current instanceof Map<?, ?> m ? m.get(part) : null;
      }
      value = current;
    }
    if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
      return n.doubleValue();
    }
    return Double.NaN;
  }

  private static List<Object> toList(double[] x) {
    List<Object> out = new ArrayList<>(x.length);
    for (double v : x) {
      out.add(v);
    }
    return out;
  }

  private static double[] toArray(Object list) {
    List<?> l = (List<?>) list;
    double[] x = new double[l.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = ((Number) l.get(i)).doubleValue();
    }
    return x;
  }
}
