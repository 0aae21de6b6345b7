package io.tune4j.rllib.agents.es;

import io.tune4j.rllib.env.EnvContext;
import io.tune4j.rllib.env.VectorEnv;
import io.tune4j.rllib.evaluation.ObservationFilter;
import io.tune4j.rllib.evaluation.ObservationFilters;
import io.tune4j.rllib.evaluation.RolloutWorker;
import io.tune4j.rllib.models.Preprocessor;
import io.tune4j.rllib.models.Preprocessors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * An ES worker (RLlib 2019's {@code es.Worker}), hosted by an actor: given the current parameters
 * θ it runs {@code pairs} antithetic pairs of rollouts with θ + σε and θ − σε for slices ε of the
 * shared {@link NoiseTable} at indices it draws, each loop being with probability {@code eval_prob}
 * an unperturbed evaluation rollout instead. Only the indices and returns go back to the driver.
 *
 * <p>RLlib's worker loops for at least 0.2 s ({@code min_task_runtime}) instead of a number of
 * pairs; rollouts here are fast enough that 0.2 s made iterations of ~100,000 steps (a handful of
 * updates within CartPole's 400k-step bar) and made the batch depend on the machine's speed. A
 * count keeps iterations at {@code episodes_per_batch} episodes and a seeded run reproducible.
 */
public final class EsWorker {

  /**
   * What a worker needs to build itself.
   *
   * @param config the merged ES config
   * @param workerIndex 1..num_workers
   * @param noiseId the shared noise table's object id
   */
  public record Setup(Map<String, Object> config, int workerIndex, String noiseId) implements Serializable {}

  /**
   * One call's rollouts.
   *
   * @param noiseIndices the noise slice of each antithetic pair
   * @param returns returns of θ+σε and θ−σε per pair (2 per pair)
   * @param lengths lengths of the two rollouts per pair
   * @param evalReturns returns of unperturbed rollouts
   * @param evalLengths their lengths
   */
  public record Result(int[] noiseIndices, float[] returns, int[] lengths, float[] evalReturns, int[] evalLengths) {

    /** Encodes for the actor reply. */
    public byte[] encode() {
      ByteArrayOutputStream bo = new ByteArrayOutputStream(16 + 16 * noiseIndices.length);
      try (DataOutputStream o = new DataOutputStream(bo)) {
        o.writeInt(noiseIndices.length);
        for (int i = 0; i < noiseIndices.length; i++) {
          o.writeInt(noiseIndices[i]);
          o.writeFloat(returns[2 * i]);
          o.writeFloat(returns[2 * i + 1]);
          o.writeInt(lengths[2 * i]);
          o.writeInt(lengths[2 * i + 1]);
        }
        o.writeInt(evalReturns.length);
        for (int i = 0; i < evalReturns.length; i++) {
          o.writeFloat(evalReturns[i]);
          o.writeInt(evalLengths[i]);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bo.toByteArray();
    }

    /** Decodes {@link #encode()}. */
    public static Result decode(byte[] bytes) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
        int n = in.readInt();
        int[] idx = new int[n];
        float[] ret = new float[2 * n];
        int[] len = new int[2 * n];
        for (int i = 0; i < n; i++) {
          idx[i] = in.readInt();
          ret[2 * i] = in.readFloat();
          ret[2 * i + 1] = in.readFloat();
          len[2 * i] = in.readInt();
          len[2 * i + 1] = in.readInt();
        }
        int m = in.readInt();
        float[] er = new float[m];
        int[] el = new int[m];
        for (int i = 0; i < m; i++) {
          er[i] = in.readFloat();
          el[i] = in.readInt();
        }
        return new Result(idx, ret, len, er, el);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private NoiseTable noise;
  private VectorEnv env;
  private Preprocessor preprocessor;
  private ObservationFilter filter;
  private EsPolicy policy;
  private Random rng;
  private double noiseStdev;
  private double evalProb;
  private int horizon;
  private float[] obs;

  /** An empty worker; {@link #setup} builds it. */
  public EsWorker() {}

  /** Builds env, policy and filter; {@code noiseBytes} is the shared noise table. */
  @SuppressWarnings("unchecked")
  public void setup(byte[] noiseBytes, Setup s) {
    Thread.currentThread().setName("es-worker " + s.workerIndex());
    Map<String, Object> c = s.config();
    noise = NoiseTable.shared(s.noiseId(), noiseBytes);
    Map<String, Object> envConfig = (Map<String, Object>) c.getOrDefault("env_config", Map.of());
    env = RolloutWorker.makeEnv(c.get("env"), new EnvContext(envConfig, s.workerIndex(), 0), 1);
    Long seed = c.get("seed") instanceof Number n ? n.longValue() + s.workerIndex() : null;
    if (seed != null) {
      env.env(0).seed(seed);
    }
    rng = seed != null ? new Random(seed) : new Random();
    preprocessor = Preprocessors.get(env.observationSpace());
    filter = ObservationFilters.create(String.valueOf(c.get("observation_filter")), preprocessor.size());
    java.util.Map<String, Object> pc = new java.util.HashMap<>(c);
    pc.put("seed", seed);
    policy = new EsPolicy(env.observationSpace(), env.actionSpace(), pc);
    noiseStdev = ((Number) c.get("noise_stdev")).doubleValue();
    evalProb = ((Number) c.get("eval_prob")).doubleValue();
    horizon = c.get("horizon") instanceof Number h ? h.intValue() : Integer.MAX_VALUE;
    obs = new float[preprocessor.size()];
  }

  /** RLlib's {@code do_rollouts} with {@code pairs} antithetic pairs: returns an encoded {@link Result}. */
  public byte[] doRollouts(byte[] params, Integer pairs) {
    float[] theta = new float[params.length / 4];
    ByteBuffer.wrap(params).asFloatBuffer().get(theta);
    if (theta.length != policy.numParams()) {
      throw new IllegalArgumentException("ES worker got " + theta.length + " parameters for a model of "
          + policy.numParams());
    }
    List<Integer> indices = new ArrayList<>();
    List<float[]> returns = new ArrayList<>();
    List<int[]> lengths = new ArrayList<>();
    List<float[]> evals = new ArrayList<>();
    float[] perturbed = new float[theta.length];
    while (indices.size() < Math.max(1, pairs)) {
      if (rng.nextDouble() < evalProb) {
        policy.setParams(theta);
        float[] r = rollout(false);
        evals.add(r);
      } else {
        int index = noise.sampleIndex(rng, theta.length);
        noise.perturb(theta, index, noiseStdev, perturbed);
        policy.setParams(perturbed);
        float[] pos = rollout(true);
        noise.perturb(theta, index, -noiseStdev, perturbed);
        policy.setParams(perturbed);
        float[] neg = rollout(true);
        indices.add(index);
        returns.add(new float[] {pos[0], neg[0]});
        lengths.add(new int[] {(int) pos[1], (int) neg[1]});
      }
    }
    int n = indices.size();
    int[] idx = new int[n];
    float[] ret = new float[2 * n];
    int[] len = new int[2 * n];
    for (int i = 0; i < n; i++) {
      idx[i] = indices.get(i);
      ret[2 * i] = returns.get(i)[0];
      ret[2 * i + 1] = returns.get(i)[1];
      len[2 * i] = lengths.get(i)[0];
      len[2 * i + 1] = lengths.get(i)[1];
    }
    float[] er = new float[evals.size()];
    int[] el = new int[evals.size()];
    for (int i = 0; i < er.length; i++) {
      er[i] = evals.get(i)[0];
      el[i] = (int) evals.get(i)[1];
    }
    return new Result(idx, ret, len, er, el).encode();
  }

  /** One episode (up to {@code horizon} steps): {return, length}. Updates the filter as RLlib does. */
  private float[] rollout(boolean addNoise) {
    env.resetAll();
    double total = 0;
    int t = 0;
    while (t < horizon) {
      preprocessor.transformRow(env.observations(), 0, obs, 0);
      filter.apply(obs, 0, true);
      double[] a = policy.act(obs, 1, true, addNoise, rng);
      env.step(a);
      total += env.rewards()[0];
      t++;
      if (env.dones()[0]) {
        break;
      }
    }
    return new float[] {(float) total, t};
  }

  /** This worker's filter changes since the last flush (then cleared). */
  public byte[] flushFilter() {
    return filter.flushBuffer();
  }

  /** Replaces the filter's state with the driver's. */
  public void setFilterState(byte[] state) {
    filter.setState(state);
  }

  /** Closes the env and drops the noise table. */
  public void close() {
    noise = null;
    policy = null;
    if (env != null) {
      env.close();
      env = null;
    }
  }
}
