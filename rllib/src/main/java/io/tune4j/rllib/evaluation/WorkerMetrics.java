package io.tune4j.rllib.evaluation;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one rollout worker reports per metrics poll: its finished episodes and sampler timings
 * (RLlib's {@code worker.get_metrics()}), with a compact {@code byte[]} codec for actor hops.
 *
 * <pre>{@code
 * byte[] wire = new WorkerMetrics(sampler.pollMetrics(), sampler.pollPerf()).encode();  // worker
 * WorkerMetrics m = WorkerMetrics.decode(wire);                                          // driver
 * }</pre>
 *
 * @param episodes metrics of the episodes finished since the previous poll
 * @param perf sampler timings since the previous poll
 */
public record WorkerMetrics(List<EpisodeMetrics> episodes, SamplerPerf perf,
    List<io.tune4j.rllib.offline.OffPolicyEstimator.Estimate> estimates) {
  private static final int MAGIC = 0x45504d32; // "EPM2"

  /** Copies the lists; a null perf becomes {@link SamplerPerf#EMPTY}. */
  public WorkerMetrics {
    episodes = List.copyOf(episodes);
    perf = perf == null ? SamplerPerf.EMPTY : perf;
    estimates = estimates == null ? List.of() : List.copyOf(estimates);
  }

  /** A report without off-policy estimates. */
  public WorkerMetrics(List<EpisodeMetrics> episodes, SamplerPerf perf) {
    this(episodes, perf, List.of());
  }

  /** Encodes this report. */
  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 24 * episodes.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeLong(perf.steps());
      out.writeDouble(perf.meanEnvWaitMs());
      out.writeDouble(perf.meanProcessingMs());
      out.writeDouble(perf.meanInferenceMs());
      out.writeInt(episodes.size());
      for (EpisodeMetrics e : episodes) {
        out.writeInt(e.length());
        out.writeDouble(e.totalReward());
        writeMap(out, e.customMetrics());
        writeMap(out, e.agentRewards());
      }
      out.writeInt(estimates.size());
      for (io.tune4j.rllib.offline.OffPolicyEstimator.Estimate e : estimates) {
        out.writeUTF(e.name());
        writeMap(out, e.metrics());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes what {@link #encode()} produced.
   *
   * @throws IllegalArgumentException if the bytes are not such a report
   */
  public static WorkerMetrics decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw new IllegalArgumentException(
            "Not an encoded WorkerMetrics: magic 0x" + Integer.toHexString(magic));
      }
      SamplerPerf perf =
          new SamplerPerf(in.readLong(), in.readDouble(), in.readDouble(), in.readDouble());
      int n = in.readInt();
      if (n < 0) {
        throw new IllegalArgumentException("WorkerMetrics: negative episode count " + n);
      }
      List<EpisodeMetrics> eps = new ArrayList<>(Math.min(n, 1 << 16));
      for (int i = 0; i < n; i++) {
        int length = in.readInt();
        double reward = in.readDouble();
        eps.add(new EpisodeMetrics(length, reward, readMap(in), readMap(in)));
      }
      int k = in.readInt();
      List<io.tune4j.rllib.offline.OffPolicyEstimator.Estimate> est = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        est.add(new io.tune4j.rllib.offline.OffPolicyEstimator.Estimate(in.readUTF(), readMap(in)));
      }
      return new WorkerMetrics(eps, perf, est);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "WorkerMetrics: truncated or corrupt bytes (" + bytes.length + " bytes)", e);
    }
  }

  private static void writeMap(DataOutputStream out, Map<String, Double> m) throws IOException {
    out.writeInt(m.size());
    for (Map.Entry<String, Double> e : m.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeDouble(e.getValue());
    }
  }

  private static Map<String, Double> readMap(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("negative map size " + n);
    }
    if (n == 0) {
      return Map.of();
    }
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      m.put(in.readUTF(), in.readDouble());
    }
    return m;
  }
}
