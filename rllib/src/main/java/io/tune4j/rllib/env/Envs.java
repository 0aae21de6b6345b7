package io.tune4j.rllib.env;

import io.tune4j.rllib.env.classic.Acrobot;
import io.tune4j.rllib.env.classic.CartPole;
import io.tune4j.rllib.env.classic.MountainCar;
import io.tune4j.rllib.env.classic.MountainCarContinuous;
import io.tune4j.rllib.env.classic.Pendulum;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The env registry, gym's {@code gym.make} plus RLlib's {@code register_env}: built-in
 * classic-control ids and user-registered envs, made with their time limits. Thread-safe (Ray
 * LOCAL-mode actors are threads of one JVM).
 *
 * <pre>{@code
 * Env cartPole = Envs.make("CartPole-v0"); // TimeLimit(200) around CartPole
 * Envs.register("corridor", ctx -> new Corridor(ctx.getInt("length", 5)), 100);
 * Env mine = Envs.make("corridor", EnvContext.of(Map.of("length", 8)));
 * }</pre>
 */
public final class Envs {
  private record Entry(EnvSpec spec, EnvCreator creator, boolean builtin) {}

  private static final Map<String, Entry> REGISTRY = new ConcurrentHashMap<>();

  static {
    builtin("CartPole-v0", ctx -> new CartPole(), 200, 195.0);
    builtin("CartPole-v1", ctx -> new CartPole(), 500, 475.0);
    builtin("MountainCar-v0", ctx -> new MountainCar(), 200, -110.0);
    builtin("MountainCarContinuous-v0", ctx -> new MountainCarContinuous(), 999, 90.0);
    builtin("Pendulum-v0", ctx -> new Pendulum(), 200, null);
    builtin("Acrobot-v1", ctx -> new Acrobot(), 500, -100.0);
  }

  private Envs() {}

  private static void builtin(String id, EnvCreator creator, Integer steps, Double threshold) {
    REGISTRY.put(id, new Entry(new EnvSpec(id, steps, threshold), creator, true));
  }

  /**
   * Registers a custom env without a time limit (RLlib's {@code register_env}). Registering the
   * same name again replaces the earlier creator.
   *
   * @param name the id users pass to {@link #make(String)} / the {@code env} config key
   * @param creator makes an env from its {@link EnvContext}
   * @throws IllegalArgumentException if the name is blank or a built-in id
   */
  public static void register(String name, EnvCreator creator) {
    register(name, creator, null, null);
  }

  /**
   * Registers a custom env with a time limit.
   *
   * @param name the id
   * @param creator makes an env from its {@link EnvContext}
   * @param maxEpisodeSteps time limit applied by {@link #make(String)}, or null for none
   * @throws IllegalArgumentException if the name is blank or a built-in id, or the limit is &lt; 1
   */
  public static void register(String name, EnvCreator creator, Integer maxEpisodeSteps) {
    register(name, creator, maxEpisodeSteps, null);
  }

