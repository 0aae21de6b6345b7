package io.tune4j.viewer.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tune4j.tune.logger.JsonText;
import io.tune4j.viewer.charts.MetricChart;
import io.tune4j.viewer.data.ExperimentData;
import io.tune4j.viewer.data.ResultsStore;
import io.tune4j.viewer.data.TrialData;
import io.tune4j.viewer.data.UnsafePathException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jfree.chart.JFreeChart;

/**
 * The results viewer's web server: experiments, trial tables, plots and comparisons of a logdir,
 * read-only, updating live while a sweep writes. It binds the host it is given ({@code
 * 127.0.0.1} unless you choose otherwise); every experiment and trial name in a request is checked
 * against the logdir ({@code ..}, separators and absolute paths get HTTP 400).
 *
 * <pre>{@code
 * try (ResultsViewer viewer = ResultsViewer.start(Path.of("/tmp/ray_results"), "127.0.0.1", 0)) {
 *   System.out.println("open " + viewer.uri());
 *   Thread.sleep(60_000);
 * }
 * }</pre>
 */
public final class ResultsViewer implements AutoCloseable {
  /** Requests within this many milliseconds of a rescan share it. */
  static final long REFRESH_MILLIS = 500;
  private static final Map<String, String> STATIC = Map.of(
      "viewer.js", "text/javascript; charset=utf-8",
      "viewer.css", "text/css; charset=utf-8");

  private final ResultsStore store;
  private final Pages pages;
  private final HttpServer server;
  private final ExecutorService pool;

  private ResultsViewer(ResultsStore store, HttpServer server, ExecutorService pool) {
    this.store = store;
    this.pages = new Pages(store);
    this.server = server;
    this.pool = pool;
  }

