package io.tune4j.rllib.env;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * What {@link ExternalEnv} (one agent) and {@link ExternalMultiAgentEnv} (agents by id) share:
 * episodes started, stepped and ended from outside, from any number of threads, and a {@link
 * BaseEnv} view for the sampler in which sub-env i is episode slot i. Every value is kept per agent
 * id; the single-agent env uses {@link ExternalEnv#AGENT_ID}.
 */
public abstract class AbstractExternalEnv implements AutoCloseable {

  /** Thrown for a call the env cannot take (unknown or finished episode, too many episodes, ...). */
  public static final class ExternalEnvException extends IllegalArgumentException {
    private final String field;

    /** A failure blamed on request field {@code field} (may be null). */
    public ExternalEnvException(String field, String message) {
      super(message);
      this.field = field;
    }

    /** The field the caller got wrong, e.g. {@code episode_id}, or null. */
    public String field() {
      return field;
    }
  }

  /** Thrown when the trainer did not answer within the timeout. */
  public static final class ActionTimeoutException extends RuntimeException {
    /** Creates the exception. */
    public ActionTimeoutException(String message) {
      super(message);
    }
  }

  private final Space actionSpace;
  private final Space observationSpace;
  private final int maxConcurrent;
  private volatile long timeoutMs = 60_000;
  private final Object lock = new Object();
  private final Map<String, Episode> episodes = new HashMap<>();
  private final Episode[] slots;
  private final Deque<Integer> freeSlots = new ArrayDeque<>();
  private final Set<Integer> withNews = new LinkedHashSet<>();
  private volatile boolean closed;
  private Thread runner;

  /** One running episode and what it has to tell the sampler, per agent. */
  private static final class Episode {
    final String id;
    final int slot;
    final boolean training;
    boolean delivered; // the sampler has seen an observation of this episode
    Map<String, Object> newObs = Map.of();
    final Map<String, Double> reward = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> info = new LinkedHashMap<>();
    Map<String, Object> offPolicyActions;
    boolean done;
    boolean waiting; // a getAction/logAction waits for the sampler's actions
    Map<String, Object> actions;

    Episode(String id, int slot, boolean training) {
      this.id = id;
      this.slot = slot;
      this.training = training;
    }
  }

  /** An external env with these (shared) spaces and at most {@code maxConcurrent} episodes at once. */
  protected AbstractExternalEnv(Space actionSpace, Space observationSpace, int maxConcurrent) {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be >= 1, got " + maxConcurrent);
    }
    this.actionSpace = actionSpace;
    this.observationSpace = observationSpace;
    this.maxConcurrent = maxConcurrent;
    this.slots = new Episode[maxConcurrent];
    for (int i = 0; i < maxConcurrent; i++) {
      freeSlots.add(i);
    }
  }

  /** Sets how long an action request waits for the trainer (default 60 s); returns this env. */
  public AbstractExternalEnv setTimeout(long millis) {
    this.timeoutMs = millis;
    return this;
  }

  /** The serving loop of a subclass (RLlib's {@code run()}); the default does nothing. */
  public void run() {}

  /** Starts {@link #run()} on a daemon thread, once (the rollout worker calls this). */
  public synchronized void start() {
    if (runner == null) {
      runner = new Thread(this::run, "external-env");
      runner.setDaemon(true);
      runner.start();
    }
  }

  /** The most episodes that may run at once. */
  public int maxConcurrent() {
    return maxConcurrent;
  }

  /** Episodes running now. */
  public int runningEpisodes() {
    synchronized (lock) {
      return episodes.size();
    }
  }

  /** The agents' observation space. */
  public Space observationSpace() {
    return observationSpace;
  }

  /** The agents' action space. */
  public Space actionSpace() {
    return actionSpace;
  }

  /**
   * Starts an episode.
   *
   * @param episodeId the id to use, or null for a fresh one
   * @param trainingEnabled whether the trainer learns from it
   * @return the episode id
   * @throws ExternalEnvException when the id is taken or {@code maxConcurrent} episodes run
   */
  public String startEpisode(String episodeId, boolean trainingEnabled) {
    synchronized (lock) {
      checkOpen();
      String id = episodeId == null ? UUID.randomUUID().toString().replace("-", "") : episodeId;
      if (episodes.containsKey(id)) {
        throw new ExternalEnvException("episode_id", "episode " + id + " is already started");
      }
      Integer slot = freeSlots.poll();
      if (slot == null) {
        throw new ExternalEnvException(null, "already " + maxConcurrent + " episodes running (max_concurrent);"
            + " end one first");
      }
      Episode e = new Episode(id, slot, trainingEnabled);
      episodes.put(id, e);
      slots[slot] = e;
      return id;
    }
  }

  private Episode episode(String id) {
    if (id == null) {
      throw new ExternalEnvException("episode_id", "missing episode_id");
    }
    Episode e = episodes.get(id);
    if (e == null || e.done) {
      throw new ExternalEnvException("episode_id", "episode " + id + " not found (never started, or ended)");
    }
    return e;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the external env is closed");
    }
  }

  static String describe(Object v) {
    if (v instanceof double[] d) {
      return java.util.Arrays.toString(d);
    }
    if (v instanceof int[] i) {
      return java.util.Arrays.toString(i);
    }
    return String.valueOf(v);
  }

  /** Checks each agent's value against {@code space} (when the env declares one). */
  private static void check(Map<String, Object> values, Space space, String field) {
    if (values == null || values.isEmpty()) {
      throw new ExternalEnvException(field, "missing " + field);
    }
    for (Map.Entry<String, Object> e : values.entrySet()) {
      if (e.getValue() == null || (space != null && !space.contains(e.getValue()))) {
        throw new ExternalEnvException(field, field + " " + describe(e.getValue())
            + (values.size() == 1 && values.containsKey(ExternalEnv.AGENT_ID) ? "" : " of agent '" + e.getKey() + "'")
            + " is not in the " + (field.equals("action") ? "action" : "observation") + " space " + space);
      }
    }
  }

  /**
   * Records the agents' observations (and, for logged actions, the actions they took) and waits
   * for the sampler's actions for them.
   */
  protected Map<String, Object> send(String episodeId, Map<String, Object> observations,
      Map<String, Object> offPolicy) {
    check(observations, observationSpace, "observation");
    if (offPolicy != null) {
      check(offPolicy, actionSpace, "action");
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    synchronized (lock) {
      Episode e = episode(episodeId);
      if (e.waiting) {
        throw new ExternalEnvException("episode_id", "episode " + episodeId + " is already waiting for an action");
      }
      e.newObs = new LinkedHashMap<>(observations);
      e.offPolicyActions = offPolicy;
      e.waiting = true;
      e.actions = null;
      withNews.add(e.slot);
      lock.notifyAll();
      try {
        while (e.actions == null) {
          long left = deadline - System.nanoTime();
          if (closed) {
            throw new IllegalStateException("the external env closed while episode " + episodeId + " waited");
          }
          if (left <= 0) {
            withNews.remove(e.slot); // withdraw the request if the sampler has not taken it yet
            throw new ActionTimeoutException("no action for episode " + episodeId + " within " + timeoutMs
                + " ms: the trainer is not sampling (is train() being called?)");
          }
          lock.wait(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for an action", ie);
      } finally {
        e.waiting = false;
      }
      return e.actions;
    }
  }

  /** Adds each agent's reward to its reward since its last action; infos replace the last ones. */
  protected void logRewards(String episodeId, Map<String, Double> rewards, Map<String, Map<String, Object>> infos) {
    for (Map.Entry<String, Double> r : rewards.entrySet()) {
      if (r.getValue() == null || !Double.isFinite(r.getValue())) {
        throw new ExternalEnvException("reward", "reward must be a finite number, got " + r.getValue()
            + (r.getKey().equals(ExternalEnv.AGENT_ID) ? "" : " for agent '" + r.getKey() + "'"));
      }
    }
    synchronized (lock) {
      Episode e = episode(episodeId);
      rewards.forEach((agent, r) -> e.reward.merge(agent, r, Double::sum));
      if (infos != null) {
        infos.forEach((agent, info) -> e.info.put(agent, info == null ? Map.of() : new LinkedHashMap<>(info)));
      }
    }
  }

  /** Ends the episode with its agents' final observations. */
  protected void end(String episodeId, Map<String, Object> observations) {
    check(observations, observationSpace, "observation");
    synchronized (lock) {
      Episode e = episode(episodeId);
      episodes.remove(episodeId);
      if (!e.delivered) { // nothing was observed: nothing to learn
        freeSlot(e);
        return;
      }
      e.newObs = new LinkedHashMap<>(observations);
      e.done = true;
      withNews.add(e.slot);
      lock.notifyAll();
    }
  }

  private void freeSlot(Episode e) {
    slots[e.slot] = null;
    freeSlots.add(e.slot);
  }

  /** Releases waiting callers and the sampler. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
  }

  /** This env as the sampler sees it: sub-env i is episode slot i. */
  public BaseEnv asBaseEnv() {
    return new SamplerView();
  }

  /** The sampler's side: poll waits for news; sendActions answers waiting episodes. */
  private final class SamplerView implements BaseEnv {
    @Override
    public Poll poll() {
      Map<Integer, Map<String, Object>> obs = new LinkedHashMap<>();
      Map<Integer, Map<String, Double>> rewards = new LinkedHashMap<>();
      Map<Integer, Map<String, Boolean>> dones = new LinkedHashMap<>();
      Map<Integer, Map<String, Map<String, Object>>> infos = new LinkedHashMap<>();
      Map<Integer, Map<String, Object>> offPolicy = new LinkedHashMap<>();
      synchronized (lock) {
        while (withNews.isEmpty()) {
          checkOpen();
          try {
            lock.wait(1000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for external episodes", e);
          }
        }
        for (int slot : withNews) {
          Episode e = slots[slot];
          obs.put(slot, e.newObs);
          rewards.put(slot, new LinkedHashMap<>(e.reward));
          Map<String, Boolean> d = new LinkedHashMap<>();
          for (String agent : e.newObs.keySet()) {
            d.put(agent, e.done);
          }
          d.put("__all__", e.done);
          dones.put(slot, d);
          Map<String, Map<String, Object>> info = new LinkedHashMap<>();
          for (String agent : e.newObs.keySet()) {
            Map<String, Object> i = new LinkedHashMap<>(e.info.getOrDefault(agent, Map.of()));
            if (!e.training) {
              i.put("training_enabled", false);
            }
            info.put(agent, i);
          }
          infos.put(slot, info);
          if (e.offPolicyActions != null) {
            offPolicy.put(slot, e.offPolicyActions);
          }
          e.reward.clear();
          e.delivered = true;
        }
        withNews.clear();
      }
      return new Poll(obs, rewards, dones, infos, offPolicy);
    }

    @Override
    public void sendActions(Map<Integer, Map<String, Object>> actions) {
      synchronized (lock) {
        for (Map.Entry<Integer, Map<String, Object>> a : actions.entrySet()) {
          Episode e = slots[a.getKey()];
          if (e != null && e.waiting) {
            e.actions = e.offPolicyActions != null ? e.offPolicyActions : a.getValue();
          }
        }
        lock.notifyAll();
      }
    }

    @Override
    public Map<String, Object> tryReset(int envId) {
      synchronized (lock) {
        Episode e = slots[envId];
        if (e != null && e.done) {
          freeSlot(e);
        }
      }
      return null; // the next episode in this slot comes through poll()
    }

    @Override
    public int numEnvs() {
      return maxConcurrent;
    }

    @Override
    public int batchEnvs() {
      return 1;
    }

    @Override
    public Space observationSpace() {
      return observationSpace;
    }

    @Override
    public Space actionSpace() {
      return actionSpace;
    }

    @Override
    public void close() {
      AbstractExternalEnv.this.close();
    }
  }
}
