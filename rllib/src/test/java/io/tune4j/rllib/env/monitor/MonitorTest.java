package io.tune4j.rllib.env.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.env.Env;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.env.StepResult;
import io.tune4j.tune.logger.JsonText;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jcodec.api.awt.AWTFrameGrab;
import org.jcodec.common.io.NIOUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class MonitorTest {
  @TempDir Path dir;

  @Test
  void theScheduleIsGymsCappedCubic() {
    List<Long> recorded = new ArrayList<>();
    for (long e = 0; e <= 5000; e++) {
      if (Monitor.cappedCubicVideoSchedule(e)) {
        recorded.add(e);
      }
    }
    assertEquals(List.of(0L, 1L, 8L, 27L, 64L, 125L, 216L, 343L, 512L, 729L, 1000L, 2000L, 3000L, 4000L, 5000L), recorded);
  }

  /** Runs episodes of CartPole with a fixed seed, alternating actions; returns each episode's length. */
  static List<Integer> play(Env env, int episodes) {
    List<Integer> lengths = new ArrayList<>();
    env.seed(7);
    for (int ep = 0; ep < episodes; ep++) {
      env.reset();
      int n = 0;
      StepResult r;
      do {
        r = env.step((n / 3) % 2);
        n++;
      } while (!r.done());
      lengths.add(n);
    }
    return lengths;
  }

  /** The sample count in the MP4's stsz box, read without a decoder. */
  public static int stszSampleCount(byte[] mp4) {
    for (int i = 4; i + 16 < mp4.length; i++) {
      if (mp4[i] == 's' && mp4[i + 1] == 't' && mp4[i + 2] == 's' && mp4[i + 3] == 'z') {
        // stsz: version/flags (4), sample_size (4), sample_count (4)
        return ByteBuffer.wrap(mp4, i + 12, 4).order(ByteOrder.BIG_ENDIAN).getInt();
      }
    }
    throw new AssertionError("no stsz box");
  }

  static boolean hasBox(byte[] mp4, String type) {
    return new String(mp4, java.nio.charset.StandardCharsets.ISO_8859_1).contains(type);
  }

  @Test
  void recordsTheScheduledEpisodesWithGymsNamesAndFrames() throws Exception {
    List<Integer> lengths;
    Monitor m = Monitor.wrap(Envs.make("CartPole-v0"), dir, "CartPole-v0");
    try (m) {
      lengths = play(m, 10);
    }
    List<String> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    String infix = files.get(0).replaceAll("^openaigym\\.[a-z_]+\\.(\\d+\\.\\d+)\\..*$", "$1");
    assertTrue(infix.endsWith("." + ProcessHandle.current().pid()), infix);
    List<String> videos = files.stream().filter(f -> f.endsWith(".mp4")).toList();
    assertEquals(List.of("openaigym.video." + infix + ".video000000.mp4", "openaigym.video." + infix + ".video000001.mp4",
        "openaigym.video." + infix + ".video000008.mp4"), videos, "episodes 0, 1 and 8 of 10");
    for (int ep : new int[] {0, 1, 8}) {
      Path mp4 = dir.resolve(String.format("openaigym.video.%s.video%06d.mp4", infix, ep));
      byte[] bytes = Files.readAllBytes(mp4);
      assertTrue(hasBox(bytes, "ftyp") && hasBox(bytes, "moov") && hasBox(bytes, "mdat") && hasBox(bytes, "avc1"),
          "an MP4 with H.264 (avc1) video");
      assertEquals(lengths.get(ep) + 1, stszSampleCount(bytes), "the frame after the reset and one per step");
      Map<String, Object> meta = JsonText.parseObject(Files.readString(Path.of(mp4.toString().replace(".mp4", ".meta.json"))));
      assertEquals(ep, ((Number) meta.get("episode_id")).intValue());
      assertEquals("video/mp4", meta.get("content_type"));
      assertEquals(50, ((Number) meta.get("frames_per_second")).intValue(), "CartPole's video.frames_per_second");
    }
    Map<String, Object> stats = JsonText.parseObject(Files.readString(dir.resolve("openaigym.episode_batch." + infix + ".stats.json")));
    assertEquals(lengths, stats.get("episode_lengths"));
    assertEquals(lengths.stream().map(Integer::doubleValue).toList(), stats.get("episode_rewards"), "CartPole pays 1 a step");
    assertEquals(10, ((List<?>) stats.get("timestamps")).size());
    Map<String, Object> manifest = JsonText.parseObject(Files.readString(dir.resolve("openaigym.manifest." + infix + ".manifest.json")));
    assertEquals(3, ((List<?>) manifest.get("videos")).size());
    assertEquals("openaigym.episode_batch." + infix + ".stats.json", manifest.get("stats"));
  }

  @Test
  void aDecodedFrameShowsWhatTheEnvRendered() throws Exception {
    Env plain = Envs.make("CartPole-v0");
    plain.seed(3);
    plain.reset();
    plain.step(1);
    plain.step(1);
    BufferedImage expected = plain.render(); // the state after two steps: frame 2 of the video
    Monitor m = Monitor.wrap(Envs.make("CartPole-v0"), dir, "CartPole-v0", e -> true);
    try (m) {
      m.seed(3);
      m.reset();
      m.step(1);
      m.step(1);
      m.step(0);
    }
    Path mp4 = dir.resolve(m.videos().get(0).get(0));
    BufferedImage frame = AWTFrameGrab.getFrame(NIOUtils.readableChannel(mp4.toFile()), 2);
    ImageIO.write(frame, "png", Path.of("target", "monitor-cartpole-frame2.png").toFile());
    assertEquals(expected.getWidth(), frame.getWidth());
    assertEquals(expected.getHeight(), frame.getHeight());
    double diff = 0;
    int dark = 0;
    for (int y = 0; y < frame.getHeight(); y++) {
      for (int x = 0; x < frame.getWidth(); x++) {
        int a = expected.getRGB(x, y);
        int b = frame.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          diff += Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff));
        }
        if ((b & 0xff) < 100) {
          dark++;
        }
      }
    }
    double meanDiff = diff / (3.0 * frame.getWidth() * frame.getHeight());
    assertTrue(meanDiff < 4, "lossy but the same picture: mean channel difference " + meanDiff);
    assertTrue(dark > 1000, "the cart and the track are drawn: " + dark + " dark pixels");
  }

  @Test
  void anEnvThatCannotRenderIsCountedNotRecorded() throws Exception {
    Env blind = new Env() {
      int t;

      @Override
      public Object reset() {
        t = 0;
        return new double[] {0};
      }

      @Override
      public StepResult step(Object action) {
        return new StepResult(new double[] {0}, 2.0, ++t == 4, Map.of());
      }

      @Override
      public io.tune4j.rllib.env.Space observationSpace() {
        return new io.tune4j.rllib.env.Box(new double[] {-1}, new double[] {1});
      }

      @Override
      public io.tune4j.rllib.env.Space actionSpace() {
        return new io.tune4j.rllib.env.Discrete(2);
      }
    };
    Monitor m = Monitor.wrap(blind, dir, "Blind");
    try (m) {
      m.reset();
      while (!m.step(0).done()) {
        // play it out
      }
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertFalse(s.anyMatch(p -> p.toString().endsWith(".mp4")), "no video");
    }
    try (Stream<Path> s = Files.list(dir)) {
      Path stats = s.filter(p -> p.toString().endsWith(".stats.json")).findFirst().orElseThrow();
      assertEquals(List.of(4), JsonText.parseObject(Files.readString(stats)).get("episode_lengths"));
      assertEquals(List.of(8.0), JsonText.parseObject(Files.readString(stats)).get("episode_rewards"));
    }
  }

  @Test
  void forceClearsEarlierMonitorFilesOnly() throws Exception {
    Files.writeString(dir.resolve("openaigym.video.0.1.video000000.mp4"), "old");
    Files.writeString(dir.resolve("result.json"), "{}");
    Monitor.clearMonitorFiles(dir);
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("result.json"), s.map(p -> p.getFileName().toString()).toList());
    }
  }
}
