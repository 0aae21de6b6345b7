package io.tune4j.rllib.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.rllib.agents.Trainer;
import io.tune4j.rllib.agents.ppo.PpoTrainer;
import io.tune4j.rllib.bench.RllibBenchmark;
import io.tune4j.rllib.env.Env;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.env.ExternalEnv;
import io.tune4j.rllib.env.StepResult;
import io.tune4j.rllib.env.classic.CartPole;
import io.tune4j.rllib.policy.SampleBatch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON PolicyServer on loopback: learning from HTTP only, bad requests, off-policy logging, checkpoints. */
class PolicyServerTest {

  static ExternalEnv cartPoleEnv(long timeoutMs) {
    CartPole probe = new CartPole();
    return new ExternalEnv(probe.actionSpace(), probe.observationSpace(), 100).setTimeout(timeoutMs);
  }

  static Map<String, Object> ppoConfig(int seed) {
    Map<String, Object> c = new LinkedHashMap<>(RllibBenchmark.fastPpo());
    c.put("num_workers", 0);
    c.put("num_envs_per_worker", 1);
    c.put("sample_batch_size", 200);
    c.put("seed", seed);
    return c;
  }

  /** Plays CartPole through {@code client} until {@code stop}; counts episodes. */
  static Thread player(PolicyClient client, long seed, AtomicBoolean stop, AtomicInteger episodes, boolean offPolicy) {
    Thread t = new Thread(() -> {
      Env env = Envs.make("CartPole-v0");
      env.seed(seed);
      Random rng = new Random(seed);
      try {
        while (!stop.get()) {
          String eid = client.startEpisode(null, true);
          Object obs = env.reset();
          while (true) {
            Object action;
            if (offPolicy) {
              action = rng.nextInt(2);
              client.logAction(eid, obs, action);
            } else {
              action = client.getAction(eid, obs);
            }
            StepResult s = env.step(action);
            obs = s.observation();
            client.logReturns(eid, s.reward(), Map.of("t", 1));
            if (s.done()) {
              client.endEpisode(eid, obs);
              break;
            }
          }
          episodes.incrementAndGet();
        }
      } catch (RuntimeException e) {
        if (!stop.get()) {
          throw e;
        }
      }
    }, "cartpole-client-" + seed);
    t.setDaemon(true);
    t.start();
    return t;
  }

  static HttpResponse<String> post(PolicyServer server, String body) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    return http.send(HttpRequest.newBuilder(URI.create(server.url() + "/")).POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  static void assertBad(PolicyServer server, String body, int status, String field) throws Exception {
    HttpResponse<String> r = post(server, body);
    assertEquals(status, r.statusCode(), body + " -> " + r.body());
    assertTrue(r.body().contains("\"error\""), r.body());
    if (field != null) {
      assertTrue(r.body().contains("\"field\":\"" + field + "\""), body + " -> " + r.body());
    }
  }

  @Test
  void badRequestsGetA400NamingTheField() throws Exception {
    ExternalEnv env = cartPoleEnv(300);
    try (PolicyServer server = PolicyServer.start(env, "127.0.0.1", 0)) {
      assertBad(server, "{not json", 400, null);
      assertBad(server, "[1, 2]", 400, null);
      assertBad(server, "{\"command\": \"FLY\"}", 400, "command");
      assertBad(server, "{\"observation\": [0, 0, 0, 0]}", 400, "command");
      assertBad(server, "{\"command\": \"GET_ACTION\", \"observation\": [0, 0, 0, 0]}", 400, "episode_id");
      assertBad(server, "{\"command\": \"GET_ACTION\", \"episode_id\": \"nope\", \"observation\": [0, 0, 0, 0]}", 400,
          "episode_id");
      assertBad(server, "{\"command\": \"START_EPISODE\", \"training_enabled\": \"yes\"}", 400, "training_enabled");
      String ok = post(server, "{\"command\": \"START_EPISODE\", \"episode_id\": \"e1\"}").body();
      assertTrue(ok.contains("\"episode_id\":\"e1\""), ok);
      assertBad(server, "{\"command\": \"START_EPISODE\", \"episode_id\": \"e1\"}", 400, "episode_id");
      assertBad(server, "{\"command\": \"GET_ACTION\", \"episode_id\": \"e1\", \"observation\": [0, 0, 0]}", 400,
          "observation");
      assertBad(server, "{\"command\": \"GET_ACTION\", \"episode_id\": \"e1\", \"observation\": [0, \"a\", 0, 0]}",
          400, "observation");
      assertBad(server, "{\"command\": \"GET_ACTION\", \"episode_id\": \"e1\", \"observation\": [99, 0, 0, 0]}", 400,
          "observation");
      assertBad(server, "{\"command\": \"LOG_ACTION\", \"episode_id\": \"e1\", \"observation\": [0, 0, 0, 0],"
          + " \"action\": 5}", 400, "action");
      assertBad(server, "{\"command\": \"LOG_RETURNS\", \"episode_id\": \"e1\", \"reward\": \"1\"}", 400, "reward");
      assertBad(server, "{\"command\": \"LOG_RETURNS\", \"episode_id\": \"e1\", \"reward\": 1, \"info\": 3}", 400,
          "info");
      // No trainer samples: the request times out with a 503 instead of hanging.
      assertBad(server, "{\"command\": \"GET_ACTION\", \"episode_id\": \"e1\", \"observation\": [0, 0, 0, 0]}", 503,
          null);
      assertEquals(405, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "/")).GET()
          .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals("{}", post(server, "{\"command\": \"END_EPISODE\", \"episode_id\": \"e1\","
          + " \"observation\": [0, 0, 0, 0]}").body());
      assertBad(server, "{\"command\": \"END_EPISODE\", \"episode_id\": \"e1\", \"observation\": [0, 0, 0, 0]}", 400,
          "episode_id");
    } finally {
      env.close();
    }
  }

