package io.tune4j.rllib.env.monitor;

import io.tune4j.tune.logger.AtomicFiles;
import io.tune4j.tune.logger.JsonText;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.jcodec.api.transcode.SinkImpl;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.common.Codec;
import org.jcodec.common.Format;
import org.jcodec.common.VideoCodecMeta;
import org.jcodec.common.VideoEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Packet;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;
import org.jcodec.scale.AWTUtil;
import org.jcodec.scale.RgbToYuv420j;

/**
 * Records one episode as {@code BASE.mp4} (H.264 in an MP4 container, encoded by JCodec in pure
 * Java) and describes it in {@code BASE.meta.json}, as gym's {@code VideoRecorder} does with
 * ffmpeg: the metadata holds the caller's fields (gym's monitor passes {@code episode_id}), the
 * content type and the encoder; a recorder that got no frame deletes its video and says {@code
 * "empty": true}. Every frame must have the first frame's size.
 *
 * <p>Encoding runs on one daemon thread per JVM ({@code tune4j-video-encoder}), so that the
 * sampler only renders and copies a frame; at most {@value #MAX_FRAMES_IN_FLIGHT} frames wait (about
 * 23 MB at 600x400), then {@link #captureFrame} waits for the encoder. {@link #closeAsync} lets the
 * video finish in the background; {@link #close} waits until both files are complete. The motion
 * search covers {@value #MOTION_SEARCH_RANGE} pixels (JCodec's default 16 halves the speed; the
 * classic envs move a few pixels a frame).
 *
 * <pre>{@code
 * try (VideoRecorder r = new VideoRecorder(Path.of("/tmp/cartpole"), 50, Map.of("episode_id", 0))) {
 *   Env env = Envs.make("CartPole-v0");
 *   env.reset();
 *   r.captureFrame(env.render());
 * }
 * }</pre>
 */
public final class VideoRecorder implements AutoCloseable {
  /** The encoder named in every {@code .meta.json}. */
  public static final Map<String, Object> ENCODER =
      Map.of("backend", "jcodec", "version", "0.2.5", "codec", "H.264", "container", "mp4");
  /** Frames captured but not yet encoded, across all recorders, before capturing waits. */
  public static final int MAX_FRAMES_IN_FLIGHT = 32;
  /** The H.264 motion search range in pixels. */
  public static final int MOTION_SEARCH_RANGE = 4;

