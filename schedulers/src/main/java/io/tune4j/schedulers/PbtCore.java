package io.tune4j.schedulers;

import io.tune4j.search.Choice;
import io.tune4j.search.Domain;
import io.tune4j.search.Spec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/** The PBT machinery shared by {@link PopulationBasedTraining} and {@link PB2}. */
abstract sealed class PbtCore extends MetricScheduler permits PopulationBasedTraining, PB2 {
  private final double perturbationInterval;
  private final double quantileFraction;
  private final double resampleProbability;
  final Map<String, Object> mutations;
  final UnaryOperator<Map<String, Object>> customExploreFn;
  private final long seed;
  private long draws;
  private long nextOrder;
  private long numCheckpoints;
  private long numPerturbations;
  private final Map<String, State> states = new LinkedHashMap<>();
  private final TreeSet<State> byTime =
      new TreeSet<>(
          Comparator.<State>comparingDouble(s -> s.lastPerturbationTime)
              .thenComparingLong(s -> s.order));
  private final List<PbtExploit> exploits = new ArrayList<>();

  /** Per-trial PBT state (Tune's PBTTrialState). */
  static final class State {
    final String trialId;
    final long order;
    Double lastScore;
    double lastPerturbationTime;
    boolean finished;

    State(String trialId, long order) {
      this.trialId = trialId;
      this.order = order;
    }
  }

  PbtCore(
      String name,
      PbtBuilder<?> b,
      Map<String, Object> mutations,
      double resampleProbability,
      UnaryOperator<Map<String, Object>> customExploreFn) {
    super(name, b);
    this.perturbationInterval = Checks.positive("perturbation_interval", b.perturbationInterval);
    if (!(b.quantileFraction >= 0 && b.quantileFraction <= 0.5)) {
      throw new IllegalArgumentException(
          "quantile_fraction must be between 0 and 0.5, got " + b.quantileFraction);
    }
    this.quantileFraction = b.quantileFraction;
    this.resampleProbability = Checks.probability("resample_probability", resampleProbability);
    this.mutations = Collections.unmodifiableMap(new LinkedHashMap<>(mutations));
    this.customExploreFn = customExploreFn;
    this.seed = b.seed;
  }

  static void validateMutations(Map<String, ?> mutations, String prefix) {
    for (Map.Entry<String, ?> e : mutations.entrySet()) {
      String path = prefix + e.getKey();
      Object d = e.getValue();
      if (d instanceof List<?> list) {
        if (list.isEmpty()) {
          throw new IllegalArgumentException("hyperparam_mutations['" + path + "'] is an empty list");
        }
      } else if (d instanceof Map<?, ?> map && Domain.asDomain(map) == null) {
        @SuppressWarnings("unchecked")
        Map<String, ?> nested = (Map<String, ?>) map;
        validateMutations(nested, path + ".");
      } else if (!(d instanceof Domain) && !(d instanceof Supplier<?>)) {
        throw new IllegalArgumentException(
            "hyperparam_mutations['"
                + path
                + "'] must be a list of values, a Domain, a Supplier or a map, got "
                + d);
      }
    }
  }

  /**
   * Returns every exploit so far, oldest first.
   *
   * @return an unmodifiable copy
   */
  public List<PbtExploit> exploits() {
    return List.copyOf(exploits);
  }

  /**
   * Returns a trial's last perturbation time.
   *
   * @param trialId a trial
   * @return the time, or NaN if the trial is unknown
   */
  public double lastPerturbationTime(String trialId) {
    State s = states.get(trialId);
    return s == null ? Double.NaN : s.lastPerturbationTime;
  }

  /**
   * Returns the hyperparameter mutations this scheduler explores.
   *
   * @return the unmodifiable map
   */
  public Map<String, Object> hyperparamMutations() {
    return mutations;
  }