  /**
   * Registers a custom env with a time limit and a reward threshold.
   *
   * @param name the id
   * @param creator makes an env from its {@link EnvContext}
   * @param maxEpisodeSteps time limit applied by {@link #make(String)}, or null for none
   * @param rewardThreshold the "solved" mean reward, or null
   * @throws IllegalArgumentException if the name is blank or a built-in id, or the limit is &lt; 1
   */
  public static void register(
      String name, EnvCreator creator, Integer maxEpisodeSteps, Double rewardThreshold) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(
          "Envs.register: env name must not be blank, got '" + name + "'");
    }
    if (creator == null) {
      throw new IllegalArgumentException("Envs.register: creator for '" + name + "' is null");
    }
    if (maxEpisodeSteps != null && maxEpisodeSteps < 1) {
      throw new IllegalArgumentException(
          "Envs.register: max_episode_steps for '"
              + name
              + "' must be >= 1, got "
              + maxEpisodeSteps);
    }
    Entry entry = new Entry(new EnvSpec(name, maxEpisodeSteps, rewardThreshold), creator, false);
    Entry previous = REGISTRY.compute(name, (k, old) -> old != null && old.builtin() ? old : entry);
    if (previous != entry) {
      throw new IllegalArgumentException(
          "Envs.register: '"
              + name
              + "' is a built-in env id and cannot be replaced; pick another name");
    }
  }

  private static final Map<String, MultiAgentEnvCreator> MULTI_AGENT = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Registers a multi-agent env under {@code name}, so the {@code env} config key can name it.
   *
   * @throws IllegalArgumentException if the name is blank or a single-agent env id
   */
  public static void registerMultiAgent(String name, MultiAgentEnvCreator creator) {
    if (name == null || name.isBlank() || creator == null) {
      throw new IllegalArgumentException("Envs.registerMultiAgent: need a name and a creator, got '" + name + "'");
    }
    if (REGISTRY.containsKey(name)) {
      throw new IllegalArgumentException(
          "Envs.registerMultiAgent: '" + name + "' is a single-agent env id; pick another name");
    }
    MULTI_AGENT.put(name, creator);
  }

  /** The multi-agent creator registered as {@code id}, or null. */
  public static MultiAgentEnvCreator multiAgentCreator(String id) {
    return id == null ? null : MULTI_AGENT.get(id);
  }

  /**
   * Removes a custom registration (tests); built-ins stay.
   *
   * @param name the id
   * @return true if a custom env was removed
   */
  public static boolean unregister(String name) {
    Entry e = REGISTRY.get(name);
    return e != null && !e.builtin() && REGISTRY.remove(name, e);
  }

  /**
   * Makes an env with an empty {@link EnvContext}.
   *
   * @param id a registered id
   * @return a new env, wrapped in a {@link TimeLimit} if the id has {@code max_episode_steps}
   * @throws IllegalArgumentException for an unknown id, listing the closest registered ids
   */
  public static Env make(String id) {
    return make(id, EnvContext.empty());
  }

  /**
   * Makes an env.
   *
   * @param id a registered id
   * @param ctx the env config and indices passed to the creator
   * @return a new env, wrapped in a {@link TimeLimit} if the id has {@code max_episode_steps}
   * @throws IllegalArgumentException for an unknown id, listing the closest registered ids
   */
  public static Env make(String id, EnvContext ctx) {
    Entry e = entry(id);
    Env env = e.creator().create(ctx == null ? EnvContext.empty() : ctx);
    if (env == null) {
      throw new IllegalStateException(
          "Envs.make: the creator registered for '" + id + "' returned null");
    }
    Integer limit = e.spec().maxEpisodeSteps();
    return limit == null ? env : TimeLimit.wrap(env, limit);
  }

  /**
   * Makes {@code n} copies of an env stepped together; copy {@code i} gets {@code
   * ctx.withVectorIndex(i)}. Classic-control envs use the allocation-free fast path.
   *
   * @param id a registered id
   * @param ctx the env config (its vector index is replaced)
   * @param n number of copies, at least 1
   * @return the vector env
   */
  public static VectorEnv makeVector(String id, EnvContext ctx, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("Envs.makeVector: n (num_envs) must be >= 1, got " + n);
    }
    EnvContext base = ctx == null ? EnvContext.empty() : ctx;
    List<Env> envs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      envs.add(make(id, base.withVectorIndex(i)));
    }
    return VectorEnv.of(envs);
  }

  /**
   * Returns what the registry knows about an id.
   *
   * @param id a registered id
   * @return its spec
   * @throws IllegalArgumentException for an unknown id
   */
  public static EnvSpec spec(String id) {
    return entry(id).spec();
  }

  /**
   * Returns the creator registered for an id (to ship it to another JVM).
   *
   * @param id a registered id
   * @return the creator
   * @throws IllegalArgumentException for an unknown id
   */
  public static EnvCreator creator(String id) {
    return entry(id).creator();
  }

  /**
   * Tells whether an id is registered.
   *
   * @param id the id
   * @return true if {@link #make(String)} knows it
   */
  public static boolean isRegistered(String id) {
    return id != null && REGISTRY.containsKey(id);
  }

  /** Returns all registered ids, sorted. */
  public static Set<String> registeredIds() {
    return new TreeSet<>(REGISTRY.keySet());
  }

  private static Entry entry(String id) {
    Entry e = id == null ? null : REGISTRY.get(id);
    if (e == null) {
      throw new IllegalArgumentException(unknownIdMessage(id));
    }
    return e;
  }

  private static String unknownIdMessage(String id) {
    String key = id == null ? "" : id.toLowerCase(Locale.ROOT);
    List<String> ids = new ArrayList<>(REGISTRY.keySet());
    ids.sort(
        Comparator.comparingInt((String s) -> editDistance(key, s.toLowerCase(Locale.ROOT)))
            .thenComparing(Comparator.naturalOrder()));
    List<String> closest = ids.subList(0, Math.min(3, ids.size()));
    return "Unknown env id '"
        + id
        + "'. Closest registered ids: "
        + String.join(", ", closest)
        + ". Register custom envs with Envs.register(name, creator).";
  }

  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
