package io.tune4j.viewer.bench;

import io.tune4j.viewer.data.ResultsStore;
import io.tune4j.viewer.web.ResultsViewer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code bin/tune4j bench viewer [TRIALS [RESULTS]]}: writes an experiment of TRIALS trials
 * (default 500) with RESULTS results each (default 200), RLlib-shaped (nested {@code info}
 * stats, about 450 bytes a line), then prints what the viewer costs on it: the first full read,
 * a refresh with nothing new, a refresh after one new result per trial, the heap the data takes,
 * and the HTTP answers a browser asks for (experiment page, version poll, a 10-trial plot).
 */
public final class ViewerBenchmark {
  private ViewerBenchmark() {}

  /**
   * Entry point.
   *
   * @param args optional trial and result counts
   * @throws Exception when the temporary logdir cannot be written
   */
  public static void main(String[] args) throws Exception {
    int trials = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int results = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    Path root = Files.createTempDirectory("tune4j-viewer-bench");
    try {
      Path exp = Files.createDirectories(root.resolve("bench"));
      long bytes = 0;
      for (int t = 0; t < trials; t++) {
        Path dir = Files.createDirectories(exp.resolve(String.format(Locale.ROOT,
            "PPO_CartPole-v0_%d_lr=%s_2026-12-05_01-00-00abcd%04d", t, lr(t), t)));
        Files.writeString(dir.resolve("params.json"),
            "{\"env\": \"CartPole-v0\", \"lr\": " + lr(t) + ", \"num_sgd_iter\": " + (t % 4 + 1) + "}");
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("result.json"))) {
          for (int i = 1; i <= results; i++) {
            String line = line(t, i);
            w.write(line);
            bytes += line.length();
          }
        }
      }
      System.out.printf(Locale.ROOT, "viewer benchmark: %d trials x %d results, %.1f MB of result.json%n",
          trials, results, bytes / 1e6);

      ResultsStore store = new ResultsStore(root);
      long t0 = System.nanoTime();
      store.refresh();
      double cold = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "  first read            %8.3f s   (%.0f MB/s, %.0f results/s)%n",
          cold, bytes / 1e6 / cold, trials * (double) results / cold);
      double[] idle = new double[15];
      for (int k = 0; k < idle.length; k++) {
        long s = System.nanoTime();
        store.refresh();
        idle[k] = (System.nanoTime() - s) / 1e6;
      }
      System.out.printf(Locale.ROOT, "  refresh, nothing new  %8.2f ms  (median of %d; %.1f µs per trial)%n",
          median(idle), idle.length, median(idle) * 1e3 / trials);
      java.util.List<Path> dirs = store.experiment("bench").trials().stream().map(x -> x.dir()).toList();
      double[] append = new double[7];
      for (int k = 0; k < append.length; k++) {
        for (int t = 0; t < trials; t++) {
          Files.writeString(dirs.get(t).resolve("result.json"), line(t, results + 1 + k), StandardOpenOption.APPEND);
        }
        long s = System.nanoTime();
        store.refresh();
        append[k] = (System.nanoTime() - s) / 1e6;
      }
      System.out.printf(Locale.ROOT, "  refresh, 1 new result per trial %6.2f ms  (median of %d; %.1f µs per trial)%n",
          median(append), append.length, median(append) * 1e3 / trials);
      results += append.length;
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      System.out.printf(Locale.ROOT, "  heap in use with the data read: %.0f MB (%.0f bytes per result)%n",
          heap / 1e6, heap / (trials * (double) results));

      try (ResultsViewer viewer = ResultsViewer.start(root, "127.0.0.1", 0)) {
        HttpClient http = HttpClient.newHttpClient();
        StringBuilder ten = new StringBuilder();
        store.refresh();
        for (int t = 0; t < Math.min(10, trials); t++) {
          ten.append("&trial=").append(URLEncoder.encode(store.experiment("bench").trials().get(t).dir().getFileName()
              .toString(), StandardCharsets.UTF_8));
        }
        String[][] gets = {
          {"experiment page", "/experiments/bench"},
          {"version poll", "/api/version?exp=bench"},
          {"plot.png, 10 trials", "/experiments/bench/plot.png?metric=episode_reward_mean" + ten},
          {"plot.png, all trials", "/experiments/bench/plot.png?metric=episode_reward_mean"},
        };
        for (String[] g : gets) {
          double[] ms = new double[7];
          long size = 0;
          for (int k = 0; k < ms.length; k++) {
            long a = System.nanoTime();
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(viewer.uri().resolve(g[1])).build(),
                HttpResponse.BodyHandlers.ofByteArray());
            ms[k] = (System.nanoTime() - a) / 1e6;
            if (r.statusCode() != 200) {
              throw new IllegalStateException(g[1] + " answered " + r.statusCode());
            }
            size = r.body().length;
          }
          System.out.printf(Locale.ROOT, "  GET %-22s %8.2f ms  (median of %d, %d KB)%n", g[0], median(ms), ms.length,
              size / 1024);
        }
      }
    } finally {
      try (Stream<Path> s = Files.walk(root)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String lr(int t) {
    return new double[] {1e-4, 3e-4, 1e-3, 3e-3, 1e-2}[t % 5] + "";
  }

  private static String line(int t, int i) {
    double r = 200 * (1 - Math.exp(-i / (20.0 + t % 50)));
    return String.format(Locale.ROOT,
        "{\"episode_reward_max\": 200.0, \"episode_reward_min\": %.1f, \"episode_reward_mean\": %.4f, "
            + "\"episode_len_mean\": %.4f, \"episodes_this_iter\": %d, \"info\": {\"learner\": {\"default_policy\": "
            + "{\"cur_lr\": 0.0003, \"total_loss\": %.5f, \"policy_loss\": %.5f, \"vf_loss\": %.5f, \"kl\": %.5f, "
            + "\"entropy\": %.5f}}, \"num_steps_sampled\": %d}, \"timesteps_total\": %d, \"time_total_s\": %.3f, "
            + "\"training_iteration\": %d, \"done\": false, \"trial_id\": \"%08x\", \"date\": \"2026-12-05_01-00-00\"}%n",
        r / 3, r, r, 4000 / Math.max(1, (int) r), 1.0 / i, -0.01 / i, 10.0 / i, 0.01 / i, 0.69 - i * 1e-3,
        i * 4000, i * 4000, i * 0.21, i, t);
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c[c.length / 2];
  }
}
