package io.tune4j.rllib.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tune4j.rllib.agents.pg.PgTrainer;
import io.tune4j.rllib.env.Env;
import io.tune4j.rllib.env.Envs;
import io.tune4j.rllib.env.ExternalEnv;
import io.tune4j.rllib.env.StepResult;
import io.tune4j.rllib.env.classic.CartPole;
import io.tune4j.rllib.serving.PolicyServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@code bin/tune4j bench serving}: a bounded load test of the {@link PolicyServer} on loopback.
 * 1,000 CartPole episodes run at once, each a client thread making blocking requests (START_EPISODE,
 * then GET_ACTION and LOG_RETURNS per step, END_EPISODE) over pooled keep-alive connections;
 * a PG trainer's rollout worker answers the actions (batched per poll). Prints GET_ACTION p50/p99
 * latency and requests/s, then ends by itself.
 */
public final class ServingBenchmark {
  private ServingBenchmark() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Entry point: {@code [episodes] [maxStepsPerEpisode]}, default 1000 and 50. */
  public static void main(String[] args) throws Exception {
    int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int maxSteps = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    CartPole probe = new CartPole();
    ExternalEnv env = new ExternalEnv(probe.actionSpace(), probe.observationSpace(), episodes).setTimeout(30_000);
    Envs.register("cartpole-serving-bench", ctx -> env);
    Map<String, Object> config = Map.of("num_workers", 0, "sample_batch_size", 1000, "seed", 1,
        "model", Map.of("fcnet_hiddens", List.of(64, 64)));
    try (PolicyServer server = PolicyServer.start(env, "127.0.0.1", 0);
        PgTrainer trainer = new PgTrainer(config, "cartpole-serving-bench")) {
      Thread sampler = new Thread(() -> {
        try {
          while (true) {
            trainer.workers().localWorker().sampleBatch();
          }
        } catch (RuntimeException e) {
          // the env closed: the benchmark is over
        }
      }, "bench-sampler");
      sampler.setDaemon(true);
      sampler.start();
      URI uri = URI.create(server.url() + "/");
      ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
      java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
      java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
      long t0 = System.nanoTime();
      List<Thread> clients = new ArrayList<>();
      for (int e = 0; e < episodes; e++) {
        int seed = e;
        Thread t = new Thread(() -> {
          try {
            Env cp = Envs.make("CartPole-v0");
            cp.seed(seed);
            Object obs = cp.reset();
            String eid = post(uri, Map.of("command", "START_EPISODE"), requests).get("episode_id").textValue();
            for (int step = 0; ; step++) {
              long s0 = System.nanoTime();
              int action = post(uri, Map.of("command", "GET_ACTION", "episode_id", eid, "observation", obs), requests)
                  .get("action").intValue();
              latencies.add(System.nanoTime() - s0);
              StepResult res = cp.step(action);
              obs = res.observation();
              post(uri, Map.of("command", "LOG_RETURNS", "episode_id", eid, "reward", res.reward()), requests);
              if (res.done() || step + 1 >= maxSteps) {
                post(uri, Map.of("command", "END_EPISODE", "episode_id", eid, "observation", obs), requests);
                break;
              }
            }
          } catch (Throwable x) {
            failure.compareAndSet(null, x);
          }
        }, "bench-client-" + e);
        t.setDaemon(true);
        clients.add(t);
      }
      clients.forEach(Thread::start);
      for (Thread t : clients) {
        t.join();
      }
      if (failure.get() != null) {
        throw new IllegalStateException("a client failed: " + failure.get(), failure.get());
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      long[] lat = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
      System.out.printf("== PolicyServer on loopback: %d concurrent CartPole episodes (up to %d steps each) ==%n",
          episodes, maxSteps);
      System.out.printf("%d requests in %.1f s: %.0f requests/s; %d GET_ACTION: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          requests.get(), secs, requests.get() / secs, lat.length, pct(lat, 0.50), pct(lat, 0.99),
          lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6);
    } finally {
      env.close();
    }
    System.exit(0);
  }

  private static double pct(long[] sorted, double p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
  }

  /** One blocking request over the JDK's HttpURLConnection (pooled keep-alive connections). */
  private static JsonNode post(URI uri, Map<String, Object> body, java.util.concurrent.atomic.AtomicLong count)
      throws java.io.IOException {
    java.net.HttpURLConnection c = (java.net.HttpURLConnection) uri.toURL().openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setConnectTimeout(10_000);
    c.setReadTimeout(60_000);
    byte[] bytes = JSON.writeValueAsBytes(body);
    c.setFixedLengthStreamingMode(bytes.length);
    try (java.io.OutputStream out = c.getOutputStream()) {
      out.write(bytes);
    }
    int status = c.getResponseCode();
    java.io.InputStream in = status == 200 ? c.getInputStream() : c.getErrorStream();
    byte[] reply = in.readAllBytes();
    in.close();
    count.incrementAndGet();
    if (status != 200) {
      throw new IllegalStateException("server answered " + status + ": " + new String(reply));
    }
    return JSON.readTree(reply);
  }
}
