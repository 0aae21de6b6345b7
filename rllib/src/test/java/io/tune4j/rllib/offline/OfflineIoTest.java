package io.tune4j.rllib.offline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.pg.PgPolicy;
import io.tune4j.rllib.agents.pg.PgTrainer;
import io.tune4j.rllib.env.Box;
import io.tune4j.rllib.env.Discrete;
import io.tune4j.rllib.policy.SampleBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineIoTest {
  @TempDir Path dir;

  static SampleBatch batch(long eps, int n) {
    float[] obs = new float[n * 3];
    for (int i = 0; i < obs.length; i++) {
      obs[i] = i * 0.25f - 1.5f;
    }
    float[] act = new float[n];
    float[] rew = new float[n];
    float[] dones = new float[n];
    float[] logp = new float[n];
    long[] ids = new long[n];
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      act[i] = i % 2;
      rew[i] = 1f;
      logp[i] = (float) Math.log(0.5);
      ids[i] = eps;
      t[i] = i;
    }
    dones[n - 1] = 1f;
    return new SampleBatch().putFloats(SampleBatch.OBS, 3, obs).putFloats(SampleBatch.NEW_OBS, 3, obs.clone())
        .putFloats(SampleBatch.ACTIONS, 1, act).putFloats(SampleBatch.REWARDS, 1, rew)
        .putFloats(SampleBatch.DONES, 1, dones).putFloats(SampleBatch.ACTION_LOGP, 1, logp)
        .putLongs(SampleBatch.EPS_ID, ids).putLongs(SampleBatch.T, t);
  }

  @Test
  void writtenBatchesReadBackEqualWithAndWithoutCompression() throws Exception {
    for (Set<String> compress : List.of(Set.<String>of(), Set.of("obs", "new_obs"))) {
      Path out = dir.resolve("c" + compress.size());
      List<SampleBatch> written = List.of(batch(7, 5), batch(9, 3));
      try (JsonWriter w = new JsonWriter(out, 2, 1 << 20, compress)) {
        written.forEach(w::write);
        assertTrue(w.currentFile().getFileName().toString().matches("output-\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d_worker-2_0\\.json"),
            w.currentFile().toString());
      }
      JsonReader r = new JsonReader(out.toString(), 1L);
      for (SampleBatch want : written) {
        SampleBatch got = r.next();
        assertEquals(want.columns(), got.columns());
        for (String col : want.columns()) {
          if (want.isLong(col)) {
            assertArrayEquals(want.longs(col), got.longs(col), col);
          } else {
            assertArrayEquals(want.floats(col), got.floats(col), col);
            assertEquals(want.width(col), got.width(col), col);
          }
        }
      }
      String line = Files.readAllLines(Files.list(out).findFirst().orElseThrow()).get(0);
      assertTrue(line.contains("\"dones\":[false,false,false,false,true]"), line);
      assertEquals(compress.isEmpty(), !line.contains("gzip_base64"), line);
    }
  }

  @Test
  void filesRollAtTheSizeLimitAndGlobsFindThem() throws Exception {
    try (JsonWriter w = new JsonWriter(dir, 1, 100, Set.of())) {
      for (int i = 0; i < 3; i++) {
        w.write(batch(i, 4));
      }
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.toList();
    }
    assertEquals(3, files.size(), "a new file once 100 bytes were written: " + files);
    assertEquals(3, JsonReader.resolve(dir + "/output-*_worker-1_*.json").size());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new JsonReader(dir + "/nothing-*.json", 1L));
    assertTrue(e.getMessage().contains("no files found matching"), e.getMessage());
  }

  @Test
  void aMalformedLineNamesTheFileAndLine() throws Exception {
    Path f = dir.resolve("bad.json");
    Files.writeString(f, JsonWriter.toJsonString(batch(1, 2)) + "\n\n{\"obs\": [[1,2,3]], \"rewards\": [\"x\"]}\n");
    JsonReader r = new JsonReader(f.toString(), 1L);
    assertEquals(2, r.next().count());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::next);
    assertTrue(e.getMessage().startsWith(f + ":3: column 'rewards' row 0 is not a number"), e.getMessage());
    Files.writeString(f, "{\"obs\": [[1,2,3]],\n");
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> new JsonReader(f.toString(), 1L).next());
    assertTrue(m.getMessage().startsWith(f + ":1: malformed JSON"), m.getMessage());
  }

  @Test
  void importanceSamplingEstimatesMatchAHandComputation() {
    var obs = new Box(new double[] {-2, -2, -2}, new double[] {2, 2, 2});
    Map<String, Object> c = new java.util.HashMap<>(new PgTrainer().mergeConfig(Map.of("seed", 1)));
    PgPolicy p = new PgPolicy(obs, new Discrete(2), c);
    SampleBatch ep = batch(3, 4); // behaviour prob 0.5 every step, rewards 1
    float[] pi = p.computeLogLikelihoods(ep);
    double g = 0.5;
    OffPolicyEstimator is = new OffPolicyEstimator("is", p, g);
    OffPolicyEstimator.Estimate e = is.estimate(ep);
    // over t < T-1 = 3: rho_t = prod_{k<=t} pi_k / 0.5
    double rho = 1;
    double vPrev = 0;
    double vIs = 0;
    for (int t = 0; t < 3; t++) {
      rho *= Math.exp(pi[t]) / 0.5;
      vPrev += Math.pow(g, t);
      vIs += rho * Math.pow(g, t);
    }
    assertEquals(vPrev, e.metrics().get("V_prev"), 1e-6);
    assertEquals(vIs, e.metrics().get("V_step_IS"), 1e-5);
    assertEquals(vIs / vPrev, e.metrics().get("V_gain_est"), 1e-5);
    // WIS on its first fragment: every rho_t divided by itself
    OffPolicyEstimator wis = new OffPolicyEstimator("wis", p, g);
    assertEquals(vPrev, wis.estimate(ep).metrics().get("V_step_WIS"), 1e-5);
    SampleBatch noProbs = ep.copy().remove(SampleBatch.ACTION_LOGP);
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> is.estimate(noProbs));
    assertTrue(x.getMessage().contains("\"input_evaluation\": []"), x.getMessage());
  }
}
