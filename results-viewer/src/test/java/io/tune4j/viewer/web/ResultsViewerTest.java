package io.tune4j.viewer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tune4j.tune.logger.JsonText;
import io.tune4j.viewer.Sweeps;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsViewerTest {
  @TempDir static Path dir;
  static ResultsViewer viewer;
  static HttpClient http = HttpClient.newHttpClient();
  static List<String> trials;

  @BeforeAll
  static void start() throws Exception {
    Sweeps.quadratic(dir, "quad");
    viewer = ResultsViewer.start(dir, "127.0.0.1", 0);
    try (Stream<Path> s = Files.list(dir.resolve("quad"))) {
      trials = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @AfterAll
  static void stop() {
    viewer.close();
  }

  static HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(viewer.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Sends a request line as written, without a client's normalization. */
  static String raw(String requestLine) throws Exception {
    try (Socket s = new Socket("127.0.0.1", viewer.port())) {
      OutputStream out = s.getOutputStream();
      out.write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void bindsLoopbackAndListsTheExperiment() throws Exception {
    assertEquals("127.0.0.1", viewer.uri().getHost());
    HttpResponse<byte[]> r = get("/");
    assertEquals(200, r.statusCode());
    String html = text(r);
    assertTrue(html.contains("data-experiment=\"quad\""), html);
    assertTrue(html.contains("2 TERMINATED") && html.contains("1 ERROR"), "trials per state");
    assertTrue(html.contains("mean_loss (min)"), "the default metric and its mode");
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
  }

  @Test
  void theExperimentPageHasATrialTableWithVariedParamsAndTheBestTrialMarked() throws Exception {
    String html = text(get("/experiments/quad"));
    assertTrue(html.contains("data-key=\"p:lr\""), "lr varies: a column");
    assertFalse(html.contains("data-key=\"p:momentum\""), "momentum does not vary");
    for (String t : trials) {
      assertTrue(html.contains("data-trial=\"" + t + "\""), t);
    }
    int best = html.indexOf("class=\"best\"");
    assertTrue(best > 0);
    assertTrue(html.substring(html.lastIndexOf("<tr", best), best + 200).contains("lr=1.0"), "lowest mean_loss is lr 1.0");
    String partial = text(get("/experiments/quad?partial=1"));
    assertTrue(partial.startsWith("<p class=\"states\">") && !partial.contains("<html"), "the live part alone");
  }

  @Test
  void trialAndComparisonPagesShowConfigResultsCheckpointsAndErrors() throws Exception {
    String errored = trials.stream().filter(t -> t.contains("lr=1.0")).findFirst().orElseThrow();
    String html = text(get("/experiments/quad/trials/" + enc(errored)));
    assertTrue(html.contains("diverged at lr=1.0"), "the error text");
    assertTrue(html.contains("id=\"checkpoints\""), "its checkpoints");
    assertTrue(html.contains("<th>momentum</th><td>0.9</td>"), "its config");
    String cmp = text(get("/experiments/quad/compare?trial=" + enc(trials.get(0)) + "&trial=" + enc(trials.get(1))));
    assertTrue(cmp.contains("<tr class=\"diff\"><th>lr</th>"), "lr differs");
    assertTrue(cmp.contains("<tr><th>momentum</th>"), "momentum is the same, not highlighted");
    assertTrue(cmp.contains("data-metric=\"mean_loss\""));
    String plot = cmp.substring(cmp.indexOf("data-base=\""), cmp.indexOf("\"", cmp.indexOf("data-base=\"") + 11));
    assertTrue(plot.contains("&amp;trial=" + enc(trials.get(0)).replace("+", "%20"))
        && plot.contains("&amp;trial=" + enc(trials.get(1)).replace("+", "%20")), "the plot shows both trials: " + plot);
    assertEquals(400, get("/experiments/quad/compare?trial=" + enc(trials.get(0))).statusCode(), "one trial is no comparison");
  }

  @Test
  void plotsArePngAndSvg() throws Exception {
    HttpResponse<byte[]> png = get("/experiments/quad/plot.png?metric=mean_accuracy&x=timesteps_total&w=500&h=300&trial="
        + enc(trials.get(0)));
    assertEquals(200, png.statusCode());
    assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png.body()));
    assertEquals(500, img.getWidth());
    HttpResponse<byte[]> svg = get("/experiments/quad/plot.svg");
    assertEquals("image/svg+xml", svg.headers().firstValue("Content-Type").orElse(""));
    assertTrue(text(svg).contains("<svg"));
    assertEquals(400, get("/experiments/quad/plot.png?w=99999").statusCode());
    assertEquals(404, get("/experiments/quad/plot.png?trial=nope").statusCode());
  }

  @Test
  void theApiAnswersJsonAndTheVersionMovesWhenResultsArrive() throws Exception {
    Map<String, Object> exp = JsonText.parseObject(text(get("/api/experiments/quad")));
    assertEquals(List.of("lr"), exp.get("varied"));
    assertEquals(3, ((List<?>) exp.get("trials")).size());
    long v1 = ((Number) JsonText.parseObject(text(get("/api/version?exp=quad"))).get("version")).longValue();
    Files.writeString(dir.resolve("quad").resolve(trials.get(0)).resolve("result.json"),
        "{\"training_iteration\": 6, \"mean_loss\": 0.9}\n", StandardOpenOption.APPEND);
    Thread.sleep(ResultsViewer.REFRESH_MILLIS + 50);
    long v2 = ((Number) JsonText.parseObject(text(get("/api/version?exp=quad"))).get("version")).longValue();
    assertTrue(v1 != v2, "a new result changes the version");
  }

  @Test
  void monitorVideosAreListedAndServedInByteRanges() throws Exception {
    Path trialDir = dir.resolve("quad").resolve(trials.get(1));
    Path mp4 = Sweeps.monitorVideo(trialDir, 8, 10, 25);
    Files.writeString(trialDir.resolve("openaigym.video.0.4242.video000008.meta.json"), "{}");
    Thread.sleep(ResultsViewer.REFRESH_MILLIS + 50);
    String page = text(get("/experiments/quad/trials/" + enc(trials.get(1))));
    String src = "/experiments/quad/trials/" + enc(trials.get(1)).replace("+", "%20") + "/videos/" + mp4.getFileName();
    assertTrue(page.contains("<video controls preload=\"metadata\" src=\"" + src + "\">"), page);
    assertTrue(page.contains("env 0 · episode 8"));
    byte[] whole = Files.readAllBytes(mp4);
    HttpResponse<byte[]> all = get(src);
    assertEquals(200, all.statusCode());
    assertEquals("video/mp4", all.headers().firstValue("Content-Type").orElse(""));
    assertTrue(java.util.Arrays.equals(whole, all.body()));
    HttpResponse<byte[]> tail = http.send(HttpRequest.newBuilder(viewer.uri().resolve(src)).header("Range", "bytes=-100").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(206, tail.statusCode());
    assertEquals("bytes " + (whole.length - 100) + "-" + (whole.length - 1) + "/" + whole.length,
        tail.headers().firstValue("Content-Range").orElse(""));
    assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOfRange(whole, whole.length - 100, whole.length), tail.body()));
    HttpResponse<byte[]> mid = http.send(HttpRequest.newBuilder(viewer.uri().resolve(src)).header("Range", "bytes=10-19").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOfRange(whole, 10, 20), mid.body()));
    HttpResponse<byte[]> past = http.send(HttpRequest.newBuilder(viewer.uri().resolve(src))
        .header("Range", "bytes=" + whole.length + "-").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(416, past.statusCode());
    assertEquals(404, get("/experiments/quad/trials/" + enc(trials.get(1)) + "/videos/params.json").statusCode(),
        "only monitor videos are served, never other files");
    assertEquals(404, get("/experiments/quad/trials/" + enc(trials.get(1)) + "/videos/openaigym.video.0.4242.video000008.meta.json")
        .statusCode());
  }

  @Test
  void pathTraversalGets400() throws Exception {
    for (String line : List.of(
        "GET /experiments/../../etc/passwd HTTP/1.1",
        "GET /experiments/..%2F..%2Fetc HTTP/1.1",
        "GET /experiments/%2e%2e HTTP/1.1",
        "GET /experiments/%2Fetc%2Fpasswd HTTP/1.1",
        "GET /experiments/quad/trials/..%2F..%2F..%2Fetc%2Fpasswd HTTP/1.1",
        "GET /experiments/quad/plot.png?trial=..%2Fquad HTTP/1.1",
        "GET /api/version?exp=%2Fetc HTTP/1.1",
        "GET /static/..%2F..%2Fpom.xml HTTP/1.1",
        "GET /experiments/quad/trials/x/videos/..%2F..%2F..%2Fpom.xml HTTP/1.1",
        "GET /../../etc/passwd HTTP/1.1")) {
      String reply = raw(line);
      assertTrue(reply.startsWith("HTTP/1.1 400"), line + " -> " + reply.lines().findFirst().orElse(""));
    }
  }

  @Test
  void theViewerIsReadOnlyAndNamesWhatIsMissing() throws Exception {
    HttpResponse<byte[]> post = http.send(HttpRequest.newBuilder(viewer.uri().resolve("/experiments/quad"))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(405, post.statusCode());
    assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
    HttpResponse<byte[]> missing = get("/experiments/nope");
    assertEquals(404, missing.statusCode());
    assertTrue(text(missing).contains("no experiment 'nope'"), text(missing));
    assertEquals(404, get("/static/other.js").statusCode());
    HttpResponse<byte[]> badMode = get("/?metric=mean_loss&mode=best");
    assertEquals(400, badMode.statusCode());
    assertTrue(text(badMode).contains("mode='best' must be max or min"), text(badMode));
    assertEquals(400, get("/experiments/quad?mode=up").statusCode());
    assertEquals(200, get("/static/viewer.js").statusCode());
    HttpResponse<Void> head = http.send(HttpRequest.newBuilder(viewer.uri().resolve("/")).method("HEAD",
        HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    assertEquals(200, head.statusCode());
    assertTrue(URI.create(viewer.uri() + "x").toString().endsWith("/x"));
  }
}
