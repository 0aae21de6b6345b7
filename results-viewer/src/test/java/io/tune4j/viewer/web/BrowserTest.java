package io.tune4j.viewer.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.tune4j.viewer.Sweeps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The viewer in a real headless Chromium: sorting, filtering, selecting, comparing, plots, live refresh. */
class BrowserTest {
  @TempDir static Path dir;
  static ResultsViewer viewer;
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    assumeFalse(Chromium.skipped(), "-Dtune4j.skipBrowser=true");
    Chromium.ensureInstalled();
    Sweeps.quadratic(dir.resolve("results"), "quad");
    viewer = ResultsViewer.start(dir.resolve("results"), "127.0.0.1", 0);
    browser = Chromium.start(dir.resolve("profile"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (viewer != null) {
      viewer.close();
    }
  }

  static WebDriverWait waitUpTo(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  static List<String> column(String key) {
    List<WebElement> heads = browser.findElements(By.cssSelector("#trials thead th"));
    int index = -1;
    for (int i = 0; i < heads.size(); i++) {
      if (key.equals(heads.get(i).getAttribute("data-key"))) {
        index = i;
      }
    }
    int col = index + 1;
    return browser.findElements(By.cssSelector("#trials tbody tr:not([hidden]) td:nth-child(" + col + ")"))
        .stream().map(WebElement::getText).toList();
  }

  static void screenshot(String name) throws Exception {
    Path out = Path.of("target", name);
    Files.createDirectories(out.getParent());
    Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), out, StandardCopyOption.REPLACE_EXISTING);
  }

  static boolean imageLoaded(WebElement img) {
    Object w = ((JavascriptExecutor) browser).executeScript(
        "return arguments[0].complete ? arguments[0].naturalWidth : 0;", img);
    return ((Number) w).intValue() > 0;
  }

  @Test
  void sortSelectCompareAndPlot() throws Exception {
    browser.get(viewer.uri().toString());
    browser.findElement(By.linkText("quad")).click();
    waitUpTo(10).until(d -> d.findElements(By.cssSelector("#trials tbody tr")).size() == 3);

    // Sort by lr: ascending, then descending on a second click.
    WebElement lr = browser.findElement(By.cssSelector("#trials th[data-key='p:lr']"));
    lr.click();
    assertEquals(List.of("0.01", "0.1", "1"), column("p:lr"));
    assertTrue(lr.getAttribute("class").contains("sorted-asc"));
    lr.click();
    assertEquals(List.of("1", "0.1", "0.01"), column("p:lr"));
    // The best trial (lowest mean_loss: lr 1.0, before it failed) is highlighted.
    assertTrue(browser.findElement(By.cssSelector("#trials tr.best")).getText().contains("lr=1.0"));

    // Filter by a column value, then clear it.
    WebElement filter = browser.findElement(By.id("filter"));
    filter.sendKeys("status=error");
    assertEquals(List.of("1"), column("p:lr"));
    filter.clear();
    filter.sendKeys(" ");
    assertEquals(3, column("p:lr").size());

    // Pick two trials: the plot shows them and Compare is enabled.
    WebElement compare = browser.findElement(By.id("compare"));
    assertFalse(compare.isEnabled());
    List<WebElement> picks = browser.findElements(By.cssSelector("#trials input.pick"));
    picks.get(1).click();
    picks.get(2).click();
    assertTrue(compare.isEnabled());
    WebElement plot = browser.findElement(By.id("plot"));
    waitUpTo(20).until(d -> plot.getAttribute("src").split("trial=", -1).length == 3 && imageLoaded(plot));
    screenshot("viewer-experiment.png");

    compare.click();
    waitUpTo(10).until(d -> d.getCurrentUrl().contains("/compare?"));
    List<WebElement> diff = browser.findElements(By.cssSelector("#configdiff tr.diff th"));
    assertEquals(List.of("lr"), diff.stream().map(WebElement::getText).toList(), "only lr differs");
    assertEquals(3, browser.findElements(By.cssSelector("#finalmetrics thead th")).size(), "metric + two trials");
    WebElement comparePlot = browser.findElement(By.id("plot"));
    waitUpTo(20).until(d -> imageLoaded(comparePlot));
    browser.findElement(By.id("onlydiff")).click();
    assertEquals(1, browser.findElements(By.cssSelector("#configdiff tbody tr:not([hidden])")).size(),
        "only the differing row stays");
    screenshot("viewer-compare.png");
  }