  private static final ExecutorService ENCODER_THREAD = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "tune4j-video-encoder");
    t.setDaemon(true);
    return t;
  });
  private static final Semaphore IN_FLIGHT = new Semaphore(MAX_FRAMES_IN_FLIGHT);

  private final Path video;
  private final Path metadataPath;
  private final int fps;
  private final Map<String, Object> metadata;
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
  private int frames;
  private int width;
  private int height;
  private boolean closing;
  // Encoder-thread state.
  private SeekableByteChannel channel;
  private SinkImpl sink;
  private H264Encoder encoder;
  private RgbToYuv420j toYuv;
  private Picture yuv;
  private ByteBuffer buffer;
  private VideoCodecMeta meta;
  private int encoded;

  /**
   * A recorder writing {@code basePath + ".mp4"} and {@code basePath + ".meta.json"}.
   *
   * @param basePath the path without extension
   * @param fps frames per second of the video
   * @param metadata fields for the {@code .meta.json}
   * @throws IllegalArgumentException when {@code fps} is not positive
   */
  public VideoRecorder(Path basePath, int fps, Map<String, ?> metadata) {
    if (fps < 1) {
      throw new IllegalArgumentException("video frames per second must be >= 1, got " + fps);
    }
    this.video = Path.of(basePath + ".mp4");
    this.metadataPath = Path.of(basePath + ".meta.json");
    this.fps = fps;
    this.metadata = new LinkedHashMap<>(metadata);
  }

  /**
   * Queues one frame for encoding (waits while {@value #MAX_FRAMES_IN_FLIGHT} frames wait).
   *
   * @param frame the rendered image
   * @throws IllegalArgumentException when its size differs from the first frame's
   * @throws UncheckedIOException naming the video when an earlier frame could not be written
   */
  public void captureFrame(BufferedImage frame) {
    if (closing) {
      throw new IllegalStateException("the recorder of " + video + " is closed");
    }
    rethrowFailure();
    if (frames == 0) {
      width = frame.getWidth();
      height = frame.getHeight();
    } else if (frame.getWidth() != width || frame.getHeight() != height) {
      throw new IllegalArgumentException("frame " + frames + " of " + video + " is " + frame.getWidth() + "x"
          + frame.getHeight() + ", the video is " + width + "x" + height + ": every frame must have one size");
    }
    Picture rgb = AWTUtil.fromBufferedImageRGB(frame);
    int index = frames++;
    IN_FLIGHT.acquireUninterruptibly();
    tail = tail.handleAsync((v, failure) -> {
      try {
        if (failure != null) {
          throw failure instanceof CompletionException c ? c : new CompletionException(failure);
        }
        encode(rgb, index);
        return null;
      } finally {
        IN_FLIGHT.release();
      }
    }, ENCODER_THREAD);
  }

  private void encode(Picture rgb, int index) {
    try {
      if (sink == null) {
        Files.createDirectories(video.toAbsolutePath().getParent());
        channel = NIOUtils.writableChannel(video.toFile());
        sink = SinkImpl.createWithStream(channel, Format.MOV, Codec.H264, null);
        sink.init();
        encoder = H264Encoder.createH264Encoder();
        encoder.setMotionSearchRange(MOTION_SEARCH_RANGE);
        toYuv = new RgbToYuv420j();
        yuv = Picture.create(rgb.getWidth(), rgb.getHeight(), ColorSpace.YUV420J);
        buffer = ByteBuffer.allocate(encoder.estimateBufferSize(yuv));
        meta = VideoCodecMeta.createSimpleVideoCodecMeta(new Size(rgb.getWidth(), rgb.getHeight()), ColorSpace.YUV420J);
      }
      toYuv.transform(rgb, yuv);
      buffer.clear();
      VideoEncoder.EncodedFrame f = encoder.encodeFrame(yuv, buffer);
      Packet p = Packet.createPacket(NIOUtils.clone(f.getData()), index, fps, 1, index,
          f.isKeyFrame() ? Packet.FrameType.KEY : Packet.FrameType.INTER, null);
      sink.outputVideoPacket(p, meta);
      encoded++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the video " + video + ": " + e.getMessage(), e);
    }
  }

  private void finish() {
    try {
      if (sink != null) {
        sink.finish();
        NIOUtils.closeQuietly(channel);
        metadata.put("content_type", "video/mp4");
        metadata.put("encoder_version", ENCODER);
        metadata.put("frames", encoded);
        metadata.put("frames_per_second", fps);
        metadata.put("width", width);
        metadata.put("height", height);
      } else {
        Files.deleteIfExists(video);
        metadata.put("empty", true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish the video " + video + ": " + e.getMessage(), e);
    }
    AtomicFiles.write(metadataPath, JsonText.toJson(metadata).getBytes(StandardCharsets.UTF_8));
  }

  private void rethrowFailure() {
    if (tail.isCompletedExceptionally()) {
      tail.join(); // throws the encoder's failure
    }
  }

  /**
   * How many frames were captured.
   *
   * @return the count
   */
  public int frames() {
    return frames;
  }

  /**
   * Whether the recorder makes a video (it captured at least one frame).
   *
   * @return true when the {@code .mp4} exists once the recorder is closed
   */
  public boolean functional() {
    return frames > 0;
  }

  /**
   * The video file.
   *
   * @return {@code BASE.mp4}
   */
  public Path path() {
    return video;
  }

  /**
   * The metadata file.
   *
   * @return {@code BASE.meta.json}
   */
  public Path metadataPath() {
    return metadataPath;
  }

  /**
   * Lets the video finish on the encoder thread.
   *
   * @return completes when the {@code .mp4} and {@code .meta.json} are written; exceptionally
   *     (an {@link UncheckedIOException} naming the file) when they could not be
   */
  public CompletableFuture<Void> closeAsync() {
    if (!closing) {
      closing = true;
      tail = tail.thenRunAsync(this::finish, ENCODER_THREAD);
    }
    return tail;
  }

  /**
   * Finishes the video and writes the metadata, waiting for both.
   *
   * @throws UncheckedIOException naming the file that could not be written
   */
  @Override
  public void close() {
    try {
      closeAsync().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