  /**
   * Starts serving {@code logdir}.
   *
   * @param logdir the results root (or one experiment directory); it need not exist yet
   * @param host the address to bind, e.g. {@code 127.0.0.1}
   * @param port the port, or 0 for any free one
   * @return the running viewer; close it to stop
   * @throws UncheckedIOException naming the host and port when they cannot be bound
   */
  public static ResultsViewer start(Path logdir, String host, int port) {
    // The JDK server writes headers and body separately: with Nagle's algorithm on, a small answer
    // waits for the client's delayed ACK (40 ms a version poll, measured). Read once per JVM.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    ResultsStore store = new ResultsStore(logdir);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 64);
    } catch (BindException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
          + "): the port is taken or the address is not this machine's; choose another with --port or --host", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "tune4j-viewer-http");
      t.setDaemon(true);
      return t;
    });
    ResultsViewer viewer = new ResultsViewer(store, server, pool);
    server.createContext("/", viewer::handle);
    server.setExecutor(pool);
    server.start();
    return viewer;
  }

  /**
   * The address the viewer answers on.
   *
   * @return e.g. {@code http://127.0.0.1:8265/}
   */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + a.getPort() + "/");
  }

  /**
   * The port bound.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The data the viewer serves.
   *
   * @return the store
   */
  public ResultsStore store() {
    return store;
  }

  /** Stops serving; requests under way get up to one second to finish. */
  @Override
  public void close() {
    server.stop(1);
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().set("Allow", "GET, HEAD");
        throw new HttpError(405, method + " is not allowed: the viewer is read-only (GET, HEAD)");
      }
      URI uri = ex.getRequestURI();
      Query q = Query.parse(uri.getRawPath() == null ? "/" : uri.getRawPath(), uri.getRawQuery());
      route(ex, q);
    } catch (HttpError e) {
      sendError(ex, e.status(), e.getMessage());
    } catch (UnsafePathException e) {
      sendError(ex, 400, e.getMessage());
    } catch (RuntimeException e) {
      sendError(ex, 500, "the viewer failed on this request: " + e);
    } finally {
      ex.close();
    }
  }

  private void route(HttpExchange ex, Query q) throws IOException {
    List<String> p = q.path();
    if (p.isEmpty()) {
      page(ex, q, null);
      return;
    }
    switch (p.get(0)) {
      case "static" -> {
        if (p.size() != 2 || !STATIC.containsKey(p.get(1))) {
          throw new HttpError(404, "no such file");
        }
        try (InputStream in = ResultsViewer.class.getResourceAsStream(p.get(1))) {
          send(ex, 200, STATIC.get(p.get(1)), in.readAllBytes());
        }
      }
      case "experiments" -> {
        if (p.size() < 2) {
          throw new HttpError(404, "no page here: / lists the experiments");
        }
        UnsafePathException.check("experiment", p.get(1));
        page(ex, q, p);
      }
      case "api" -> api(ex, q);
      case "favicon.ico" -> send(ex, 204, "text/plain", new byte[0]);
      default -> throw new HttpError(404, "no page '" + String.join("/", p) + "'");
    }
  }

  private void page(HttpExchange ex, Query q, List<String> p) throws IOException {
    if (p != null && p.size() == 6 && p.get(2).equals("trials") && p.get(4).equals("videos")) {
      video(ex, p.get(1), p.get(3), p.get(5));
      return;
    }
    if (p != null && p.size() == 3 && (p.get(2).equals("plot.png") || p.get(2).equals("plot.svg"))) {
      plot(ex, q, p.get(1), MetricChart.Format.ofFileName(p.get(2)));
      return;
    }
    Pages.Page page;
    synchronized (store) {
      store.refreshIfOlderThan(REFRESH_MILLIS);
      if (p == null) {
        page = pages.experiments(q);
      } else {
        ExperimentData e = experiment(p.get(1));
        if (p.size() == 2) {
          page = pages.experiment(e, q);
        } else if (p.size() == 4 && p.get(2).equals("trials")) {
          page = pages.trial(e, trial(e, p.get(3)), q);
        } else if (p.size() == 3 && p.get(2).equals("compare")) {
          page = pages.compare(e, compared(e, q), q);
        } else {
          throw new HttpError(404, "no page '" + String.join("/", p) + "'");
        }
      }
    }
    String html = q.params().containsKey("partial") ? page.live() : page.html();
    send(ex, 200, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
  }

  private List<TrialData> compared(ExperimentData e, Query q) {
    List<TrialData> out = new ArrayList<>();
    for (String n : q.all("trial")) {
      out.add(trial(e, n));
    }
    if (out.size() < 2) {
      throw new HttpError(400, "name two or more trials to compare: ?trial=NAME&trial=NAME");
    }
    return out;
  }

  private ExperimentData experiment(String name) {
    ExperimentData e = store.experiment(name);
    if (e == null) {
      throw new HttpError(404, "no experiment '" + name + "' in " + store.logdir());
    }
    return e;
  }

  private static TrialData trial(ExperimentData e, String name) {
    TrialData t = e.trial(name);
    if (t == null) {
      throw new HttpError(404, "no trial '" + name + "' in experiment '" + e.name() + "'");
    }
    return t;
  }

  private void plot(HttpExchange ex, Query q, String expName, MetricChart.Format format) throws IOException {
    int w = q.intParam("w", 900, 200, 3000);
    int h = q.intParam("h", 420, 150, 2000);
    JFreeChart chart;
    synchronized (store) {
      store.refreshIfOlderThan(REFRESH_MILLIS);
      ExperimentData e = experiment(expName);
      String metric = q.get("metric", e.defaultMetric());
      String x = q.get("x", "training_iteration");
      List<TrialData> trials = new ArrayList<>();
      for (String n : q.all("trial")) {
        trials.add(trial(e, n));
      }
      if (trials.isEmpty()) {
        trials = e.trials();
      }
      chart = MetricChart.create(metric, x, MetricChart.curves(trials, metric, x));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MetricChart.write(chart, format, out, w, h);
    send(ex, 200, format.contentType(), out.toByteArray());
  }

  /**
   * A monitor video of a trial: only names the trial's directory listing shows as videos, with
   * single byte ranges (browsers fetch the MP4 index at the end of the file).
   */
  private void video(HttpExchange ex, String expName, String trialName, String name) throws IOException {
    Path file;
    synchronized (store) {
      store.refreshIfOlderThan(REFRESH_MILLIS);
      TrialData t = trial(experiment(expName), trialName);
      if (!t.videos().contains(name)) {
        throw new HttpError(404, "no video '" + name + "' in trial '" + trialName + "'");
      }
      file = t.dir().resolve(name);
    }
    long size = java.nio.file.Files.size(file);
    long from = 0;
    long to = size - 1;
    int status = 200;
    String range = ex.getRequestHeaders().getFirst("Range");
    java.util.regex.Matcher m = range == null ? null : java.util.regex.Pattern.compile("bytes=(\\d*)-(\\d*)").matcher(range.strip());
    if (m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
      if (m.group(1).isEmpty()) {
        from = Math.max(0, size - Long.parseLong(m.group(2))); // the last N bytes
      } else {
        from = Long.parseLong(m.group(1));
        to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
      }
      if (from > to || from >= size) {
        ex.getResponseHeaders().set("Content-Range", "bytes */" + size);
        throw new HttpError(416, "range " + range + " is outside the " + size + " bytes of " + name);
      }
      status = 206;
      ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + size);
    }
    ex.getResponseHeaders().set("Accept-Ranges", "bytes");
    headers(ex, "video/mp4");
    long length = to - from + 1;
    if (ex.getRequestMethod().equals("HEAD")) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, length);
    // Streamed from the file: a long recording never sits in memory whole.
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file);
        OutputStream out = ex.getResponseBody()) {
      java.nio.channels.WritableByteChannel sink = java.nio.channels.Channels.newChannel(out);
      long pos = from;
      while (pos <= to) {
        long n = ch.transferTo(pos, to - pos + 1, sink);
        if (n <= 0) {
          break; // the file got shorter while it was sent
        }
        pos += n;
      }
    }
  }

  private void api(HttpExchange ex, Query q) throws IOException {
    List<String> p = q.path();
    Object body;
    synchronized (store) {
      store.refreshIfOlderThan(REFRESH_MILLIS);
      if (p.size() == 2 && p.get(1).equals("version")) {
        String exp = q.get("exp", null);
        body = Map.of("version", exp == null ? store.version() : experiment(exp).version());
      } else if (p.size() == 2 && p.get(1).equals("experiments")) {
        List<Object> list = new ArrayList<>();
        for (ExperimentData e : store.experiments()) {
          list.add(summary(e));
        }
        body = list;
      } else if (p.size() == 3 && p.get(1).equals("experiments")) {
        ExperimentData e = experiment(p.get(2));
        Map<String, Object> m = summary(e);
        m.put("varied", e.variedParams());
        m.put("metrics", e.metrics());
        List<Object> trials = new ArrayList<>();
        for (TrialData t : e.trials()) {
          Map<String, Object> tm = new LinkedHashMap<>();
          tm.put("name", t.name());
          tm.put("status", t.status());
          tm.put("results", t.rows());
          tm.put("config", t.config());
          Map<String, Object> last = new LinkedHashMap<>();
          for (String metric : t.metrics()) {
            double v = t.last(metric);
            last.put(metric, Double.isFinite(v) ? v : null);
          }
          tm.put("last", last);
          tm.put("checkpoints", t.checkpoints().size());
          tm.put("error", t.errorText() != null);
          trials.add(tm);
        }
        m.put("trials", trials);
        body = m;
      } else {
        throw new HttpError(404, "no API '" + String.join("/", p) + "': /api/experiments, /api/experiments/NAME, /api/version[?exp=NAME]");
      }
    }
    send(ex, 200, "application/json", JsonText.toJson(body).getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, Object> summary(ExperimentData e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", e.name());
    m.put("dir", e.dir().toString());
    m.put("start_time", e.startTime() == null ? null : e.startTime().toString());
    m.put("trials", e.trials().size());
    m.put("status_counts", e.statusCounts());
    m.put("default_metric", e.defaultMetric());
    m.put("version", e.version());
    return m;
  }

  private static void sendError(HttpExchange ex, int status, String message) throws IOException {
    send(ex, status, "text/plain; charset=utf-8", (status + " " + message + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    headers(ex, type);
    boolean head = ex.getRequestMethod().equals("HEAD");
    if (status == 204 || head) {
      ex.sendResponseHeaders(status, -1);
      return;
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static void headers(HttpExchange ex, String type) {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().set("Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'");
  }
}
