package io.tune4j.rllib.env.monitor;

import io.tune4j.rllib.env.Env;
import io.tune4j.rllib.env.EnvWrapper;
import io.tune4j.rllib.env.StepResult;
import io.tune4j.tune.logger.AtomicFiles;
import io.tune4j.tune.logger.JsonText;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * gym's {@code Monitor} around a Tune4j env: records videos of the episodes its schedule picks
 * (gym's capped cubic schedule by default: episodes 0, 1, 8, 27, ..., 729, then every 1,000th), and
 * keeps every episode's length, reward and end time. Files, in gym's names, with {@code INFIX} =
 * {@code <monitor id>.<pid>} (the monitor id counts monitors made in this JVM, from 0):
 *
 * <ul>
 *   <li>{@code openaigym.video.INFIX.video000027.mp4} and {@code .meta.json} per recorded episode;
 *   <li>{@code openaigym.episode_batch.INFIX.stats.json}: {@code initial_reset_timestamp}, {@code
 *       timestamps}, {@code episode_lengths}, {@code episode_rewards}, {@code episode_types};
 *   <li>{@code openaigym.manifest.INFIX.manifest.json}: the stats file, the videos and the env.
 * </ul>
 *
 * <p>A video holds the frame after the reset and one after each step, at the env's {@code
 * video.frames_per_second} ({@link Env#metadata()}; 30 when absent). Videos are encoded on a
 * background thread ({@link VideoRecorder}); the stats and the manifest are written when a video
 * ends and when the monitor closes, which waits until every video is complete. A monitor that
 * never saw a reset writes nothing. An env whose {@link Env#render()} is not supported gets no
 * videos (a warning says so, as gym's monitor disables its recorder), only the stats.
 *
 * <pre>{@code
 * try (Monitor env = Monitor.wrap(Envs.make("CartPole-v0"), Path.of("/tmp/videos"), "CartPole-v0")) {
 *   env.reset();
 *   while (!env.step(0).done()) {}
 *   env.reset(); // episode 0's video is finished
 * }
 * }</pre>
 */
public final class Monitor extends EnvWrapper {
  /** gym's file prefix. */
  public static final String FILE_PREFIX = "openaigym";
  private static final AtomicInteger MONITOR_IDS = new AtomicInteger();

  private final Path directory;
  private final LongPredicate videoSchedule;
  private final String envId;
  private final String infix;
  private final int fps;
  private long episodeId;
  private VideoRecorder recorder;
  private final List<List<String>> videos = new ArrayList<>();
  private final List<java.util.concurrent.CompletableFuture<Void>> finishing = new ArrayList<>();
  private double initialResetTimestamp = Double.NaN;
  private final List<Double> timestamps = new ArrayList<>();
  private final List<Integer> episodeLengths = new ArrayList<>();
  private final List<Double> episodeRewards = new ArrayList<>();
  private int steps;
  private double reward;
  private boolean inEpisode;
  private boolean closed;
  private boolean renders = true;

  private Monitor(Env env, Path directory, String envId, LongPredicate videoSchedule) {
    super(env);
    this.directory = directory;
    this.envId = envId;
    this.videoSchedule = videoSchedule;
    this.infix = MONITOR_IDS.getAndIncrement() + "." + ProcessHandle.current().pid();
    Object f = env().metadata().get("video.frames_per_second");
    this.fps = f instanceof Number n && n.intValue() > 0 ? n.intValue() : 30;
  }

  /**
   * Wraps an env, recording on gym's capped cubic schedule (what RLlib's {@code "monitor": true}
   * does, into the trial directory).
   *
   * @param env the env
   * @param directory where the files go (created when missing)
   * @param envId the env's id for the manifest, e.g. {@code CartPole-v0}
   * @return the monitor
   */
  public static Monitor wrap(Env env, Path directory, String envId) {
    return new Monitor(env, directory, envId, Monitor::cappedCubicVideoSchedule);
  }

  /**
   * Wraps an env with a schedule of one's own: {@code episodeId -> true} records every episode
   * ({@code rllib rollout --video-dir}).
   *
   * @param env the env
   * @param directory where the files go
   * @param envId the env's id for the manifest
   * @param videoSchedule which episodes (from 0) get a video
   * @return the monitor
   */
  public static Monitor wrap(Env env, Path directory, String envId, LongPredicate videoSchedule) {
    return new Monitor(env, directory, envId, videoSchedule);
  }

  /**
   * gym's {@code capped_cubic_video_schedule}: perfect cubes below 1,000 (0, 1, 8, 27, ..., 729),
   * then every 1,000th episode.
   *
   * @param episodeId the episode, from 0
   * @return whether it is recorded
   */
  public static boolean cappedCubicVideoSchedule(long episodeId) {
    if (episodeId < 1000) {
      long root = Math.round(Math.cbrt(episodeId));
      return root * root * root == episodeId;
    }
    return episodeId % 1000 == 0;
  }

  /**
   * Deletes gym monitor files ({@code openaigym.*}) in a directory, as gym's {@code force=True}
   * does before a new recording.
   *
   * @param directory the directory; nothing happens when it does not exist
   * @throws UncheckedIOException naming the directory when it cannot be listed or a file removed
   */
  public static void clearMonitorFiles(Path directory) {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> s = Files.list(directory)) {
      for (Path p : s.toList()) {
        if (p.getFileName().toString().startsWith(FILE_PREFIX + ".")) {
          Files.delete(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear the monitor files in " + directory + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Object reset() {
    Object obs = env().reset();
    double now = System.currentTimeMillis() / 1000.0;
    if (Double.isNaN(initialResetTimestamp)) {
      initialResetTimestamp = now;
    }
    steps = 0;
    reward = 0;
    inEpisode = true;
    resetVideoRecorder();
    episodeId++; // after the recorder took this episode's id, as gym bumps it
    return obs;
  }

  private void resetVideoRecorder() {
    closeVideoRecorder();
    if (videoSchedule.test(episodeId) && renders) {
      BufferedImage first;
      try {
        first = env().render();
      } catch (UnsupportedOperationException e) {
        renders = false; // gym disables its recorder the same way, with a warning
        System.getLogger(Monitor.class.getName()).log(System.Logger.Level.WARNING,
            "monitor: " + envId + " cannot render (" + e.getMessage() + "); its episodes are counted, not recorded");
        return;
      }
      recorder = new VideoRecorder(directory.resolve(String.format("%s.video.%s.video%06d", FILE_PREFIX, infix, episodeId)),
          fps, Map.of("episode_id", episodeId));
      recorder.captureFrame(first);
    }
  }

  private void closeVideoRecorder() {
    if (recorder == null) {
      return;
    }
    VideoRecorder r = recorder;
    recorder = null;
    finishing.removeIf(java.util.concurrent.CompletableFuture::isDone);
    finishing.add(r.closeAsync()); // the encoder thread finishes it while sampling goes on
    if (r.functional()) {
      videos.add(List.of(r.path().getFileName().toString(), r.metadataPath().getFileName().toString()));
    }
    flush();
  }

  @Override
  public StepResult step(Object action) {
    StepResult r = env().step(action);
    steps++;
    reward += r.reward();
    if (r.done() && inEpisode) {
      inEpisode = false;
      timestamps.add(System.currentTimeMillis() / 1000.0);
      episodeLengths.add(steps);
      episodeRewards.add(reward);
    }
    if (recorder != null) {
      recorder.captureFrame(env().render());
    }
    return r;
  }

  /** Writes the stats and the manifest (after a reset only). */
  private void flush() {
    if (Double.isNaN(initialResetTimestamp)) {
      return;
    }
    String stats = String.format("%s.episode_batch.%s.stats.json", FILE_PREFIX, infix);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("initial_reset_timestamp", initialResetTimestamp);
    s.put("timestamps", timestamps);
    s.put("episode_lengths", episodeLengths);
    s.put("episode_rewards", episodeRewards);
    s.put("episode_types", java.util.Collections.nCopies(episodeLengths.size(), "t"));
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("stats", stats);
    manifest.put("videos", videos);
    manifest.put("env_info", Map.of("env_id", envId, "writer", "Tune4j"));
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the monitor directory " + directory + ": " + e.getMessage(), e);
    }
    AtomicFiles.write(directory.resolve(stats), JsonText.toJson(s).getBytes(StandardCharsets.UTF_8));
    AtomicFiles.write(directory.resolve(String.format("%s.manifest.%s.manifest.json", FILE_PREFIX, infix)),
        JsonText.toJson(manifest).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The videos finished so far: {@code [video file, metadata file]} names, in the directory.
   *
   * @return a copy
   */
  public List<List<String>> videos() {
    return List.copyOf(videos);
  }

  /**
   * The directory the files go to.
   *
   * @return the path
   */
  public Path directory() {
    return directory;
  }

  /**
   * Finishes the video under way and waits for every video of this monitor to be written, writes
   * the stats and the manifest, and closes the env.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    closeVideoRecorder();
    for (java.util.concurrent.CompletableFuture<Void> f : finishing) {
      f.join();
    }
    flush();
    super.close();
  }
}
