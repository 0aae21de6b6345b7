package io.tune4j.tune.trainable;

import io.tune4j.tune.trial.Resources;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Something Tune can train: override {@link #setup}, {@link #step} and, for checkpoints, {@link
 * #saveCheckpoint}/{@link #loadCheckpoint} (Tune's class API).
 *
 * <p>Lifecycle: the runner constructs the trainable with its no-argument constructor, calls
 * {@link #initialize} (which calls {@link #setup}), then {@link #train()} once per result until
 * the trial stops, then {@link #stop()} (which calls {@link #cleanup}). With actor reuse, {@link
 * #resetConfig} may switch a live instance to a new trial's config instead. All calls come from
 * one thread (the trial's actor).
 *
 * <pre>{@code
 * public class MyTrainable extends Trainable {
 *   double x;
 *   protected void setup(Map<String, Object> config) { x = ((Number) config.get("x")).doubleValue(); }
 *   protected Map<String, Object> step() { x *= 0.9; return Map.of("mean_loss", x); }
 * }
 * }</pre>
 */
public abstract class Trainable {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");
  private static final String HOST = hostName();
  private static final long PID = ProcessHandle.current().pid();

  private Map<String, Object> config = Map.of();
  private TrainableContext context = TrainableContext.detached();
  private String experimentId = UUID.randomUUID().toString().replace("-", "");
  private long iteration;
  private double timeTotal;
  private Long timestepsTotal;
  private Long episodesTotal;
  private double timeSinceRestore;
  private long timestepsSinceRestore;
  private long iterationsSinceRestore;

  /** Sets up the trainable for its first config; called once, before any {@link #train()}. */
  public final void initialize(Map<String, Object> config, TrainableContext context)
      throws Exception {
    this.config = config;
    this.context = context;
    setup(config);
  }

  /** The config this trainable runs with. */
  public Map<String, Object> config() {
    return config;
  }

  /** The trial context (id, name, log directory) this trainable runs in. */
  public TrainableContext context() {
    return context;
  }

  /** Called once with the trial's config before the first {@link #step()}. */
  protected void setup(Map<String, Object> config) throws Exception {}

  /** Runs one iteration of training and returns its result map (Tune adds automatic fields). */
  protected abstract Map<String, Object> step() throws Exception;

  /**
   * Writes a checkpoint into {@code checkpointDir} (which exists) and returns the path to restore
   * from, a file or directory inside it. The default writes nothing and returns the directory.
   */
  protected Path saveCheckpoint(Path checkpointDir) throws Exception {
    return checkpointDir;
  }

  /** Restores state from a path previously returned by {@link #saveCheckpoint}. */
  protected void loadCheckpoint(Path checkpoint) throws Exception {
    throw new UnsupportedOperationException(
        getClass().getName() + " does not implement loadCheckpoint, so it cannot be restored");
  }

  /** Releases resources; called once when the trial stops. */
  protected void cleanup() throws Exception {}

  /**
   * Switches this live instance to a new config so a finished trial's actor can take the next
   * trial (actor reuse, PBT). Return false if unsupported; the host then builds a fresh instance.
   */
  public boolean resetConfig(Map<String, Object> newConfig) {
    return false;
  }

  /**
   * The resources a trial of this trainable needs for {@code config}, or null for Tune's default
   * (1 CPU) or the user's {@code resources_per_trial}. RLlib trainers request their workers here.
   */
  public Resources defaultResourceRequest(Map<String, Object> config) {
    return null;
  }

  /** Runs one {@link #step()} and returns its result with Tune's automatic fields filled in. */
  public final Map<String, Object> train() {
    long start = System.nanoTime();
    Map<String, Object> raw;
    try {
      raw = step();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new io.tune4j.tune.TrainableException(getClass().getSimpleName() + ".step()", e);
    }
    if (raw == null) {
      throw new IllegalStateException(getClass().getName() + ".step() returned null");
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    return completeResult(raw, elapsed);
  }

  /**
   * Returns between 1 and {@code maxResults} results: calls {@link #train()} again while fewer
   * than {@code maxResults} were produced, {@code bufferNanos} has not elapsed and the last result
   * is not {@code done} (Tune's result buffering; {@code maxResults = 1} is plain Tune).
   */
  public java.util.List<Map<String, Object>> trainMany(int maxResults, long bufferNanos) {
    long start = System.nanoTime();
    java.util.List<Map<String, Object>> out = new java.util.ArrayList<>();
    do {
      Map<String, Object> r = train();
      out.add(r);
      if (Boolean.TRUE.equals(r.get("done"))) {
        break;
      }
    } while (out.size() < maxResults && System.nanoTime() - start < bufferNanos);
    return out;
  }

  /** Fills the automatic result fields (Tune 2019 rules plus {@code trial_id}). */
  protected final Map<String, Object> completeResult(Map<String, Object> raw, double elapsed) {
    Map<String, Object> r = new LinkedHashMap<>(raw);
    iteration++;
    iterationsSinceRestore++;
    double thisIter = r.get("time_this_iter_s") instanceof Number n ? n.doubleValue() : elapsed;
    r.put("time_this_iter_s", thisIter);
    timeTotal += thisIter;
    timeSinceRestore += thisIter;
    if (r.get("timesteps_this_iter") instanceof Number n) {
      timestepsTotal = (timestepsTotal == null ? 0L : timestepsTotal) + n.longValue();
      timestepsSinceRestore += n.longValue();
    }
    if (r.get("episodes_this_iter") instanceof Number n) {
      episodesTotal = (episodesTotal == null ? 0L : episodesTotal) + n.longValue();
    }
    r.putIfAbsent("done", Boolean.FALSE);
    if (timestepsTotal != null) {
      r.putIfAbsent("timesteps_total", timestepsTotal);
    }
    if (episodesTotal != null) {
      r.putIfAbsent("episodes_total", episodesTotal);
    }
    r.putIfAbsent("training_iteration", iteration);
    if (r.containsKey("mean_loss") && r.get("mean_loss") instanceof Number n) {
      r.putIfAbsent("neg_mean_loss", -n.doubleValue());
    }
    r.put("trial_id", context.trialId());
    r.put("experiment_id", experimentId);
    r.put("date", LocalDateTime.now().format(DATE));
    r.put("timestamp", System.currentTimeMillis() / 1000L);
    r.put("time_total_s", timeTotal);
    r.put("pid", PID);
    r.put("hostname", HOST);
    r.put("node_ip", context.nodeIp());
    r.put("config", config);
    r.put("time_since_restore", timeSinceRestore);
    r.put("timesteps_since_restore", timestepsSinceRestore);
    r.put("iterations_since_restore", iterationsSinceRestore);
    return r;
  }

  /** The number of completed {@link #train()} calls. */
  public long iteration() {
    return iteration;
  }

  /**
   * Saves a checkpoint under {@code <parentDir>/checkpoint_<iteration>/} with Tune's metadata and
   * returns the path to restore from.
   */
  public final Path save(Path parentDir) {
    Path dir = parentDir.resolve("checkpoint_" + iteration);
    Path path;
    try {
      Files.createDirectories(dir);
      path = saveCheckpoint(dir);
      if (path == null) {
        path = dir;
      }
      Checkpoints.writeMetadata(
          path, new Checkpoints.Metadata(experimentId, iteration, timestepsTotal, timeTotal, episodesTotal));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new io.tune4j.tune.TrainableException("saving a checkpoint of " + getClass().getSimpleName() + " in " + dir, e);
    }
    return path;
  }

  /** Restores from a path returned by {@link #save}, including Tune's counters. */
  public final void restore(Path path) {
    Checkpoints.Metadata meta;
    try {
      meta = Checkpoints.readMetadata(path);
      loadCheckpoint(path);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new io.tune4j.tune.TrainableException("restoring " + getClass().getSimpleName() + " from " + path, e);
    }
    if (meta != null) {
      experimentId = meta.experimentId();
      iteration = meta.iteration();
      timestepsTotal = meta.timestepsTotal();
      timeTotal = meta.timeTotal();
      episodesTotal = meta.episodesTotal();
    }
    timeSinceRestore = 0;
    timestepsSinceRestore = 0;
    iterationsSinceRestore = 0;
  }

  /** Stops the trainable: calls {@link #cleanup()}. */
  public final void stop() {
    try {
      cleanup();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new io.tune4j.tune.TrainableException(getClass().getSimpleName() + ".cleanup()", e);
    }
  }

  /** Switches config for actor reuse; resets Tune's counters when the trainable accepts. */
  public final boolean reset(Map<String, Object> newConfig, TrainableContext newContext) {
    if (!resetConfig(newConfig)) {
      return false;
    }
    this.config = newConfig;
    this.context = newContext;
    experimentId = UUID.randomUUID().toString().replace("-", "");
    iteration = 0;
    timeTotal = 0;
    timestepsTotal = null;
    episodesTotal = null;
    timeSinceRestore = 0;
    timestepsSinceRestore = 0;
    iterationsSinceRestore = 0;
    return true;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