  @Test
  @Tag("learning")
  void aTrainerLearnsCartPoleFromTwoHttpClients() throws Exception {
    ExternalEnv env = cartPoleEnv(5_000);
    Envs.register("cartpole-serving-test", ctx -> env);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger episodesA = new AtomicInteger();
    AtomicInteger episodesB = new AtomicInteger();
    try (PolicyServer server = PolicyServer.start(env, "127.0.0.1", 0);
        PpoTrainer trainer = new PpoTrainer(ppoConfig(1), "cartpole-serving-test")) {
      Thread a = player(new PolicyClient(server.url()), 1, stop, episodesA, false);
      Thread b = player(new PolicyClient(server.url()), 2, stop, episodesB, false);
      long t0 = System.nanoTime();
      double reward = 0;
      long steps = 0;
      int i = 0;
      while (reward < 100 && steps < 100_000) {
        Map<String, Object> r = trainer.train();
        reward = ((Number) r.get("episode_reward_mean")).doubleValue();
        steps = ((Number) r.get("timesteps_total")).longValue();
        if (++i == 2) { // bad requests in the middle of training change nothing
          assertBad(server, "{\"command\": \"GET_ACTION\", \"episode_id\": \"x\", \"observation\": [0, 0, 0, 0]}",
              400, "episode_id");
          assertBad(server, "{broken", 400, null);
        }
      }
      System.out.printf("PolicyServer PPO CartPole: reward %.1f after %d steps from HTTP, %.1f s; episodes %d + %d%n",
          reward, steps, (System.nanoTime() - t0) / 1e9, episodesA.get(), episodesB.get());
      assertTrue(reward >= 100, "reward " + reward + " after " + steps + " steps");
      assertTrue(episodesA.get() > 0 && episodesB.get() > 0, episodesA + " and " + episodesB + " episodes");
      stop.set(true);
      env.close();
      a.join(10_000);
      b.join(10_000);
    } finally {
      stop.set(true);
      env.close();
    }
  }

  @Test
  void loggedActionsAreTheActionsInTheBatch() throws Exception {
    ExternalEnv env = cartPoleEnv(5_000);
    Envs.register("cartpole-serving-offpolicy", ctx -> env);
    AtomicBoolean stop = new AtomicBoolean();
    try (PolicyServer server = PolicyServer.start(env, "127.0.0.1", 0);
        PpoTrainer trainer = new PpoTrainer(ppoConfig(3), "cartpole-serving-offpolicy")) {
      // The client logs uniformly random actions; record what it sent.
      List<Integer> sent = java.util.Collections.synchronizedList(new ArrayList<>());
      PolicyClient client = new PolicyClient(server.url());
      Thread t = new Thread(() -> {
        Env cp = Envs.make("CartPole-v0");
        Random rng = new Random(5);
        try {
          while (!stop.get()) {
            String eid = client.startEpisode(null, true);
            Object obs = cp.reset();
            while (true) {
              int action = rng.nextInt(2);
              client.logAction(eid, obs, action);
              sent.add(action);
              StepResult s = cp.step(action);
              obs = s.observation();
              client.logReturns(eid, s.reward(), null);
              if (s.done()) {
                client.endEpisode(eid, obs);
                break;
              }
            }
          }
        } catch (RuntimeException e) {
          if (!stop.get()) {
            throw e;
          }
        }
      });
      t.setDaemon(true);
      t.start();
      SampleBatch b = trainer.workers().localWorker().sampleBatch();
      stop.set(true);
      env.close();
      float[] actions = b.floats(SampleBatch.ACTIONS);
      assertTrue(actions.length >= 200, "a batch of sample_batch_size steps: " + actions.length);
      for (int i = 0; i < actions.length; i++) {
        assertEquals(sent.get(i).floatValue(), actions[i], "row " + i + ": the logged action");
      }
    } finally {
      stop.set(true);
      env.close();
    }
  }