  @Override
  public void onTrialAdd(SchedulerContext ctx, TrialView trial) {
    requireMetricAndMode();
    State s = states.get(trial.trialId());
    if (s != null) {
      if (s.finished) { // re-queued after a failure
        s.finished = false;
        byTime.add(s);
      }
      return;
    }
    checkConfig(trial);
    s = new State(trial.trialId(), nextOrder++);
    states.put(s.trialId, s);
    byTime.add(s);
  }

  /** Checks that the trial's config holds what explore needs. */
  void checkConfig(TrialView trial) {
    checkKeys(trial.config(), mutations, "", trial.trialId());
  }

  private static void checkKeys(
      Map<String, Object> config, Map<String, ?> mutations, String prefix, String trialId) {
    for (Map.Entry<String, ?> e : mutations.entrySet()) {
      String path = prefix + e.getKey();
      if (!config.containsKey(e.getKey())) {
        throw new IllegalArgumentException(
            "hyperparam_mutations key '"
                + path
                + "' is missing from the config of trial "
                + trialId
                + " (keys there: "
                + config.keySet()
                + ")");
      }
      if (e.getValue() instanceof Map<?, ?> m && Domain.asDomain(m) == null) {
        if (!(config.get(e.getKey()) instanceof Map<?, ?> sub)) {
          throw new IllegalArgumentException(
              "hyperparam_mutations key '" + path + "' is a map but the config of trial " + trialId
                  + " has " + config.get(e.getKey()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> subConfig = (Map<String, Object>) sub;
        @SuppressWarnings("unchecked")
        Map<String, ?> subMutations = (Map<String, ?>) m;
        checkKeys(subConfig, subMutations, path + ".", trialId);
      }
    }
  }

  private void setTime(State s, double t) {
    boolean tracked = byTime.remove(s);
    s.lastPerturbationTime = t;
    if (tracked) {
      byTime.add(s);
    }
  }

  @Override
  public Decision onTrialResult(SchedulerContext ctx, TrialView trial, Map<String, Object> result) {
    requireMetricAndMode();
    State state = states.get(trial.trialId());
    if (state == null) {
      throw new IllegalStateException(
          schedulerName() + " got a result of trial " + trial.trialId() + " it was never told about (onTrialAdd)");
    }
    double t = time(result);
    if (t - state.lastPerturbationTime < perturbationInterval) {
      return Decision.CONTINUE; // avoid checkpoint overhead
    }
    double score = score(result);
    state.lastScore = score;
    setTime(state, t);
    recordScore(trial, t, score);
    List<List<String>> q = quantiles(ctx);
    List<String> lower = q.get(0);
    List<String> upper = q.get(1);
    boolean othersWait = othersWaiting(ctx, trial.trialId());
    if (upper.contains(trial.trialId())) {
      numCheckpoints++;
      return othersWait ? Decision.PAUSE : Decision.continueAndCheckpoint();
    }
    if (lower.contains(trial.trialId())) {
      List<String> candidates = new ArrayList<>();
      for (String id : upper) {
        TrialView v = ctx.trial(id);
        if (v != null && v.hasCheckpoint()) {
          candidates.add(id);
        }
      }
      if (!candidates.isEmpty()) {
        SplittableRandom random = Checks.stream(seed, draws++);
        String sourceId = candidates.get(random.nextInt(candidates.size()));
        TrialView source = ctx.trial(sourceId);
        Map<String, Object> newConfig = exploreConfig(trial, source, random);
        exploits.add(
            new PbtExploit(
                trial.trialId(),
                sourceId,
                iteration(result),
                iteration(source.lastResult()),
                source.config(),
                newConfig));
        numPerturbations++;
        setTime(state, states.get(sourceId).lastPerturbationTime);
        return new Decision.Exploit(sourceId, newConfig, note(newConfig));
      }
    }
    return othersWait ? Decision.PAUSE : Decision.CONTINUE;
  }

  private static long iteration(Map<String, Object> result) {
    Object it = result == null ? null : result.get("training_iteration");
    return it instanceof Number n ? n.longValue() : -1;
  }

  /** Hook: a trial's score was taken at a perturbation point (PB2 keeps it as GP data). */
  void recordScore(TrialView trial, double time, double score) {}

  /** Hook: the new config for an exploit. PBT perturbs the source's config. */
  Map<String, Object> exploreConfig(TrialView target, TrialView source, RandomGenerator random) {
    return explore(source.config(), mutations, resampleProbability, customExploreFn, random);
  }

  /** Hook: the keys shown in the exploit note, as dotted paths. */
  List<String> noteKeys() {
    List<String> out = new ArrayList<>();
    leafPaths(mutations, "", out);
    return out;
  }

  private static void leafPaths(Map<String, ?> m, String prefix, List<String> out) {
    for (Map.Entry<String, ?> e : m.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> sub && Domain.asDomain(sub) == null) {
        @SuppressWarnings("unchecked")
        Map<String, ?> nested = (Map<String, ?>) sub;
        leafPaths(nested, prefix + e.getKey() + ".", out);
      } else {
        out.add(prefix + e.getKey());
      }
    }
  }

  /** {@code lr=0.012,num_sgd_iter=20}: Tune's format_vars over the mutated keys. */
  String note(Map<String, Object> config) {
    TreeMap<String, Object> byPath = new TreeMap<>();
    for (String path : noteKeys()) {
      Object v = config;
      for (String part : path.split("\\.")) {
        v = v instanceof Map<?, ?> m ? m.get(part) : null;
      }
      byPath.put(path, v);
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Object> e : byPath.entrySet()) {
      String key = e.getKey().substring(e.getKey().lastIndexOf('.') + 1);
      out.append(out.length() == 0 ? "" : ",").append(key).append('=').append(format(e.getValue()));
    }
    return out.toString();
  }

  /** Python's {@code "{:.5}".format(x)} for floats; {@code str(x)} otherwise. */
  static String format(Object value) {
    if (!(value instanceof Double || value instanceof Float)) {
      return String.valueOf(value);
    }
    double v = ((Number) value).doubleValue();
    if (!Double.isFinite(v)) {
      return Double.isNaN(v) ? "nan" : (v > 0 ? "inf" : "-inf");
    }
    if (v == 0) {
      return "0.0";
    }
    BigDecimal d = new BigDecimal(v).round(new MathContext(5));
    int exp = d.precision() - d.scale() - 1;
    if (exp < -4 || exp >= 5) {
      BigDecimal mantissa = d.movePointLeft(exp).stripTrailingZeros();
      String m = mantissa.toPlainString();
      return m + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }
    String s = d.stripTrailingZeros().toPlainString();
    return s.contains(".") ? s : s + ".0";
  }

  /**
   * Perturbs a config as Tune's {@code explore} does.
   *
   * @param config the config to start from (not modified)
   * @param mutations the hyperparam_mutations
   * @param resampleProbability probability of resampling instead of perturbing
   * @param customExploreFn applied last, or null
   * @param random the source of randomness
   * @return a new config
   */
  static Map<String, Object> explore(
      Map<String, Object> config,
      Map<String, ?> mutations,
      double resampleProbability,
      UnaryOperator<Map<String, Object>> customExploreFn,
      RandomGenerator random) {
    Map<String, Object> out = explore(config, mutations, resampleProbability, random, "");
    if (customExploreFn != null) {
      out = customExploreFn.apply(out);
      if (out == null) {
        throw new IllegalStateException("custom_explore_fn returned null instead of a config");
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> explore(
      Map<String, Object> config,
      Map<String, ?> mutations,
      double p,
      RandomGenerator random,
      String prefix) {
    Map<String, Object> out = Checks.copyConfig(config);
    for (Map.Entry<String, ?> e : mutations.entrySet()) {
      String key = e.getKey();
      String path = prefix + key;
      if (!config.containsKey(key)) {
        throw new IllegalArgumentException(
            "hyperparam_mutations key '" + path + "' is missing from the config (keys there: "
                + config.keySet() + ")");
      }
      Object value = config.get(key);
      Object d = e.getValue();
      if (d instanceof Map<?, ?> m && Domain.asDomain(m) == null) {
        if (!(value instanceof Map<?, ?>)) {
          throw new IllegalArgumentException(
              "hyperparam_mutations key '" + path + "' is a map but the config has " + value);
        }
        out.put(key, explore((Map<String, Object>) value, (Map<String, ?>) m, p, random, path + "."));
      } else if (d instanceof List<?> || d instanceof Choice) {
        List<?> list = d instanceof Choice c ? c.categories() : (List<?>) d;
        int index = indexOf(list, value);
        if (random.nextDouble() < p || index < 0) {
          out.put(key, list.get(random.nextInt(list.size())));
        } else if (random.nextDouble() > 0.5) {
          out.put(key, list.get(Math.max(0, index - 1)));
        } else {
          out.put(key, list.get(Math.min(list.size() - 1, index + 1)));
        }
      } else {
        Object next;
        if (random.nextDouble() < p) {
          next = resample(d, config, random, path);
        } else {
          if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(
                "hyperparam_mutations key '" + path + "': can only perturb a number, the config has "
                    + value);
          }
          next = n.doubleValue() * (random.nextDouble() > 0.5 ? 1.2 : 0.8);
        }
        if (value instanceof Integer && next instanceof Number n) {
          next = (int) n.doubleValue();
        } else if ((value instanceof Long || value instanceof Short || value instanceof Byte)
            && next instanceof Number n) {
          next = (long) n.doubleValue();
        }
        out.put(key, next);
      }
    }
    return out;
  }

  private static Object resample(Object d, Map<String, Object> config, RandomGenerator random, String path) {
    if (d instanceof Domain domain) {
      return domain.sample(Spec.of(Map.of("config", config), random), random);
    }
    if (d instanceof Supplier<?> s) {
      return s.get();
    }
    throw new IllegalArgumentException("hyperparam_mutations['" + path + "'] cannot be sampled: " + d);
  }

  /** Python's list.index with == semantics: 1 == 1.0. */
  private static int indexOf(List<?> list, Object value) {
    for (int i = 0; i < list.size(); i++) {
      Object x = list.get(i);
      if (x instanceof Number a && value instanceof Number b && !(x instanceof Boolean)) {
        if (a.doubleValue() == b.doubleValue()) {
          return i;
        }
      } else if (java.util.Objects.equals(x, value)) {
        return i;
      }
    }
    return -1;
  }

  /** Lower and upper quantile trial ids (Tune's _quantiles). */
  List<List<String>> quantiles(SchedulerContext ctx) {
    List<State> scored = new ArrayList<>();
    for (State s : states.values()) {
      if (s.lastScore != null && !s.finished) {
        TrialView v = ctx.trial(s.trialId);
        if (v == null || !v.status().isFinished()) {
          scored.add(s);
        }
      }
    }
    scored.sort(Comparator.comparingDouble(s -> s.lastScore.isNaN() ? Double.NEGATIVE_INFINITY : s.lastScore));
    int n = scored.size();
    if (n <= 1) {
      return List.of(List.of(), List.of());
    }
    int k = (int) Math.ceil(n * quantileFraction);
    if (k > n / 2.0) {
      k = n / 2;
    }
    List<String> lower = new ArrayList<>();
    List<String> upper = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      lower.add(scored.get(i).trialId);
      upper.add(scored.get(n - k + i).trialId);
    }
    return List.of(lower, upper);
  }

  private boolean othersWaiting(SchedulerContext ctx, String self) {
    for (State s : byTime) {
      if (s.trialId.equals(self)) {
        continue;
      }
      TrialView v = ctx.trial(s.trialId);
      if (v != null && (v.status() == TrialStatus.PENDING || v.status() == TrialStatus.PAUSED)) {
        return true;
      }
    }
    return false;
  }

  private void finish(String id) {
    State s = states.get(id);
    if (s != null && !s.finished) {
      byTime.remove(s);
      s.finished = true;
    }
  }

  @Override
  public void onTrialComplete(SchedulerContext ctx, TrialView trial, Map<String, Object> result) {
    finish(trial.trialId());
  }

  @Override
  public void onTrialError(SchedulerContext ctx, TrialView trial) {
    finish(trial.trialId());
  }

  @Override
  public void onTrialRemove(SchedulerContext ctx, TrialView trial) {
    finish(trial.trialId());
  }

  /**
   * Chooses the waiting trial that fits with the smallest last perturbation time (ties: add
   * order). Costs the trials passed over in that order, at most the unfinished ones.
   *
   * @param ctx the runner's view
   * @return the trial id, or null
   */
  @Override
  public String chooseTrialToRun(SchedulerContext ctx) {
    List<String> stale = new ArrayList<>();
    String chosen = null;
    for (State s : byTime) {
      TrialView v = ctx.trial(s.trialId);
      if (v == null || v.status().isFinished()) {
        stale.add(s.trialId);
        continue;
      }
      if ((v.status() == TrialStatus.PENDING || v.status() == TrialStatus.PAUSED)
          && ctx.hasResourcesFor(s.trialId)) {
        chosen = s.trialId;
        break;
      }
    }
    stale.forEach(this::finish);
    return chosen;
  }

  /**
   * Returns {@code <name>: N checkpoints, M perturbs}, then the last exploit if any.
   *
   * @return the status text
   */
  @Override
  public String debugString() {
    StringBuilder out =
        new StringBuilder(
            schedulerName() + ": " + numCheckpoints + " checkpoints, " + numPerturbations + " perturbs");
    if (!exploits.isEmpty()) {
      PbtExploit last = exploits.get(exploits.size() - 1);
      out.append("\nlast exploit: ")
          .append(last.targetTrialId())
          .append(" <- ")
          .append(last.sourceTrialId())
          .append(" [")
          .append(note(last.newConfig()))
          .append(']');
    }
    return out.toString();
  }

  @Override
  public Map<String, Object> saveState() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("draws", draws);
    state.put("next_order", nextOrder);
    state.put("num_checkpoints", numCheckpoints);
    state.put("num_perturbations", numPerturbations);
    List<Object> trials = new ArrayList<>();
    for (State s : states.values()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.trialId);
      m.put("order", s.order);
      m.put("last_score", Checks.encode(s.lastScore));
      m.put("last_perturbation_time", Checks.encode(s.lastPerturbationTime));
      m.put("finished", s.finished);
      trials.add(m);
    }
    state.put("trials", trials);
    saveExtra(state);
    return state;
  }

  @Override
  public void restoreState(Map<String, Object> state) {
    states.clear();
    byTime.clear();
    draws = Checks.decodeLong(state.get("draws"));
    nextOrder = Checks.decodeLong(state.get("next_order"));
    numCheckpoints = Checks.decodeLong(state.get("num_checkpoints"));
    numPerturbations = Checks.decodeLong(state.get("num_perturbations"));
    for (Object o : Checks.list(state.get("trials"), "trials")) {
      Map<String, Object> m = Checks.map(o, "trial");
      State s = new State((String) m.get("id"), Checks.decodeLong(m.get("order")));
      s.lastScore = Checks.decodeNullable(m.get("last_score"));
      s.lastPerturbationTime = Checks.decode(m.get("last_perturbation_time"));
      s.finished = Boolean.TRUE.equals(m.get("finished"));
      states.put(s.trialId, s);
      if (!s.finished) {
        byTime.add(s);
      }
    }
    restoreExtra(state);
  }

  /** Hook: subclasses add their state. */
  void saveExtra(Map<String, Object> state) {}

  /** Hook: subclasses read their state. */
  void restoreExtra(Map<String, Object> state) {}
}
