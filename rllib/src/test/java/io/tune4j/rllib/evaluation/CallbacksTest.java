package io.tune4j.rllib.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.Callbacks;
import io.tune4j.rllib.env.VectorEnv;
import io.tune4j.rllib.evaluation.CartPoleRulePolicy.Rule;
import io.tune4j.rllib.policy.SampleBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallbacksTest {

  /** Records every hook call; computes the mean |pole angle| like the seed page's example. */
  public static final class Recording implements Callbacks {
    final List<String> events = new ArrayList<>();
    final Map<Long, Double> angleMeans = new HashMap<>();
    VectorEnv seenEnv;

    @Override
    public void onEpisodeStart(Episode e, VectorEnv env) {
      seenEnv = env;
      events.add("start " + e.episodeId());
      e.userData().put("angles", new ArrayList<Double>());
      assertEquals(0, e.length());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onEpisodeStep(Episode e, VectorEnv env) {
      events.add("step " + e.episodeId() + " " + e.length());
      ((List<Double>) e.userData().get("angles")).add((double) Math.abs(e.lastObservationFor()[2]));
      assertEquals(1.0, e.lastRewardFor());
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onEpisodeEnd(Episode e, VectorEnv env) {
      events.add("end " + e.episodeId() + " " + e.length());
      List<Double> a = (List<Double>) e.userData().get("angles");
      double mean = a.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      e.customMetrics().put("pole_angle", mean);
      angleMeans.put(e.episodeId(), mean);
    }

    @Override
    public void onPostprocessTraj(Episode e, SampleBatch post) {
      assertEquals(e.episodeId(), post.longs(SampleBatch.EPS_ID)[0]);
      events.add("post " + e.episodeId() + " " + post.count());
    }

    @Override
    public void onSampleEnd(SampleBatch batch) {
      events.add("sample_end " + batch.count());
    }
  }

  /** Not a Callbacks. */
  public static final class NotCallbacks {}

  /** No no-arg constructor. */
  public static final class NeedsArg implements Callbacks {
    public NeedsArg(int x) {}
  }

  @Test
  void hooksRunInOrderAndCustomMetricsReachEpisodeMetrics() {
    Recording cb = new Recording();
    Sampler s = SamplerTest.cartPole(new CartPoleRulePolicy(Rule.ANGLE), 2,
        SamplerTest.config(SamplerConfig.COMPLETE_EPISODES, 30), new NoFilter(), cb);
    SampleBatch b = s.sample();
    assertSame(s.env(), cb.seenEnv);
    assertEquals("sample_end " + b.count(), cb.events.get(cb.events.size() - 1));

    // per episode: start, step 1..L, post L, end L
    Map<Long, List<String>> perEpisode = new HashMap<>();
    for (String ev : cb.events) {
      String[] p = ev.split(" ");
      if (!p[0].equals("sample_end")) {
        perEpisode.computeIfAbsent(Long.parseLong(p[1]), k -> new ArrayList<>()).add(ev);
      }
    }
    List<EpisodeMetrics> metrics = s.pollMetrics();
    assertTrue(metrics.size() >= 2);
    int complete = 0;
    for (List<String> evs : perEpisode.values()) {
      String id = evs.get(0).split(" ")[1];
      assertEquals("start " + id, evs.get(0));
      int step = 1;
      int i = 1;
      for (; i < evs.size() && evs.get(i).startsWith("step"); i++, step++) {
        assertEquals("step " + id + " " + step, evs.get(i));
      }
      if (i < evs.size()) {
        int len = step - 1;
        assertEquals("post " + id + " " + len, evs.get(i));
        assertEquals("end " + id + " " + len, evs.get(i + 1));
        assertEquals(i + 2, evs.size());
        complete++;
      }
    }
    assertEquals(metrics.size(), complete);

    // the custom metric equals the mean |angle| of the episode's new_obs rows in the batch
    long[] ids = b.longs(SampleBatch.EPS_ID);
    float[] next = b.floats(SampleBatch.NEW_OBS);
    Map<Long, double[]> sums = new HashMap<>();
    for (int r = 0; r < ids.length; r++) {
      double[] acc = sums.computeIfAbsent(ids[r], k -> new double[2]);
      acc[0] += Math.abs(next[r * 4 + 2]);
      acc[1]++;
    }
    for (Map.Entry<Long, double[]> e : sums.entrySet()) {
      assertEquals(e.getValue()[0] / e.getValue()[1], cb.angleMeans.get(e.getKey()), 1e-6);
    }
    for (EpisodeMetrics m : metrics) {
      assertTrue(m.customMetrics().get("pole_angle") > 0);
    }
    Map<String, Object> summary = Metrics.summarizeEpisodes(metrics, metrics.size(), List.of());
    @SuppressWarnings("unchecked")
    Map<String, Double> cm = (Map<String, Double>) summary.get("custom_metrics");
    assertTrue(cm.containsKey("pole_angle_mean") && cm.containsKey("pole_angle_max"), cm.toString());
  }

  @Test
  void fromConfigResolvesInstancesClassNamesAndNull() {
    Recording r = new Recording();
    assertSame(r, Callbacks.fromConfig(r));
    assertSame(Callbacks.NONE, Callbacks.fromConfig(null));
    assertInstanceOf(Recording.class, Callbacks.fromConfig(Recording.class.getName()));
    assertInstanceOf(Recording.class, Callbacks.fromConfig(Recording.class));
  }

  @Test
  void fromConfigErrorsNameTheClass() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Callbacks.fromConfig("com.example.Missing"));
    assertEquals("callbacks: class 'com.example.Missing' not found on the classpath", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Callbacks.fromConfig(NotCallbacks.class.getName()));
    assertTrue(e.getMessage().contains(NotCallbacks.class.getName())
        && e.getMessage().contains("does not implement"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Callbacks.fromConfig(NeedsArg.class.getName()));
    assertTrue(e.getMessage().contains("no-argument constructor"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Callbacks.fromConfig(42));
    assertTrue(e.getMessage().contains("java.lang.Integer"), e.getMessage());
  }
}