  @Test
  void aServingTrainerCheckpointsAndRestores(@TempDir Path dir) {
    ExternalEnv env = cartPoleEnv(1_000);
    Envs.register("cartpole-serving-ckpt", ctx -> env);
    float[][] obs = {{0.1f, 0.5f, -0.05f, -0.3f}, {-0.2f, -0.4f, 0.1f, 0.6f}, {0.0f, 1.0f, 0.02f, -1.0f}};
    List<Object> before = new ArrayList<>();
    Path ckpt;
    try (Trainer a = new PpoTrainer(ppoConfig(1), "cartpole-serving-ckpt")) {
      ckpt = a.save(dir);
      for (float[] o : obs) {
        before.add(a.computeAction(o, false));
      }
    }
    try (Trainer b = new PpoTrainer(ppoConfig(2), "cartpole-serving-ckpt")) {
      byte[] fresh = b.getPolicy().getWeights();
      b.restore(ckpt);
      assertNotEquals(java.util.Arrays.hashCode(fresh), java.util.Arrays.hashCode(b.getPolicy().getWeights()));
      List<Object> after = new ArrayList<>();
      for (float[] o : obs) {
        after.add(b.computeAction(o, false));
      }
      assertEquals(before, after);
    } finally {
      env.close();
    }
  }

  @Test
  void aMultiAgentServerTakesActionsAndRewardsByAgent() throws Exception {
    CartPole probe = new CartPole();
    io.tune4j.rllib.env.ExternalMultiAgentEnv env =
        new io.tune4j.rllib.env.ExternalMultiAgentEnv(probe.actionSpace(), probe.observationSpace(), 10).setTimeout(5_000);
    Envs.registerMultiAgent("cartpole-serving-multi", ctx -> env);
    AtomicBoolean stop = new AtomicBoolean();
    try (PolicyServer server = PolicyServer.start(env, "127.0.0.1", 0);
        PpoTrainer trainer = new PpoTrainer(ppoConfig(4), "cartpole-serving-multi")) {
      assertTrue(post(server, "{\"command\": \"START_EPISODE\", \"episode_id\": \"m1\"}").body().contains("m1"));
      assertBad(server, "{\"command\": \"GET_ACTION\", \"episode_id\": \"m1\", \"observation\": [0, 0, 0, 0]}",
          400, "observation");
      assertBad(server, "{\"command\": \"LOG_RETURNS\", \"episode_id\": \"m1\", \"reward\": 1}", 400, "reward");
      PolicyClient client = new PolicyClient(server.url());
      AtomicInteger steps = new AtomicInteger();
      Thread t = new Thread(() -> {
        Env a = Envs.make("CartPole-v0");
        Env b = Envs.make("CartPole-v0");
        try {
          while (!stop.get()) {
            String eid = client.startEpisode(null, true);
            Map<String, Object> obs = new LinkedHashMap<>(); // car_a first: agent index 0
            obs.put("car_a", a.reset());
            obs.put("car_b", b.reset());
            while (true) {
              @SuppressWarnings("unchecked")
              Map<String, Object> act = (Map<String, Object>) client.getAction(eid, obs);
              StepResult ra = a.step(((Number) act.get("car_a")).intValue());
              StepResult rb = b.step(((Number) act.get("car_b")).intValue());
              steps.incrementAndGet();
              client.logReturns(eid, Map.of("car_a", ra.reward(), "car_b", 2 * rb.reward()), null);
              obs = new LinkedHashMap<>();
              obs.put("car_a", ra.observation());
              obs.put("car_b", rb.observation());
              if (ra.done() || rb.done()) {
                client.endEpisode(eid, obs);
                break;
              }
            }
          }
        } catch (RuntimeException e) {
          if (!stop.get()) {
            throw e;
          }
        }
      });
      t.setDaemon(true);
      t.start();
      io.tune4j.rllib.policy.MultiAgentBatch batch = trainer.workers().localWorker().sample();
      stop.set(true);
      env.close();
      SampleBatch b = batch.policyBatches().get("default_policy");
      long[] agents = b.longs(SampleBatch.AGENT_INDEX);
      float[] rewards = b.floats(SampleBatch.REWARDS);
      java.util.Set<Long> seen = new java.util.HashSet<>();
      double sumA = 0;
      double sumB = 0;
      for (int i = 0; i < agents.length; i++) {
        seen.add(agents[i]);
        if (agents[i] == 0) {
          sumA += rewards[i];
        } else {
          sumB += rewards[i];
        }
      }
      assertEquals(java.util.Set.of(0L, 1L), seen, "rows of both agents");
      assertEquals(2 * sumA, sumB, 1e-6, "car_b's rewards are twice car_a's, row for row");
      assertTrue(steps.get() > 0);
    } finally {
      stop.set(true);
      env.close();
    }
  }
}
