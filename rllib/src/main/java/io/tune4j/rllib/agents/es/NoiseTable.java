package io.tune4j.rllib.agents.es;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * ES's shared noise table (RLlib's {@code SharedNoiseTable}): {@code noise_size} standard-normal
 * floats drawn once from a fixed seed; a perturbation is the slice {@code [i, i + dim)} at an index
 * the worker draws, so only indices travel between workers and driver. The driver puts the table
 * in Ray's object store once; each JVM decodes it once ({@link #shared}): {@code 4 × noise_size}
 * bytes per process (1 GB for RLlib's 250M default, 100 MB for the CartPole example's 25M).
 *
 * <p>The table is filled in chunks of 2^20 floats, each from its own {@link SplittableRandom}
 * split off the seed's, so it is the same whatever the number of threads that fill it.
 */
public final class NoiseTable {
  /** RLlib's seed for the table. */
  public static final long SEED = 123;

  private static final int CHUNK = 1 << 20;
  private static final Map<String, NoiseTable> SHARED = new ConcurrentHashMap<>();

  private final float[] noise;

  private NoiseTable(float[] noise) {
    this.noise = noise;
  }

  /** A table of {@code size} floats from {@code seed}. */
  public static NoiseTable create(int size, long seed) {
    if (size < 1) {
      throw new IllegalArgumentException("noise_size must be >= 1, got " + size);
    }
    float[] noise = new float[size];
    int chunks = (size + CHUNK - 1) / CHUNK;
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom[] rngs = new SplittableRandom[chunks];
    for (int c = 0; c < chunks; c++) {
      rngs[c] = root.split();
    }
    IntStream.range(0, chunks).parallel().forEach(c -> {
      SplittableRandom r = rngs[c];
      int end = Math.min(size, (c + 1) * CHUNK);
      for (int i = c * CHUNK; i < end; i++) {
        noise[i] = (float) r.nextGaussian();
      }
    });
    return new NoiseTable(noise);
  }

  /** The table as little-endian float bytes (for the object store). */
  public byte[] encode() {
    ByteBuffer b = ByteBuffer.allocate(noise.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(noise);
    return b.array();
  }

  /** Decodes {@link #encode()}'s bytes. */
  public static NoiseTable decode(byte[] bytes) {
    float[] noise = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(noise);
    return new NoiseTable(noise);
  }

  /**
   * This JVM's copy of the shared table {@code id}: decoded from {@code bytes} on first use, the
   * same instance afterwards (the embedded mode's workers share one).
   */
  public static NoiseTable shared(String id, byte[] bytes) {
    return SHARED.computeIfAbsent(id, k -> decode(bytes));
  }

  /** Registers this table as the shared table {@code id} of this JVM. */
  NoiseTable share(String id) {
    SHARED.put(id, this);
    return this;
  }

  /** Forgets the shared table {@code id} in this JVM. */
  static void unshare(String id) {
    SHARED.remove(id);
  }

  /** The number of floats. */
  public int size() {
    return noise.length;
  }

  /** Noise value {@code i}. */
  public float get(int i) {
    return noise[i];
  }

  /** A uniformly drawn start index of a {@code dim}-long slice (RLlib's {@code sample_index}). */
  public int sampleIndex(Random rng, int dim) {
    if (dim > noise.length) {
      throw new IllegalArgumentException("ES: the policy has " + dim + " parameters but 'noise_size' is only "
          + noise.length + "; raise noise_size to at least " + dim);
    }
    return rng.nextInt(noise.length - dim + 1);
  }

  /** {@code out[j] = base[j] + scale · noise[index + j]}. */
  public void perturb(float[] base, int index, double scale, float[] out) {
    for (int j = 0; j < base.length; j++) {
      out[j] = (float) (base[j] + scale * noise[index + j]);
    }
  }

  /** {@code acc[j] += w · noise[index + j]}. */
  public void addScaled(int index, double w, double[] acc) {
    for (int j = 0; j < acc.length; j++) {
      acc[j] += w * noise[index + j];
    }
  }
}