  @Test
  void monitorVideosPlayInThePageAndKeepPlayingThroughLiveUpdates() throws Exception {
    Path exp = dir.resolve("results/quad");
    Path trial;
    try (java.util.stream.Stream<Path> s = Files.list(exp)) {
      trial = s.filter(p -> p.getFileName().toString().contains("lr=0.1_")).findFirst().orElseThrow();
    }
    Sweeps.monitorVideo(trial, 0, 50, 25);
    browser.get(viewer.uri().resolve("/experiments/quad/trials/" + java.net.URLEncoder.encode(
        trial.getFileName().toString(), java.nio.charset.StandardCharsets.UTF_8)).toString());
    JavascriptExecutor js = browser;
    WebElement video = waitUpTo(20).until(d -> d.findElements(By.cssSelector("#videos video")).stream().findFirst().orElse(null));
    // readyState 2 (HAVE_CURRENT_DATA): Chromium parsed the MP4 and decoded the first H.264 frame.
    waitUpTo(20).until(d -> ((Number) js.executeScript("return arguments[0].readyState;", video)).intValue() >= 2);
    double duration = ((Number) js.executeScript("return arguments[0].duration;", video)).doubleValue();
    assertEquals(2.0, duration, 0.1, "50 frames at 25 fps");
    assertEquals(320L, js.executeScript("return arguments[0].videoWidth;", video));
    js.executeScript("arguments[0].__kept = true;", video);
    Files.writeString(trial.resolve("result.json"), "{\"training_iteration\": 9, \"mean_loss\": 0.5}\n",
        java.nio.file.StandardOpenOption.APPEND);
    waitUpTo(20).until(d -> d.findElement(By.cssSelector("p.states")).getText().contains("6 results"));
    assertEquals(Boolean.TRUE, js.executeScript("return document.querySelector('#videos video').__kept === true;"),
        "the live update kept the video element (and its playback)");
    screenshot("viewer-trial-video.png");
  }

  @Test
  void pagesUpdateLiveWithoutReloading() throws Exception {
    browser.get(viewer.uri().toString());
    JavascriptExecutor js = browser;
    js.executeScript("window.__sameDocument = true;");
    CompletableFuture<Path> run = CompletableFuture.supplyAsync(() -> Sweeps.slow(dir.resolve("results"), "live", 60, 50));
    try {
      waitUpTo(60).until(d -> !d.findElements(By.cssSelector("tr[data-experiment='live']")).isEmpty());
      assertEquals(Boolean.TRUE, js.executeScript("return window.__sameDocument === true;"), "no reload");
      browser.findElement(By.linkText("live")).click();
      waitUpTo(20).until(d -> d.findElements(By.cssSelector("#trials tbody tr")).size() == 2);
      js.executeScript("window.__sameDocument = true;");
      double first = Double.parseDouble(column("iter").get(0));
      waitUpTo(60).until(d -> Double.parseDouble(column("iter").get(0)) > first);
      assertEquals(Boolean.TRUE, js.executeScript("return window.__sameDocument === true;"), "no reload");
      run.join();
      waitUpTo(30).until(d -> column("status").stream().allMatch(s -> s.equals("TERMINATED")));
      assertEquals(List.of("60", "60"), column("iter"));
      assertTrue(browser.findElement(By.id("livestatus")).getText().startsWith("live"));
    } finally {
      run.join();
    }
  }
}
